import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'sqs',
  rowsOf,
  [
    {
      name: 'SendMessageCommand, sendMessage (v2), ReceiveMessageCommand and sqs-consumer',
      text: "import { Consumer } from 'sqs-consumer';\nimport { REFUNDS_URL } from './config';\nawait sqs.send(new SendMessageCommand({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/1/order-events', MessageBody }));\nawait sqs.sendMessage({ QueueUrl: REFUNDS_URL, MessageBody }).promise();\nawait sqs.send(new ReceiveMessageCommand({ QueueUrl: `${base}/order-events` }));\nConsumer.create({ queueUrl: 'https://x/1/refunds', handleMessage });",
      rows: ['3 publish sqs order-events', '4 publish sqs ./config#REFUNDS_URL', '5 consume sqs order-events', '6 consume sqs refunds'],
    },
  ],
  [{ name: 'a queue URL only known at run time', text: 'await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL }));' }],
);
