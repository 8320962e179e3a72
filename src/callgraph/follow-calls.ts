import type { CalleeRef, ModuleId } from '../model/facts.js';
import type { Location } from '../model/result.js';
import type { LinkedAccess } from '../tables/link-tables.js';
import { toCalleeHandles, type CallGraph, type FunctionRef } from './build-call-graph.js';

/** Where following starts: lines of a module (a transaction scope, a route handler). */
export interface FollowStart {
  module: ModuleId;
  startLine: number;
  endLine: number;
  /**
   * The transaction handle's names: only calls that pass one of them (or call a method on one)
   * are followed, and in the callee the handle is the parameter it was passed as. Undefined:
   * follow every call (implicit handles, request handlers).
   */
  handles?: string[];
  /** The handle is a transaction-bound copy of this receiver (`this.orders`): `handle.m()` is `this.orders.m()`. */
  handleIs?: string;
}

/** A table access reached, with the call sites that lead to it and the access last. */
export interface ReachedAccess {
  access: LinkedAccess;
  path: Location[];
}

/** What a start reaches through the call graph. */
export interface Reach {
  accesses: ReachedAccess[];
  /** Functions entered, with the call sites leading to them. */
  functions: { ref: FunctionRef; path: Location[] }[];
  outboundHttp: Location[];
}

interface Step {
  module: ModuleId;
  startLine: number;
  endLine: number;
  handles: string[] | undefined;
  handleIs: string | undefined;
  path: Location[];
  depth: number;
}

function mentionsHandle(args: string[][], handles: readonly string[]): boolean {
  return args.some((names) => names.some((name) => handles.includes(name)));
}

/**
 * Follows calls breadth-first from a start, up to `maxDepth` calls deep, collecting the table
 * accesses and outbound HTTP calls inside every line range entered. Each function is entered
 * once (by its shortest path). Accesses in the lines of a function count whoever calls it.
 */
export function followCalls(graph: CallGraph, accessesByModule: ReadonlyMap<ModuleId, LinkedAccess[]>, start: FollowStart, maxDepth: number): Reach {
  const reach: Reach = { accesses: [], functions: [], outboundHttp: [] };
  const entered = new Set<string>();
  const queue: Step[] = [{ ...start, handles: start.handles, handleIs: start.handleIs, path: [], depth: 0 }];
  for (let index = 0; index < queue.length; index += 1) {
    const step = queue[index] as Step;
    for (const access of accessesByModule.get(step.module) ?? []) {
      if (access.line >= step.startLine && access.line <= step.endLine) {
        reach.accesses.push({ access, path: [...step.path, { file: step.module, line: access.line }] });
      }
    }
    for (const call of graph.factsOf(step.module)?.outboundHttp ?? []) {
      if (call.line >= step.startLine && call.line <= step.endLine) reach.outboundHttp.push({ file: step.module, line: call.line });
    }
    if (step.depth >= maxDepth) continue;
    for (const call of graph.callsOf(step.module)) {
      if (call.line < step.startLine || call.line > step.endLine) continue;
      let callee: CalleeRef = call.callee;
      const onHandle = step.handles !== undefined && callee.kind === 'member' && step.handles.includes(callee.object);
      if (step.handles !== undefined && !onHandle && !mentionsHandle(call.args, step.handles)) continue;
      if (onHandle && step.handleIs !== undefined && callee.kind === 'member') callee = { kind: 'member', object: step.handleIs, property: callee.property };
      else if (onHandle) continue; // a method of the client itself (trx.commit(), tx.user.create()): not a function of the repo
      const target = graph.resolveCallee(step.module, callee, call.line);
      if (!target) continue;
      const key = `${target.module}\u0000${target.fn.name}`;
      if (entered.has(key)) continue;
      entered.add(key);
      const path = [...step.path, { file: step.module, line: call.line }];
      reach.functions.push({ ref: target, path });
      const handles = step.handles === undefined || onHandle ? undefined : toCalleeHandles(call, target.fn, step.handles);
      queue.push({ module: target.module, startLine: target.fn.startLine, endLine: target.fn.endLine, handles, handleIs: undefined, path, depth: step.depth + 1 });
    }
  }
  return reach;
}
