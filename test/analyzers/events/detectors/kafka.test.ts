import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'kafka',
  rowsOf,
  [
    {
      name: 'send, sendBatch and subscribe',
      text: "const TOPIC = 'orders.placed';\nawait producer.send({ topic: TOPIC, messages: [{ value }] });\nawait producer.sendBatch({ topicMessages: [{ topic: 'a', messages }, { topic: 'b', messages }] });\nawait consumer.subscribe({ topics: ['payments'] });",
      rows: ['2 publish kafka orders.placed', '3 publish kafka a', '3 publish kafka b', '4 consume kafka payments'],
    },
  ],
  [{ name: 'send without messages and subscribe without topics', text: "mailer.send({ topic: 'x', to });\nstore.subscribe({ topic: undefined });\nsocket.send({ topics });" }],
);
