import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'sqs',
  rowsOf,
  [
    {
      name: 'an sqs-consumer with a literal URL and one with a template URL',
      text: "import { Consumer } from 'sqs-consumer';\nConsumer.create({\n  queueUrl: 'https://sqs.eu-west-1.amazonaws.com/123/order-events',\n  handleMessage: async (message) => {},\n});\nConsumer.create({ queueUrl: `${base}/refunds`, handleMessageBatch: onBatch });",
      rows: ['2 queue sqs order-events <- L4-4', '6 queue sqs refunds <- onBatch'],
    },
  ],
  [{ name: 'create() of something else', text: "import { Consumer } from 'sqs-consumer';\nStore.create({ queueUrl: 'x' });" }],
);
