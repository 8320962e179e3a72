import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'cron',
  rowsOf,
  [
    {
      name: 'node-cron with a literal and an expression read from config',
      text: "import cron from 'node-cron';\ncron.schedule('*/5 * * * *', () => purge());\ncron.schedule(task.schedule, run, { timezone: 'UTC' });",
      rows: ['2 cron node-cron */5 * * * * <- L2-2', '3 cron node-cron task.schedule <- run'],
    },
    {
      name: 'cron CronJob and CronJob.from',
      text: "import { CronJob } from 'cron';\nnew CronJob('0 0 * * *', nightly);\nCronJob.from({ cronTime: '0 4 * * *', onTick: async () => {} });",
      rows: ['2 cron cron 0 0 * * * <- nightly', '3 cron cron 0 4 * * * <- L3-3'],
    },
    {
      name: 'node-schedule with a job name',
      text: "import schedule from 'node-schedule';\nschedule.scheduleJob('digest', '0 7 * * 1', sendDigest);",
      rows: ['2 cron node-schedule 0 7 * * 1 <- sendDigest'],
    },
  ],
  [{ name: 'schedule() not from a cron package', text: "import { schedule } from './calendar';\nschedule('monday', h);\nconst cron = 'cron';" }],
);
