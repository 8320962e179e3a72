import type { FileFacts, ModuleId, TableAccessFact, TableAccessMode, TableDefinitionFact, TableSymbolRef } from '../model/facts.js';
import type { Diagnostic } from '../model/result.js';
import { compareText, createDiagnostic, DIAGNOSTIC_CODES } from '../model/diagnostics.js';
import type { Resolution } from '../resolve/resolve-imports.js';
import { createExportResolver } from '../graph/resolve-exports.js';

/** One resolved access: a module touches a table. */
export interface LinkedAccess {
  module: ModuleId;
  table: string;
  mode: TableAccessMode;
  line: number;
  via: string;
  confidence: number;
}

/** A foreign key between two tables, with where it is declared. */
export interface LinkedForeignKey {
  from: string;
  to: string;
  file: string;
  line: number;
}

/** Tables and accesses after names, constants, entities and models are resolved across files. */
export interface LinkedTables {
  accesses: LinkedAccess[];
  /** Every table seen: accessed, declared in a schema, or defined by an entity/model. */
  tables: string[];
  /** Tables a schema, migration or entity declares. */
  declared: Set<string>;
  foreignKeys: LinkedForeignKey[];
  diagnostics: Diagnostic[];
}

/** Confidence kept when a symbol is found only by its name somewhere else in the repo. */
const BY_NAME_ONLY_FACTOR = 0.7;
/** Confidence kept when a generated schema object is matched to a declared table by its name (`Users` → `users`). */
const BY_CONVENTION_FACTOR = 0.8;

/**
 * The table name a schema object's name stands for under the usual conventions: PascalCase or
 * camelCase to snake_case (`OrganizationRoleUserRelations` → `organization_role_user_relations`,
 * `SsoConnectors` → `sso_connectors`).
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Resolves every table access to a table id: literal names as they are; constants, entity
 * classes and Drizzle tables through the file's imports (and barrels) to their definition;
 * Prisma-style model names through the schema's definitions; imported SQL constants to the
 * accesses of their SQL. A symbol found nowhere becomes a diagnostic.
 */
export function linkTables(
  facts: FileFacts[],
  resourceFacts: FileFacts[],
  resolve: (from: ModuleId, specifier: string) => Resolution,
): LinkedTables {
  const factsById = new Map(facts.map((fileFacts) => [fileFacts.module, fileFacts]));
  const findOrigin = createExportResolver(factsById, resolve);
  const allFacts = [...facts, ...resourceFacts];
  const definitionsBySymbol = new Map<string, { module: ModuleId; definition: TableDefinitionFact }[]>();
  const aliases: { module: ModuleId; definition: TableDefinitionFact }[] = [];
  for (const fileFacts of allFacts) {
    for (const definition of fileFacts.tableDefinitions) {
      if (definition.alias !== undefined) {
        aliases.push({ module: fileFacts.module, definition });
        continue;
      }
      const key = definition.symbol;
      if (!definitionsBySymbol.has(key)) definitionsBySymbol.set(key, []);
      definitionsBySymbol.get(key)?.push({ module: fileFacts.module, definition });
    }
  }
  // Another name for a model (`{ StripeCustomer: models.MemberStripeCustomer }`): the alias's table, when it has exactly one
  // and the name is not a model of its own.
  for (const { module, definition } of aliases) {
    if (definitionsBySymbol.has(definition.symbol)) continue;
    const tables = new Set((definitionsBySymbol.get(definition.alias ?? '') ?? []).map((candidate) => candidate.definition.table));
    const [table] = tables;
    if (tables.size === 1 && table !== undefined) definitionsBySymbol.set(definition.symbol, [{ module, definition: { ...definition, table } }]);
  }

  const linked: LinkedTables = { accesses: [], tables: [], declared: new Set(), foreignKeys: [], diagnostics: [] };
  /** Tables a schema or migration declares (not entity classes): what a generated schema object can stand for. */
  const schemaDeclared = new Set<string>();
  for (const fileFacts of allFacts) {
    for (const definition of fileFacts.tableDefinitions) if (!definition.symbol.includes('.') && definition.alias === undefined) linked.declared.add(definition.table);
    for (const schemaTable of fileFacts.schemaTables) {
      linked.declared.add(schemaTable.table);
      schemaDeclared.add(schemaTable.table);
    }
    for (const foreignKey of fileFacts.foreignKeys) {
      if (foreignKey.fromSymbol || foreignKey.toSymbol) continue;
      linked.foreignKeys.push({ from: foreignKey.from, to: foreignKey.to, file: fileFacts.module, line: foreignKey.line });
    }
  }

  /** Tables (with modes when the symbol holds SQL) a symbol of `module` stands for. */
  const lookUpIn = (module: ModuleId, symbol: string): { table: string; mode?: TableAccessMode }[] | undefined => {
    const moduleFacts = factsById.get(module);
    if (!moduleFacts) return undefined;
    const constant = moduleFacts.constants.find((fact) => fact.symbol === symbol);
    if (constant?.table !== undefined) return [{ table: constant.table }];
    if (constant?.sql !== undefined) return constant.sql;
    const definition = moduleFacts.tableDefinitions.find((fact) => fact.symbol === symbol && fact.alias === undefined);
    return definition ? [{ table: definition.table }] : undefined;
  };

  const resolveSymbol = (
    module: ModuleId,
    symbol: string,
    specifier: string | undefined,
  ): { tables: { table: string; mode?: TableAccessMode }[]; factor: number } | undefined => {
    let generated = false;
    if (specifier === undefined) {
      const local = lookUpIn(module, symbol);
      if (local) return { tables: local, factor: 1 };
    } else {
      const target = resolve(module, specifier);
      if (target.kind === 'module') {
        const [head = '', ...rest] = symbol.split('.');
        // `import * as T` then `T.users`: the head is the exported name itself.
        const origin = head === '' ? undefined : findOrigin(target.target, head);
        if (origin && origin.localName !== '*') {
          const found = lookUpIn(origin.module, [origin.localName, ...rest].join('.'));
          if (found) return { tables: found, factor: 1 };
        } else if (origin?.localName === '*' && rest.length > 0) {
          return resolveSymbol(origin.module, rest.join('.'), undefined);
        } else if (!origin) {
          // CommonJS (`module.exports = X`, `exports.X = …`) has no export facts: look the name up directly,
          // and take a default require of a module that defines exactly one table as that table.
          const direct = lookUpIn(target.target, symbol);
          if (direct) return { tables: direct, factor: 1 };
          const definitions = (factsById.get(target.target)?.tableDefinitions ?? []).filter((definition) => definition.alias === undefined);
          const tables = [...new Set(definitions.map((definition) => definition.table))];
          if (head === 'default' && rest.length === 0 && tables.length === 1 && tables[0] !== undefined) {
            return { tables: [{ table: tables[0] }], factor: 1 };
          }
          // A name the package does not define in its sources (generated at build time, as logto's `@logto/schemas`).
          generated = head !== 'default' && rest.length === 0;
        }
      }
    }
    const candidates = definitionsBySymbol.get(symbol.split('.').pop() ?? symbol) ?? [];
    const tables = [...new Set(candidates.map((candidate) => candidate.definition.table))];
    if (tables.length === 1 && tables[0] !== undefined) return { tables: [{ table: tables[0] }], factor: BY_NAME_ONLY_FACTOR };
    const conventional = generated ? toSnakeCase(symbol) : undefined;
    if (conventional !== undefined && schemaDeclared.has(conventional)) return { tables: [{ table: conventional }], factor: BY_CONVENTION_FACTOR };
    return undefined;
  };

  const modelTable = (orm: string, symbol: string): string | undefined => {
    const wanted = lowerFirst(symbol).toLowerCase();
    for (const [candidateSymbol, candidates] of definitionsBySymbol) {
      if (lowerFirst(candidateSymbol).toLowerCase() !== wanted) continue;
      const match = candidates.find((candidate) => candidate.definition.orm === orm);
      if (match) return match.definition.table;
    }
    return undefined;
  };
  const modelOfTable = (orm: string, table: string): string | undefined => {
    for (const [symbol, candidates] of definitionsBySymbol) {
      if (symbol.includes('.')) continue;
      if (candidates.some((candidate) => candidate.definition.orm === orm && candidate.definition.table === table)) return symbol;
    }
    return undefined;
  };
  /**
   * The table of a model (`userAccount`) or of a relation path (`certificate.enrolment.course`):
   * each step looks up `Model.field` (the schema records relation fields) and continues from
   * the model that owns the table reached.
   */
  const resolveModel = (orm: string, path: string): string | undefined => {
    const [first = '', ...fields] = path.split('.');
    let table = modelTable(orm, first);
    let model = table === undefined ? undefined : modelOfTable(orm, table);
    for (const field of fields) {
      if (table === undefined || model === undefined) return undefined;
      table = definitionsBySymbol.get(`${model}.${field}`)?.find((candidate) => candidate.definition.orm === orm)?.definition.table;
      model = table === undefined ? undefined : modelOfTable(orm, table);
    }
    return table;
  };

  const add = (module: ModuleId, access: TableAccessFact, table: string, mode: TableAccessMode, confidence: number): void => {
    linked.accesses.push({ module, table, mode, line: access.line, via: access.via, confidence: Math.round(confidence * 100) / 100 });
  };

  // Foreign keys to (or from) an entity or model of another file: only ends that resolve exactly (no guess by name).
  for (const fileFacts of allFacts) {
    for (const foreignKey of fileFacts.foreignKeys) {
      if (!foreignKey.fromSymbol && !foreignKey.toSymbol) continue;
      const tablesOf = (table: string, symbol: TableSymbolRef | undefined): string[] => {
        if (!symbol) return [table];
        const resolved = resolveSymbol(fileFacts.module, symbol.symbol, symbol.specifier);
        return resolved?.factor === 1 ? resolved.tables.filter((entry) => entry.mode === undefined).map((entry) => entry.table) : [];
      };
      for (const from of tablesOf(foreignKey.from, foreignKey.fromSymbol)) {
        for (const to of tablesOf(foreignKey.to, foreignKey.toSymbol)) linked.foreignKeys.push({ from, to, file: fileFacts.module, line: foreignKey.line });
      }
    }
  }

  /** Links one access of `module` (a `parameter` target is a function's signature, not an access: see {@link linkTableArguments}). */
  const linkAccess = (module: ModuleId, access: TableAccessFact): void => {
    const target = access.target;
    if (target.kind === 'parameter') return;
    if (target.kind === 'table') {
      add(module, access, target.table, access.mode, access.confidence);
      return;
    }
    if (target.kind === 'model') {
      const table = resolveModel(target.orm, target.model);
      if (table !== undefined) add(module, access, table, access.mode, access.confidence);
      else if (!target.model.includes('.')) {
        linked.diagnostics.push(
          createDiagnostic(
            DIAGNOSTIC_CODES.tableUnresolved,
            `${target.orm} model "${target.model}" is used here but no schema defines it; the access is not counted. Include the schema file (e.g. schema.prisma) in the analyzed directory.`,
            module,
            access.line,
          ),
        );
      }
      return;
    }
    // A class imported from an installed package (`TextSelection.create(…)` from prosemirror) is no table of this repo.
    if (target.specifier !== undefined) {
      const origin = resolve(module, target.specifier).kind;
      if (origin === 'external' || origin === 'builtin') return;
    }
    const resolved = resolveSymbol(module, target.symbol, target.specifier);
    if (!resolved) {
      linked.diagnostics.push(
        createDiagnostic(
          DIAGNOSTIC_CODES.tableUnresolved,
          `"${target.symbol}"${target.specifier ? ` (imported from "${target.specifier}")` : ''} is used as a table${access.expandSql ? "'s SQL" : ''} by ${access.via}, but seams found no table name, entity or SQL constant for it; the access is not counted.`,
          module,
          access.line,
        ),
      );
      return;
    }
    const confidence = access.confidence * resolved.factor;
    for (const { table, mode } of resolved.tables) {
      add(module, access, table, access.expandSql && mode ? mode : access.mode, confidence);
    }
  };

  for (const fileFacts of facts) for (const access of fileFacts.tableAccesses) linkAccess(fileFacts.module, access);
  for (const access of linkTableArguments(facts, findOrigin, resolve)) linkAccess(access.module, access);

  const tables = new Set<string>(linked.declared);
  for (const access of linked.accesses) tables.add(access.table);
  for (const foreignKey of linked.foreignKeys) {
    tables.add(foreignKey.from);
    tables.add(foreignKey.to);
  }
  linked.tables = [...tables].sort(compareText);
  linked.accesses.sort(
    (a, b) => compareText(a.module, b.module) || a.line - b.line || compareText(a.table, b.table) || compareText(a.mode, b.mode) || compareText(a.via, b.via),
  );
  linked.foreignKeys.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.file, b.file) || a.line - b.line);
  return linked;
}

/** An access made at a call site by a function whose SQL takes its table as a parameter. */
type CallSiteAccess = TableAccessFact & { module: ModuleId };

/**
 * The accesses of calls that pass a schema object to a function whose SQL uses that parameter as
 * a table (`buildFind(pool)(Users)` with `buildFind = (pool) => (schema) => … sql\`select … from
 * ${table}\``): one per (call, mode), at the call's line, with the mode and detector of the
 * function's SQL. The function is found through the call's import (and barrels); one level only
 * (a function that passes its own parameter on to such a function is not followed).
 */
function linkTableArguments(
  facts: FileFacts[],
  findOrigin: (module: ModuleId, name: string) => { module: ModuleId; localName: string } | undefined,
  resolve: (from: ModuleId, specifier: string) => Resolution,
): CallSiteAccess[] {
  const signatures = new Map<string, TableAccessFact[]>();
  for (const fileFacts of facts) {
    for (const access of fileFacts.tableAccesses) {
      if (access.target.kind !== 'parameter') continue;
      const key = `${fileFacts.module}\u0000${access.target.function}`;
      signatures.set(key, [...(signatures.get(key) ?? []), access]);
    }
  }
  if (signatures.size === 0) return [];
  const accesses: CallSiteAccess[] = [];
  for (const fileFacts of facts) {
    for (const call of fileFacts.tableArguments) {
      let key = `${fileFacts.module}\u0000${call.callee}`;
      if (call.specifier !== undefined) {
        const target = resolve(fileFacts.module, call.specifier);
        const origin = target.kind === 'module' ? findOrigin(target.target, call.callee) : undefined;
        if (!origin || origin.localName === '*') continue;
        key = `${origin.module}\u0000${origin.localName}`;
      }
      const seen = new Set<TableAccessMode>();
      for (const signature of signatures.get(key) ?? []) {
        const parameter = signature.target;
        if (parameter.kind !== 'parameter' || parameter.application !== call.application || parameter.argument !== call.argument || seen.has(signature.mode)) continue;
        seen.add(signature.mode);
        accesses.push({ module: fileFacts.module, target: call.target, mode: signature.mode, line: call.line, via: signature.via, confidence: signature.confidence });
      }
    }
  }
  return accesses;
}
