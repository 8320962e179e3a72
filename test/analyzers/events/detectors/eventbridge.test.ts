import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'eventbridge',
  rowsOf,
  [
    {
      name: 'PutEventsCommand, putEvents (v2) and rule patterns',
      text: "const DETAIL = 'OrderShipped';\nawait client.send(new PutEventsCommand({ Entries: [{ Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{}' }, { DetailType: DETAIL }] }));\nawait eventBridge.putEvents({ Entries: [{ DetailType: 'RefundIssued' }] }).promise();\nconst pattern = { source: ['shop.orders'], 'detail-type': ['OrderPlaced', 'OrderShipped'] };\nnew Rule(this, 'r', { eventPattern: { source: ['shop'], detailType: ['StockLow'] } });",
      rows: [
        '2 publish eventbridge OrderPlaced',
        '2 publish eventbridge OrderShipped',
        '3 publish eventbridge RefundIssued',
        '4 consume eventbridge OrderPlaced',
        '4 consume eventbridge OrderShipped',
        '5 consume eventbridge StockLow',
      ],
    },
  ],
  [{ name: 'a detailType outside an event pattern', text: "const view = { detailType: 'compact' };\nconst putEvents = 1;" }],
);
