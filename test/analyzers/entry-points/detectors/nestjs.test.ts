import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'nestjs',
  rowsOf,
  [
    {
      name: 'a controller with verbs, an empty path and an object prefix',
      text: "@Controller('orders')\nexport class OrdersController {\n  @Get(':id')\n  findOne(@Param('id') id: string) {\n    return this.orders.find(id);\n  }\n  @Post()\n  @HttpCode(201)\n  create(@Body() dto) {}\n}\n@Controller({ path: 'admin/users' })\nclass UsersController {\n  @Delete(':id') remove() {}\n}",
      rows: ['3 http nestjs GET /orders/:id <- L4-6', '7 http nestjs POST /orders <- L9-9', '13 http nestjs DELETE /admin/users/:id <- L13-13'],
    },
    {
      name: 'GraphQL queries and mutations',
      text: "@Resolver()\nexport class ProductResolver {\n  @Query()\n  products(@Args() args) {}\n  @Mutation(() => Product, { name: 'createProduct' })\n  create() {}\n}",
      rows: ['3 http nestjs-graphql Query products <- L4-4', '5 http nestjs-graphql Mutation createProduct <- L6-6'],
    },
    {
      name: 'event, message and schedule handlers',
      text: "const ORDER_CREATED = 'order.created';\n@Injectable()\nexport class Listeners {\n  @OnEvent(ORDER_CREATED)\n  onCreated() {}\n  @OnEvent({ name: 'app.bootstrap' })\n  onBoot() {}\n  @EventPattern('user_created')\n  handleUser() {}\n  @MessagePattern({ cmd: 'sum' })\n  sum() {}\n  @Cron('0 * * * *')\n  hourly() {}\n  @Cron(CronExpression.EVERY_DAY_AT_MIDNIGHT)\n  daily() {}\n  @Interval(5000)\n  poll() {}\n}\nimport { CronExpression } from '@nestjs/schedule';",
      rows: [
        '4 event nestjs order.created <- L5-5',
        '6 event nestjs app.bootstrap <- L7-7',
        '8 event nestjs-microservices user_created <- L9-9',
        '10 queue nestjs-microservices sum <- L11-11',
        '12 cron nestjs 0 * * * * <- L13-13',
        '14 cron nestjs CronExpression.EVERY_DAY_AT_MIDNIGHT <- L15-15',
        '16 cron nestjs every 5000 ms <- L17-17',
      ],
    },
    {
      name: 'Bull @Process methods, a BullMQ WorkerHost and an @OnJob handler',
      text: "@Processor('audio')\nexport class AudioConsumer {\n  @Process('transcode')\n  async transcode(job) {}\n}\n@Processor({ name: 'video' })\nexport class VideoConsumer extends WorkerHost {\n  async process(job) {}\n}\nclass Jobs {\n  @OnJob({ name: JobName.Cleanup, queue: QueueName.Background })\n  cleanup() {}\n}\nimport { JobName, QueueName } from './enum';",
      rows: ['3 queue bull audio <- L4-4', '8 queue bullmq video <- L8-8', '11 queue bullmq ./enum#QueueName.Background <- L12-12'],
    },
  ],
  [
    { name: 'verb decorators outside a controller', text: "class A {\n  @Get(':id')\n  find() {}\n}\n@Controller('x')\nclass B {}" },
    { name: 'a process method outside a processor', text: "@Injectable()\nclass Runner {\n  process(job) {}\n}\nconst c = '@Controller(';" },
  ],
);
