import { Visitor, type Program, type VisitorObject } from 'oxc-parser';
import { LEAF_NODE_TYPES_COUNT, NODE_TYPE_IDS_MAP, NODE_TYPES_COUNT } from 'oxc-parser/src-js/generated/visit/type_ids';
import { walkProgram } from 'oxc-parser/src-js/generated/visit/walk';

/** A visit function of one node type (`CallExpression`) or exit (`ClassDeclaration:exit`). */
export type AstHandler = (node: never) => void;

/**
 * The walk of one program as it happened: node `nodes[i]` was entered (`codes[i] = 2 × type id`)
 * or exited (`2 × type id + 1`). Leaf nodes have one event, an enter.
 */
interface RecordedWalk {
  nodes: unknown[];
  codes: number[];
}

const recordedWalks = new WeakMap<Program, RecordedWalk>();

/** The walk being recorded (module state: the recording visitor is compiled once and reused). */
let recording: RecordedWalk | undefined;

/** oxc's compiled-visitor array that records every enter and exit into `recording`. */
const recordingVisitors: unknown[] = Array.from({ length: NODE_TYPES_COUNT }, (_, id) => {
  const enter = (node: unknown): void => {
    (recording as RecordedWalk).nodes.push(node);
    (recording as RecordedWalk).codes.push(id * 2);
  };
  if (id < LEAF_NODE_TYPES_COUNT) return enter;
  const exit = (node: unknown): void => {
    (recording as RecordedWalk).nodes.push(node);
    (recording as RecordedWalk).codes.push(id * 2 + 1);
  };
  return { enter, exit };
});

/** Handlers indexed by event code; undefined when a handler names a type oxc does not have. */
function toHandlerTable(handlers: Readonly<Record<string, AstHandler>>): (AstHandler | undefined)[] | undefined {
  const table: (AstHandler | undefined)[] = new Array<AstHandler | undefined>(NODE_TYPES_COUNT * 2);
  for (const [key, handler] of Object.entries(handlers)) {
    const exit = key.endsWith(':exit');
    const id = NODE_TYPE_IDS_MAP.get(exit ? key.slice(0, -':exit'.length) : key);
    if (id === undefined) return undefined;
    if (id < LEAF_NODE_TYPES_COUNT) {
      // A leaf is one event: its enter, then its exit, run there.
      const other = exit ? handlers[key.slice(0, -':exit'.length)] : handlers[`${key}:exit`];
      const [first, second] = exit ? [other, handler] : [handler, other];
      table[id * 2] = first && second ? (node: never) => (first(node), second(node)) : (first ?? second);
    } else table[id * 2 + (exit ? 1 : 0)] = handler;
  }
  return table;
}

function replay(walk: RecordedWalk, table: readonly (AstHandler | undefined)[]): void {
  const { nodes, codes } = walk;
  for (let index = 0; index < codes.length; index++) {
    const handler = table[codes[index] as number];
    if (handler !== undefined) handler(nodes[index] as never);
  }
}

/**
 * Walks a file's AST once, calling `handlers` by node type (oxc's `Visitor` keys, `:exit` too),
 * in the order oxc's `Visitor` would.
 *
 * Several analyzers walk each file. The first walk of a program records every enter and exit
 * (oxc's own generated walker, driven with a visitor array compiled once); later walks replay
 * that record, calling only their handlers, which costs a fraction of a walk. The record is
 * held by the program (a WeakMap), so it goes when the AST goes.
 *
 * Not `new Visitor(…)` per file: oxc-parser (0.154–0.159) keeps every `{ enter, exit }` object a
 * standalone `Visitor` compiles in a module-level cache that it never resets, so each per-file
 * visitor's closures, and the file and AST they capture, stayed alive for the life of the process.
 */
export function visitAst(program: Program, handlers: Readonly<Record<string, AstHandler>>): void {
  if (Object.keys(handlers).length === 0) return;
  const table = toHandlerTable(handlers);
  if (table === undefined || recording !== undefined) {
    // A type oxc does not know (oxc's Visitor reports it), or a walk started inside a recording: a one-off visitor.
    new Visitor(handlers as VisitorObject).visit(program);
    return;
  }
  let walk = recordedWalks.get(program);
  if (walk === undefined) {
    walk = { nodes: [], codes: [] };
    recording = walk;
    try {
      walkProgram(program, recordingVisitors);
    } finally {
      recording = undefined;
    }
    recordedWalks.set(program, walk);
  }
  replay(walk, table);
}
