import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'emitter',
  rowsOf,
  [
    {
      name: 'listeners on a bus, an imported event name, once and subscribe',
      text: "import { bus } from '../lib/events.js';\nimport { ORDER_PLACED } from './events.js';\nbus.on('order.placed', async (e) => {\n  await index(e);\n});\nbus.once(ORDER_PLACED, onPlaced);\nthis.eventBus.subscribe('user.created', this.onUser);",
      rows: ['3 event emitter order.placed <- L3-5', '6 event emitter ./events.js#ORDER_PLACED <- onPlaced', '7 event emitter user.created <- this.onUser'],
    },
    {
      name: 'a local EventEmitter and a subclass',
      text: "import { EventEmitter } from 'node:events';\nclass Hub extends EventEmitter {}\nconst hub2 = new Hub();\nconst notifier = new EventEmitter();\nnotifier.on('stock.low', alert);\nhub2.addListener('refund.issued', h);",
      rows: ['5 event emitter stock.low <- alert', '6 event emitter refund.issued <- h'],
    },
  ],
  [
    { name: 'process, stream, socket and request events', text: "process.on('exit', h);\nstream.on('data', h);\nreq.on('end', h);\nsocket.on('message', h);\nthis.server.on('listening', h);" },
    { name: "Node's own event names on a bus, and queue worker events", text: "bus.on('error', h);\nworker.on('failed', h);\nevents.once('close', h);" },
    { name: 'an event name only known at run time', text: 'bus.on(name, h);\nbus.on(`${prefix}.created`, h);' },
  ],
);
