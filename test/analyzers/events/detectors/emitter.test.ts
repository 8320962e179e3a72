import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'emitter',
  rowsOf,
  [
    {
      name: 'publish and emit with a same-file constant and type arguments, on with a literal',
      text: "import { bus } from '../../lib/events.js';\nexport const ORDER_PLACED = 'order.placed';\nbus.publish<OrderPlaced>(ORDER_PLACED, payload);\nbus.emit('order.cancelled', x);\nbus.on('product.updated', reindex);",
      rows: ['3 publish emitter order.placed', '4 publish emitter order.cancelled', '5 consume emitter product.updated'],
    },
    {
      name: 'an imported constant as a placeholder, an event repository, this in an emitter class',
      text: "import { STAGE_ENTERED } from '../metric-events.js';\nimport { EventEmitter } from 'events';\nthis.eventRepository.emit('asset.delete', { id });\neventBus.on(STAGE_ENTERED, h);\nclass Cache extends EventEmitter {\n  refresh() {\n    this.emit('updated');\n  }\n}",
      rows: ['3 publish emitter asset.delete', '4 consume emitter ../metric-events.js#STAGE_ENTERED', '7 publish emitter updated'],
    },
    {
      name: 'NestJS EventEmitter2',
      text: "import { EventEmitter2 } from '@nestjs/event-emitter';\nthis.eventEmitter.emit('order.created', new OrderCreatedEvent());",
      rows: ['2 publish emitter order.created'],
    },
    {
      name: 'a template of same-file constants',
      text: "const PREFIX = 'billing';\nconst PAID = `${PREFIX}.paid`;\nevents.emit(PAID, invoice);",
      rows: ['3 publish emitter billing.paid'],
    },
  ],
  [
    { name: 'emit on sockets, streams and the process', text: "socket.emit('chat', m);\nprocess.emit('SIGINT');\nstream.emit('data', chunk);\nio.to(room).emit('update', x);" },
    { name: 'this.emit outside an emitter class', text: "class Vue {\n  save() {\n    this.emit('saved');\n  }\n}" },
    { name: 'system event names on a bus', text: "bus.on('error', h);\nemitter.emit('close');" },
  ],
);
