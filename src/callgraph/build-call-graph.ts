import type { CalleeRef, CallFact, ClassFieldFact, FileFacts, FunctionFact, ImportedFrom, ModuleId } from '../model/facts.js';
import type { Resolution } from '../resolve/resolve-imports.js';
import { createExportResolver } from '../graph/resolve-exports.js';

/** A function of a module. */
export interface FunctionRef {
  module: ModuleId;
  fn: FunctionFact;
}

/** The functions and calls of every module, linked across files. */
export interface CallGraph {
  /** The innermost function of a module that covers a line. */
  functionAt(module: ModuleId, line: number): FunctionRef | undefined;
  /** The function a call (made in `module` at `line`) reaches, when syntax, imports and declared types tell. */
  resolveCallee(module: ModuleId, callee: CalleeRef, line: number): FunctionRef | undefined;
  /** The calls of a module, sorted by line. */
  callsOf(module: ModuleId): CallFact[];
  /** The facts of a module. */
  factsOf(module: ModuleId): FileFacts | undefined;
}


/**
 * Links calls to functions across modules: plain names through the module's own functions and
 * its imports (ESM, CommonJS, barrels); `this.m()` to the enclosing class; `this.field.m()` and
 * `instance.m()` through the field's or const's declared type (or `new T()`); `ns.m()` through
 * namespace imports; `object.m()` to functions held in object literals. What it cannot place
 * (an untyped parameter, an interface type, a dynamic property) stays unresolved: the call
 * graph under-approximates rather than guesses.
 */
export function buildCallGraph(allFacts: FileFacts[], resolve: (from: ModuleId, specifier: string) => Resolution): CallGraph {
  const factsById = new Map<ModuleId, FileFacts>();
  const functionsByName = new Map<ModuleId, Map<string, FunctionFact>>();
  const classesOf = new Map<ModuleId, Set<string>>();
  const fieldsOf = new Map<ModuleId, Map<string, ClassFieldFact>>();
  const callsByModule = new Map<ModuleId, CallFact[]>();
  for (const facts of allFacts) {
    factsById.set(facts.module, facts);
    const byName = new Map<string, FunctionFact>();
    const classes = new Set<string>();
    for (const fn of facts.functions) {
      const existing = byName.get(fn.name);
      // Overload signatures have no body: keep the implementation (the widest range).
      if (!existing || fn.endLine - fn.startLine > existing.endLine - existing.startLine) byName.set(fn.name, fn);
      const dot = fn.name.indexOf('.');
      if (dot > 0) classes.add(fn.name.slice(0, dot));
    }
    functionsByName.set(facts.module, byName);
    classesOf.set(facts.module, classes);
    const fields = new Map<string, ClassFieldFact>();
    for (const field of facts.classFields) fields.set(`${field.className}\u0000${field.field}`, field);
    fieldsOf.set(facts.module, fields);
    callsByModule.set(facts.module, [...facts.calls].sort((a, b) => a.line - b.line));
  }
  const exportOrigin = createExportResolver(factsById, resolve);
  const implementersOf = new Map<string, { module: ModuleId; className: string }[]>();
  for (const facts of allFacts) {
    for (const implementation of facts.implementations) {
      for (const name of implementation.interfaces) {
        if (!implementersOf.has(name)) implementersOf.set(name, []);
        implementersOf.get(name)?.push({ module: facts.module, className: implementation.className });
      }
    }
  }

  const importOf = (module: ModuleId, name: string, given: ImportedFrom): ImportedFrom | undefined => {
    if (given.specifier !== undefined) return given;
    const fact = factsById.get(module)?.imports.find((candidate) => candidate.kind !== 'type-import' && candidate.names.includes(name));
    return fact ? { specifier: fact.specifier, importedName: name } : undefined;
  };
  /** Where an imported name is defined: the module and its local name there (`*` for a whole module). */
  const originOf = (module: ModuleId, from: ImportedFrom): { module: ModuleId; name: string } | undefined => {
    if (from.specifier === undefined) return undefined;
    const target = resolve(module, from.specifier);
    if (target.kind !== 'module') return undefined;
    const importedName = from.importedName ?? '*';
    if (importedName === '*') return { module: target.target, name: '*' };
    const origin = exportOrigin(target.target, importedName);
    if (origin) return { module: origin.module, name: origin.localName };
    // CommonJS modules have no export facts: look the name up directly.
    return { module: target.target, name: importedName };
  };
  const functionOf = (module: ModuleId, name: string): FunctionRef | undefined => {
    const fn = functionsByName.get(module)?.get(name);
    return fn ? { module, fn } : undefined;
  };
  /** The module and name of a class (or object) called `name` as seen from `module`. */
  const classOf = (module: ModuleId, name: string, from: ImportedFrom | undefined): { module: ModuleId; name: string } | undefined => {
    if (classesOf.get(module)?.has(name)) return { module, name };
    const imported = importOf(module, name, from ?? {});
    if (!imported) return undefined;
    const origin = originOf(module, imported);
    return origin && origin.name !== '*' ? origin : undefined;
  };
  const methodOfClass = (module: ModuleId, type: string, from: ImportedFrom | undefined, property: string): FunctionRef | undefined => {
    const owner = classOf(module, type, from);
    const method = owner ? functionOf(owner.module, `${owner.name}.${property}`) : undefined;
    if (method) return method;
    // An interface (`IProjectStore`) implemented by exactly one class in the repo.
    // Test doubles (`FakeProjectStore`) are not what production code calls.
    const implementers = implementersOf.get(owner?.name ?? type)?.filter((candidate) => !/^(Fake|Mock|Stub|InMemory|Noop|Dummy)/.test(candidate.className));
    const only = implementers?.length === 1 ? implementers[0] : undefined;
    return only ? functionOf(only.module, `${only.className}.${property}`) : undefined;
  };
  const methodOfType = (module: ModuleId, field: ClassFieldFact | undefined, property: string): FunctionRef | undefined => {
    if (!field) return undefined;
    const method = methodOfClass(module, field.type, field.typeFrom, property);
    if (method) return method;
    // A wrapper type (`WithTransactional<EnvironmentService>`): the wrapped class.
    for (const argument of field.typeArguments ?? []) {
      const wrapped = methodOfClass(module, argument.name, argument.from, property);
      if (wrapped) return wrapped;
    }
    return undefined;
  };
  const functionAt = (module: ModuleId, line: number): FunctionRef | undefined => {
    let best: FunctionFact | undefined;
    for (const fn of factsById.get(module)?.functions ?? []) {
      if (fn.startLine > line || fn.endLine < line) continue;
      if (!best || fn.endLine - fn.startLine < best.endLine - best.startLine) best = fn;
    }
    return best ? { module, fn: best } : undefined;
  };
  const enclosingClass = (module: ModuleId, line: number): string | undefined => {
    let best: FunctionFact | undefined;
    for (const fn of factsById.get(module)?.functions ?? []) {
      if (!fn.name.includes('.') || fn.startLine > line || fn.endLine < line) continue;
      if (!best || fn.endLine - fn.startLine < best.endLine - best.startLine) best = fn;
    }
    return best?.name.slice(0, best.name.indexOf('.'));
  };

  const resolveCallee = (module: ModuleId, callee: CalleeRef, line: number): FunctionRef | undefined => {
    if (callee.kind === 'name') {
      const local = functionOf(module, callee.name);
      if (local) return local;
      const imported = importOf(module, callee.name, callee);
      const origin = imported ? originOf(module, imported) : undefined;
      return origin && origin.name !== '*' ? functionOf(origin.module, origin.name === 'default' ? 'default' : origin.name) ?? functionOf(origin.module, 'default') : undefined;
    }
    const { object, property } = callee;
    if (object === 'this' || object.startsWith('this.')) {
      const className = enclosingClass(module, line);
      if (className === undefined) return undefined;
      if (object === 'this') return functionOf(module, `${className}.${property}`);
      return methodOfType(module, fieldsOf.get(module)?.get(`${className}\u0000${object.slice('this.'.length)}`), property);
    }
    // A local object literal or class (`orders.create()`, `OrderRepo.create()`), or a module-level typed const.
    const local = functionOf(module, `${object}.${property}`);
    if (local) return local;
    const localInstance = fieldsOf.get(module)?.get(`\u0000${object}`);
    if (localInstance) return methodOfType(module, localInstance, property);
    const imported = importOf(module, object, callee);
    const origin = imported ? originOf(module, imported) : undefined;
    if (!origin) return undefined;
    if (origin.name === '*') {
      const inner = exportOrigin(origin.module, property);
      return inner ? functionOf(inner.module, inner.localName) : functionOf(origin.module, property);
    }
    return functionOf(origin.module, `${origin.name}.${property}`) ?? methodOfType(origin.module, fieldsOf.get(origin.module)?.get(`\u0000${origin.name}`), property);
  };

  return {
    functionAt,
    resolveCallee,
    callsOf: (module) => callsByModule.get(module) ?? [],
    factsOf: (module) => factsById.get(module),
  };
}

/** The handle names a callee receives at the argument positions that mention one of `handles`; undefined when it cannot tell. */
export function toCalleeHandles(call: CallFact, callee: FunctionFact, handles: readonly string[]): string[] | undefined {
  const names: string[] = [];
  call.args.forEach((mentioned, index) => {
    if (!mentioned.some((name) => handles.includes(name))) return;
    const param = callee.params[index];
    if (param === undefined) return;
    if (param.startsWith('{')) names.push(...param.slice(1, -1).split(',').filter((name) => name !== ''));
    else if (param !== '') names.push(param);
  });
  return names.length > 0 ? names : undefined;
}
