import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'bullmq',
  rowsOf,
  [
    {
      name: 'a queue and a worker in one file',
      text: "import { Queue, Worker } from 'bullmq';\nconst reindex = new Queue('search-reindex', { connection });\nexport async function requestReindex(id) {\n  await reindex.add('product', { id });\n}\nnew Worker('search-reindex', handle);",
      rows: ['4 publish bullmq search-reindex', '6 consume bullmq search-reindex'],
    },
    {
      name: 'a queue name from an unreadable same-file constant, addBulk, a class field',
      text: "import { Queue } from 'bullmq';\nexport const EMAIL_QUEUE = queueName('email');\nexport const emailQueue = new Queue(EMAIL_QUEUE);\nemailQueue.addBulk(jobs);\nclass Jobs {\n  private q = new Queue('reports');\n  run() {\n    return this.q.add('daily', {});\n  }\n}",
      rows: ['4 publish bullmq ./a.ts#EMAIL_QUEUE', '8 publish bullmq reports'],
    },
    {
      name: 'NestJS @InjectQueue and @Processor',
      text: "import { InjectQueue, Processor } from '@nestjs/bullmq';\nclass AudioService {\n  constructor(@InjectQueue('audio') private readonly audioQueue: Queue) {}\n  async transcode() {\n    await this.audioQueue.add('transcode', { file });\n  }\n}\n@Processor('audio')\nclass AudioConsumer extends WorkerHost {}",
      rows: ['5 publish bullmq audio', '8 consume bullmq audio'],
    },
    {
      name: 'Bull process',
      text: "import Bull from 'bull';\nconst q = new Bull('images');\nq.process(resize);",
      rows: ['3 consume bull images'],
    },
  ],
  [{ name: 'add() on values that are not queues', text: "import { Queue } from 'bullmq';\nset.add('x');\nimportedQueue.add('job', {});" }],
);
