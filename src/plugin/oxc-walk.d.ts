// Types of oxc-parser's generated walker (pinned version), which visit-ast.ts drives directly.
declare module 'oxc-parser/src-js/generated/visit/walk' {
  /** Walks a Program; `visitors[id]` is a function (leaf node types) or `{ enter, exit }` (others), or null. */
  export function walkProgram(program: unknown, visitors: unknown[]): void;
}

declare module 'oxc-parser/src-js/generated/visit/type_ids' {
  export const NODE_TYPE_IDS_MAP: Map<string, number>;
  export const NODE_TYPES_COUNT: number;
  /** Node types with ids below this have no children: one visit function, no enter/exit. */
  export const LEAF_NODE_TYPES_COUNT: number;
}
