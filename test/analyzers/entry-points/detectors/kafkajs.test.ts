import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'kafkajs',
  rowsOf,
  [
    {
      name: 'subscribe and run on one consumer',
      text: "const consumer = kafka.consumer({ groupId: 'billing' });\nawait consumer.subscribe({ topics: ['orders.placed', /payments\\..*/] });\nawait consumer.run({\n  eachMessage: async ({ topic, message }) => {\n    handle(message);\n  },\n});",
      rows: ['2 queue kafkajs orders.placed <- L4-6', '2 queue kafkajs /payments\\..*/ <- L4-6'],
    },
    {
      name: 'a topic constant and a named batch handler',
      text: "const TOPIC = 'inventory';\nawait this.consumer.subscribe({ topic: TOPIC, fromBeginning: true });\nawait this.consumer.run({ eachBatch: this.handleBatch });",
      rows: ['2 queue kafkajs inventory <- this.handleBatch'],
    },
  ],
  [{ name: 'an RxJS subscribe', text: 'source$.subscribe({ next: (v) => log(v) });' }],
);
