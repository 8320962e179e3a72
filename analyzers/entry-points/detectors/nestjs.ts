import type { Class, MethodDefinition } from 'oxc-parser';
import { objectOf, propertyValue, unwrap, type AnyNode } from '../../sql/ast.js';
import { decoratorOf, decoratorsOf, defineDetector, methodName, methodsOf, type DetectorContext } from '../../shared/detector.js';
import { joinRoutePath, toRouteName } from '../routes.js';

const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Options', 'Head', 'Search']);
const GRAPHQL_DECORATORS = new Set(['Query', 'Mutation', 'Subscription']);

/** The names a decorator argument holds: a name, an array of names, or an object's `key` (`{ path: 'x' }`, `{ name: 'x' }`). */
function namesOf(context: DetectorContext, node: AnyNode | undefined, key: string): string[] {
  if (!node) return [];
  const inner = unwrap(node);
  if (inner.type === 'ArrayExpression') return inner.elements.flatMap((element) => namesOf(context, element as AnyNode | undefined, key));
  const options = objectOf(inner);
  if (options) return namesOf(context, propertyValue(options, key), key);
  const name = context.toName(inner);
  return name === undefined ? [] : [name];
}

/** A readable name for a value taken from a package (`CronExpression.EVERY_HOUR` rather than `@nestjs/schedule#CronExpression.EVERY_HOUR`). */
function withoutPackage(name: string): string {
  const hash = name.indexOf('#');
  return hash > 0 && !name.startsWith('.') && !name.startsWith('/') && !name.startsWith('#') ? name.slice(hash + 1) : name;
}

function recordMethod(context: DetectorContext, ownerDecorators: Map<string, AnyNode[]>, method: MethodDefinition): void {
  const handlers = [{ kind: 'inline' as const, startLine: context.lineOf(method.value), endLine: context.lineOf(method.value.end) }];
  for (const decorator of method.decorators ?? []) {
    const read = decoratorOf(decorator);
    if (!read) continue;
    const [first, second] = read.arguments;
    if (HTTP_DECORATORS.has(read.name) && ownerDecorators.has('Controller')) {
      const prefixes = namesOf(context, ownerDecorators.get('Controller')?.[0], 'path');
      const paths = first ? namesOf(context, first, 'path') : [''];
      for (const prefix of prefixes.length > 0 ? prefixes : ['']) {
        for (const path of paths) context.addEntryPoint('http', toRouteName(read.name, joinRoutePath(joinRoutePath('/', prefix), path)), 'nestjs', decorator, handlers);
      }
    } else if (GRAPHQL_DECORATORS.has(read.name) && ownerDecorators.has('Resolver')) {
      const options = objectOf(second) ?? objectOf(first);
      const field = context.toName(propertyValue(options, 'name')) ?? methodName(method);
      if (field !== undefined) context.addEntryPoint('http', `${read.name} ${field}`, 'nestjs-graphql', decorator, handlers);
    } else if (read.name === 'EventPattern' || read.name === 'MessagePattern') {
      for (const name of namesOf(context, first, 'cmd')) context.addEntryPoint(read.name === 'EventPattern' ? 'event' : 'queue', name, 'nestjs-microservices', decorator, handlers);
    } else if (read.name === 'OnEvent') {
      for (const name of namesOf(context, first, 'name')) context.addEntryPoint('event', name, 'nestjs', decorator, handlers);
    } else if (read.name === 'Cron') {
      for (const name of namesOf(context, first, 'cronTime')) context.addEntryPoint('cron', withoutPackage(name), 'nestjs', decorator, handlers);
    } else if (read.name === 'Interval') {
      const name = context.toName(first);
      const milliseconds = first && unwrap(first).type === 'Literal' ? String((unwrap(first) as { value: unknown }).value) : undefined;
      context.addEntryPoint('cron', milliseconds !== undefined ? `every ${milliseconds} ms` : (name ?? 'interval'), 'nestjs', decorator, handlers);
    } else if (read.name === 'Process' && ownerDecorators.has('Processor')) {
      for (const queue of namesOf(context, ownerDecorators.get('Processor')?.[0], 'name')) context.addEntryPoint('queue', queue, 'bull', decorator, handlers);
    } else if (read.name === 'OnJob') {
      for (const queue of namesOf(context, first, 'queue')) context.addEntryPoint('queue', queue, 'bullmq', decorator, handlers);
    }
  }
  // @nestjs/bullmq: a @Processor('q') class (a WorkerHost) handles every job in `process`.
  if (methodName(method) === 'process' && ownerDecorators.has('Processor') && !(method.decorators ?? []).some((d) => decoratorOf(d)?.name === 'Process')) {
    for (const queue of namesOf(context, ownerDecorators.get('Processor')?.[0], 'name')) context.addEntryPoint('queue', queue, 'bullmq', method, handlers);
  }
}

/**
 * NestJS: controllers (`@Controller('orders')` + `@Get(':id')` → `GET /orders/:id`; the global
 * prefix and versioning are not known per file), GraphQL resolvers (`@Query()`, `@Mutation()`,
 * `@Subscription()` in a `@Resolver()` class → `Query products`), microservice handlers
 * (`@EventPattern`, `@MessagePattern`), `@OnEvent('order.created')`, schedules (`@Cron`, `@Interval`),
 * Bull/BullMQ processors (`@Processor('q')` with `@Process()` methods or a `process` method) and
 * `@OnJob({ name, queue })` job handlers. The handler is the method's body.
 */
export const nestjsDetector = defineDetector({
  id: 'nestjs',
  description: 'NestJS controllers, resolvers, microservice patterns, @OnEvent, @Cron and queue processors',
  textHint: /@(Controller|Resolver|EventPattern|MessagePattern|OnEvent|Cron|Interval|Processor|OnJob)\(/,
  visitor(context) {
    const visit = (node: Class) => {
      const ownerDecorators = decoratorsOf(node);
      for (const method of methodsOf(node)) if ((method.decorators ?? []).length > 0 || methodName(method) === 'process') recordMethod(context, ownerDecorators, method);
    };
    return { ClassDeclaration: visit, ClassExpression: visit };
  },
});
