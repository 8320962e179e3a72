import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'bullmq',
  rowsOf,
  [
    {
      name: 'a Worker with an inline processor and one with a named processor',
      text: "import { Worker } from 'bullmq';\nnew Worker('email', async (job) => {\n  await send(job.data);\n});\nconst w = new Worker(QUEUE, processEmail, { connection });\nconst QUEUE = 'reports';",
      rows: ['2 queue bullmq email <- L2-4', '5 queue bullmq reports <- processEmail'],
    },
    {
      name: 'an imported queue name and a sandboxed processor file',
      text: "import { Worker } from 'bullmq';\nimport { EMAIL_QUEUE } from '../queues.js';\nnew Worker(EMAIL_QUEUE, path.join(__dirname, 'processor.js'));",
      rows: ['3 queue bullmq ../queues.js#EMAIL_QUEUE <- '],
    },
    {
      name: 'Bull queue.process with a job name and concurrency',
      text: "import Queue from 'bull';\nconst imageQueue = new Queue('images', redisUrl);\nimageQueue.process('resize', 5, resizeImage);",
      rows: ['3 queue bull images <- resizeImage'],
    },
  ],
  [
    { name: 'a Worker from another package', text: "import { Worker } from 'node:worker_threads';\nnew Worker('./thread.js');\nconst bullmq = 'bullmq';" },
    { name: 'process() on something that is not a queue', text: "import { Queue } from 'bullmq';\nimage.process('resize', fn);" },
  ],
);
