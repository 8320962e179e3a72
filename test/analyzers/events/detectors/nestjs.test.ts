import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'nestjs',
  rowsOf,
  [
    {
      name: '@OnEvent (string, array, options) and microservice patterns',
      text: "class Listeners {\n  @OnEvent('order.created')\n  a() {}\n  @OnEvent(['a.b', 'c.d'])\n  b() {}\n  @OnEvent({ name: 'app.bootstrap' })\n  c() {}\n  @EventPattern('user_created')\n  d() {}\n  @MessagePattern({ cmd: 'sum' })\n  e() {}\n}",
      rows: [
        '2 consume emitter order.created',
        '4 consume emitter a.b',
        '4 consume emitter c.d',
        '6 consume emitter app.bootstrap',
        '8 consume nestjs-microservices user_created',
        '10 consume nestjs-microservices sum',
      ],
    },
    {
      name: 'ClientProxy emit and send',
      text: "import { ClientProxy } from '@nestjs/microservices';\nthis.client.emit('user_created', dto);\nthis.mathClient.send({ cmd: 'sum' }, [1, 2]);",
      rows: ['2 publish nestjs-microservices user_created', '3 publish nestjs-microservices sum'],
    },
  ],
  [{ name: 'client.send without @nestjs/microservices', text: "class A {\n  @OnEvent(name)\n  a() {}\n}\nthis.client.send('x');\nconst s = '@nestjs/microservices';" }],
);
