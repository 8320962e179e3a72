import { Visitor, type Program, type VisitorObject } from 'oxc-parser';

/** A visit function of one node type (`CallExpression`) or exit (`ClassDeclaration:exit`). */
export type AstHandler = (node: never) => void;

/** One compiled oxc Visitor per set of node types, whose functions call the handlers of the walk in progress. */
interface ReusedVisitor {
  visitor: Visitor;
  slots: Record<string, AstHandler | undefined>;
  busy: boolean;
}

const reusedVisitors = new Map<string, ReusedVisitor>();

/**
 * Walks a file's AST once, calling `handlers` by node type (oxc's `Visitor` keys, `:exit` too).
 *
 * Use this instead of `new Visitor(…)` per file: oxc-parser (0.154–0.159) keeps every
 * `{ enter, exit }` object a standalone `Visitor` compiles in a module-level cache that it never
 * resets, so each per-file visitor's closures, and the file and AST they capture, stayed alive
 * for the life of the process. Here one `Visitor` is compiled per set of node types and reused;
 * its slots are cleared after the walk, so nothing of the file is kept.
 */
export function visitAst(program: Program, handlers: Readonly<Record<string, AstHandler>>): void {
  const types = Object.keys(handlers).sort();
  if (types.length === 0) return;
  const key = types.join('\n');
  let reused = reusedVisitors.get(key);
  if (reused?.busy) {
    // A walk inside a walk with the same types: a one-off visitor (rare; not reused).
    new Visitor(handlers as VisitorObject).visit(program);
    return;
  }
  if (!reused) {
    const slots: Record<string, AstHandler | undefined> = {};
    const trampolines: Record<string, AstHandler> = {};
    for (const type of types) trampolines[type] = (node) => slots[type]?.(node);
    reused = { visitor: new Visitor(trampolines as VisitorObject), slots, busy: false };
    reusedVisitors.set(key, reused);
  }
  Object.assign(reused.slots, handlers);
  reused.busy = true;
  try {
    reused.visitor.visit(program);
  } finally {
    reused.busy = false;
    for (const type of types) reused.slots[type] = undefined;
  }
}
