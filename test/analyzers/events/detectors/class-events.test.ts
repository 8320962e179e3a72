import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'class-events',
  rowsOf,
  [
    {
      name: 'publish(new X()), ofType(X) and @EventsHandler(X)',
      text: "import { OrderPlacedEvent as Placed } from '../events';\nawait this.eventBus.publish(new Placed(ctx, order));\nthis.eventBus.ofType(ProductEvent).subscribe((e) => reindex(e));\n@EventsHandler(UserCreatedEvent)\nexport class UserCreatedHandler {}",
      rows: ['2 publish event-bus OrderPlacedEvent', '3 consume event-bus ProductEvent', '4 consume event-bus UserCreatedEvent'],
    },
  ],
  [{ name: 'publish of a plain value and other receivers', text: "this.eventBus.publish(event);\nredis.publish(new Message());\nlist.ofType(Foo);" }],
);
