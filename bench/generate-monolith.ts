import fs from 'node:fs';
import path from 'node:path';
import { createRandom } from '../src/cluster/cluster-graph.js';

/** Bump when the generated code changes, so cached trees are regenerated. */
export const GENERATOR_VERSION = 1;

/** What to generate. */
export interface MonolithOptions {
  /** About how many source files (within a few per cent). */
  files: number;
  /** PRNG seed: same seed and size, byte-identical tree. */
  seed: number;
}

/** What was generated. */
export interface GeneratedMonolith {
  root: string;
  files: number;
  lines: number;
  domains: number;
  tables: number;
}

/** The data-access style of a domain. */
type Style = 'pg' | 'knex' | 'prisma' | 'typeorm';

/** A file being planned: where it goes and what it exports. */
interface PlannedFile {
  path: string;
  kind: 'lib' | 'types' | 'entity' | 'repository' | 'service' | 'controller' | 'barrel' | 'core' | 'shared' | 'job';
  /** Function names other files may import. */
  exports: string[];
  /** Popularity rank within its group (0 = most imported). */
  domain?: Domain;
  table?: Table;
}

interface Table {
  name: string;
  model: string;
  noun: string;
  columns: string[];
}

interface Domain {
  index: number;
  name: string;
  style: Style;
  tables: Table[];
  files: PlannedFile[];
  barrelExports: { name: string; from: string }[];
}

const DOMAIN_WORDS = [
  'orders', 'billing', 'catalog', 'inventory', 'shipping', 'accounts', 'payments', 'search', 'messaging', 'reviews',
  'pricing', 'returns', 'loyalty', 'support', 'analytics', 'audit', 'files', 'teams', 'projects', 'workflows',
  'scheduling', 'invoicing', 'tax', 'fraud', 'onboarding', 'reporting', 'exports', 'webhooks', 'credentials', 'tags',
];
const QUALIFIERS = ['core', 'admin', 'public', 'partner', 'legacy', 'mobile', 'batch', 'realtime'];
const NOUNS = ['record', 'item', 'event', 'entry', 'setting', 'note', 'link', 'rule', 'batch', 'snapshot', 'token', 'version'];
const VERBS = ['load', 'build', 'compute', 'format', 'validate', 'merge', 'resolve', 'normalize', 'apply', 'collect', 'score', 'split'];
const OBJECTS = ['summary', 'total', 'window', 'filter', 'payload', 'options', 'status', 'limits', 'range', 'label', 'owner', 'digest'];
const COLUMNS = ['name', 'status', 'amount', 'owner_id', 'created_at', 'updated_at', 'note', 'priority', 'external_id', 'kind'];

const pascal = (words: string[]): string => words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
const camel = (words: string[]): string => {
  const joined = pascal(words);
  return joined.charAt(0).toLowerCase() + joined.slice(1);
};

/** Skewed towards 0: rank r of n with probability about ∝ 1/(r+1) (Zipf, exponent 1). */
function zipfIndex(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor((n + 1) ** random()) - 1);
}

/** Heavy-tailed import count: mostly 2–6, sometimes 20+ (Pareto, α = 1.7). */
function fanOut(random: () => number): number {
  return Math.min(30, Math.floor(2 / (1 - random()) ** (1 / 1.7)));
}

/** Heavy-tailed file length in lines (log-normal, median about 95). */
function fileLength(random: () => number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(12, Math.min(1500, Math.round(Math.exp(4.55 + 0.75 * normal))));
}

function relativeSpecifier(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, '').replace(/\/index$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Filler code: plain functions and classes of several shapes, each `lines` long or so. */
function fillerBlock(random: () => number, name: string, uses: string[]): string {
  const k = Math.floor(random() * 90) + 3;
  const call = uses.length > 0 ? uses[Math.floor(random() * uses.length)] : undefined;
  const shape = Math.floor(random() * 5);
  const used = call ? `\n  const extra = ${call}({ values: [${k}], label: '${name}' });\n  if (typeof extra === 'number') total += extra;` : '';
  switch (shape) {
    case 0:
      return `/** Adds up the values above ${k}. */\nexport function ${name}(input: { values: number[]; label: string }): number {\n  let total = 0;\n  for (const value of input.values) {\n    if (value > ${k}) total += value * ${(k % 7) + 1};\n    else total -= ${k % 5};\n  }${used}\n  return total;\n}\n`;
    case 1:
      return `export function ${name}(input: { values: number[]; label: string }): number {\n  const sorted = [...input.values].sort((a, b) => a - b);\n  const middle = sorted[Math.floor(sorted.length / 2)] ?? 0;\n  let total = middle + ${k};${used}\n  return input.label.length > ${k % 11} ? total : -total;\n}\n`;
    case 2:
      return `export class ${pascal([name])}Cache {\n  private readonly entries = new Map<string, number>();\n\n  get(key: string): number | undefined {\n    return this.entries.get(key);\n  }\n\n  set(key: string, value: number): void {\n    if (this.entries.size > ${k * 10}) this.entries.clear();\n    this.entries.set(key, value);\n  }\n}\n\nexport function ${name}(input: { values: number[]; label: string }): number {\n  let total = input.values.length;${used}\n  return total;\n}\n`;
    case 3:
      return `const ${name.toUpperCase()}_LIMITS = { min: ${k}, max: ${k * 4}, step: ${(k % 3) + 1} } as const;\n\nexport function ${name}(input: { values: number[]; label: string }): number {\n  const { min, max } = ${name.toUpperCase()}_LIMITS;\n  let total = 0;\n  for (const value of input.values) total += Math.min(max, Math.max(min, value));${used}\n  switch (input.label) {\n    case 'fast':\n      return total * 2;\n    case 'slow':\n      return total / 2;\n    default:\n      return total;\n  }\n}\n`;
    default:
      return `export interface ${pascal([name])}Options {\n  label: string;\n  values: number[];\n  retries?: number;\n}\n\nexport function ${name}(input: ${pascal([name])}Options): number {\n  const retries = input.retries ?? ${k % 4};\n  let total = retries;\n  input.values.forEach((value, index) => {\n    total += index % 2 === 0 ? value : -value;\n  });${used}\n  return total;\n}\n`;
  }
}

/** Data-access code of a repository for one table, in its domain's style. */
function repositoryCode(style: Style, table: Table, other: Table | undefined): { imports: Map<string, Set<string>>; code: string } {
  const imports = new Map<string, Set<string>>();
  const need = (specifier: string, ...names: string[]) => {
    if (!imports.has(specifier)) imports.set(specifier, new Set());
    for (const name of names) imports.get(specifier)?.add(name);
  };
  const cols = table.columns;
  const fn = pascal([table.noun]);
  let code = '';
  switch (style) {
    case 'pg':
      need('@mono/db', 'pool');
      code += `export async function find${fn}(id: number) {\n  const result = await pool.query('SELECT id, ${cols.join(', ')} FROM ${table.name} WHERE id = $1', [id]);\n  return result.rows[0];\n}\n\n`;
      code += `export async function create${fn}(row: Record<string, unknown>) {\n  await pool.query('INSERT INTO ${table.name} (${cols[0]}, ${cols[1]}) VALUES ($1, $2)', [row.a, row.b]);\n}\n\n`;
      code += `export async function update${fn}(id: number, value: string) {\n  await pool.query('UPDATE ${table.name} SET ${cols[0]} = $2 WHERE id = $1', [id, value]);\n}\n\n`;
      if (other) {
        code += `export async function move${fn}(id: number) {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    await client.query('DELETE FROM ${table.name} WHERE id = $1', [id]);\n    await client.query('INSERT INTO ${other.name} (${other.columns[0]}) SELECT ${cols[0]} FROM ${table.name} WHERE id = $1', [id]);\n    await client.query('COMMIT');\n  } catch (error) {\n    await client.query('ROLLBACK');\n    throw error;\n  } finally {\n    client.release();\n  }\n}\n\n`;
      }
      break;
    case 'knex':
      need('@mono/db', 'db');
      code += `export async function find${fn}(id: number) {\n  return db('${table.name}').where({ id }).first();\n}\n\n`;
      code += `export async function list${fn}(limit = 50) {\n  return db('${table.name}').select('id', '${cols[0]}').orderBy('id', 'desc').limit(limit);\n}\n\n`;
      code += `export async function create${fn}(row: Record<string, unknown>) {\n  await db('${table.name}').insert(row);\n}\n\n`;
      if (other) {
        code += `export async function move${fn}(id: number) {\n  await db.transaction(async (trx) => {\n    const row = await trx('${table.name}').where({ id }).first();\n    await trx('${other.name}').insert({ ${other.columns[0]}: row.${cols[0]} });\n    await trx('${table.name}').where({ id }).del();\n  });\n}\n\n`;
      }
      break;
    case 'prisma': {
      need('@mono/db', 'prisma');
      const delegate = camel([table.model]);
      code += `export async function find${fn}(id: number) {\n  return prisma.${delegate}.findUnique({ where: { id } });\n}\n\n`;
      code += `export async function create${fn}(name: string) {\n  return prisma.${delegate}.create({ data: { name } });\n}\n\n`;
      code += `export async function update${fn}(id: number, name: string) {\n  return prisma.${delegate}.update({ where: { id }, data: { name } });\n}\n\n`;
      if (other) {
        const otherDelegate = camel([other.model]);
        code += `export async function move${fn}(id: number) {\n  await prisma.$transaction([\n    prisma.${delegate}.delete({ where: { id } }),\n    prisma.${otherDelegate}.create({ data: { name: String(id) } }),\n  ]);\n}\n\n`;
      }
      break;
    }
    case 'typeorm': {
      need('@mono/db', 'AppDataSource');
      need(`../entities/${table.noun}.entity`, table.model);
      code += `export async function find${fn}(id: number) {\n  return AppDataSource.getRepository(${table.model}).findOneBy({ id });\n}\n\n`;
      code += `export async function save${fn}(entity: ${table.model}) {\n  return AppDataSource.getRepository(${table.model}).save(entity);\n}\n\n`;
      if (other) {
        need(`../entities/${other.noun}.entity`, other.model);
        code += `export async function move${fn}(id: number) {\n  await AppDataSource.transaction(async (manager) => {\n    await manager.delete(${table.model}, { id });\n    await manager.insert(${other.model}, { name: String(id) });\n  });\n}\n\n`;
      }
      break;
    }
  }
  return { imports, code };
}

/**
 * Writes a synthetic TypeScript monolith of about `files` source files under `root`: N domains
 * (src/domains/<d>: types, lib, entities, repositories, services, controllers, a barrel), a core
 * folder every domain leans on, two workspace packages (`@mono/shared`, `@mono/db`), tsconfig
 * path aliases (`@app/*`, `@core/*`), a Prisma schema, and per domain one data-access style:
 * raw SQL with `pg` (`pool.query`, BEGIN/COMMIT), knex (`knex.transaction`), Prisma
 * (`prisma.$transaction`) or TypeORM entities and repositories (`dataSource.transaction`).
 * Imports are heavy-tailed (a few files are imported everywhere), mostly within a domain, about
 * one in ten across domains (barrels and deep aliases), and cross-domain jobs write tables of
 * several domains in one transaction. Deterministic for a seed.
 */
export function generateMonolith(root: string, options: MonolithOptions): GeneratedMonolith {
  const random = createRandom(options.seed);
  const target = Math.max(60, options.files);
  const domainCount = Math.max(6, Math.round(Math.sqrt(target) / 2.5));
  const written = { files: 0, lines: 0 };
  const write = (relative: string, text: string): void => {
    const absolute = path.join(root, relative);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
    if (/\.tsx?$/.test(relative)) {
      written.files += 1;
      written.lines += text.split('\n').length;
    }
  };

  // Domains, their tables and styles.
  const styles: Style[] = ['pg', 'knex', 'prisma', 'typeorm'];
  const domains: Domain[] = [];
  for (let index = 0; index < domainCount; index += 1) {
    const word = DOMAIN_WORDS[index % DOMAIN_WORDS.length] as string;
    const round = Math.floor(index / DOMAIN_WORDS.length);
    const name = round === 0 ? word : `${QUALIFIERS[(round - 1) % QUALIFIERS.length]}-${word}${round > QUALIFIERS.length ? round : ''}`;
    domains.push({ index, name, style: styles[Math.floor(random() * styles.length)] as Style, tables: [], files: [], barrelExports: [] });
  }
  // Domain sizes: heavy-tailed too (weight 1/(i+1)^0.6).
  const fixedFiles = 12;
  const glueFiles = Math.max(4, Math.round(target * 0.03));
  const coreFiles = Math.max(6, Math.round(target * 0.03));
  const sharedFiles = Math.max(3, Math.round(target * 0.02));
  const domainBudget = target - fixedFiles - glueFiles - coreFiles - sharedFiles;
  const weights = domains.map((domain) => 1 / (domain.index + 1) ** 0.6);
  const weightSum = weights.reduce((a, b) => a + b, 0);

  // Core and shared: hubs every domain imports.
  const core: PlannedFile[] = [];
  for (let index = 0; index < coreFiles; index += 1) {
    const base = `${VERBS[index % VERBS.length]}-${OBJECTS[Math.floor(index / VERBS.length) % OBJECTS.length]}${index >= VERBS.length * OBJECTS.length ? index : ''}`;
    core.push({ path: `src/core/${base}.ts`, kind: 'core', exports: [camel(base.split('-')), `${camel(base.split('-'))}Safe`] });
  }
  const shared: PlannedFile[] = [];
  for (let index = 0; index < sharedFiles; index += 1) {
    const base = `${OBJECTS[index % OBJECTS.length]}-${VERBS[Math.floor(index / OBJECTS.length) % VERBS.length]}${index >= VERBS.length * OBJECTS.length ? index : ''}`;
    shared.push({ path: `packages/shared/src/${base}.ts`, kind: 'shared', exports: [camel(base.split('-'))] });
  }

  let tableCount = 0;
  for (const domain of domains) {
    const size = Math.max(8, Math.round((domainBudget * (weights[domain.index] as number)) / weightSum));
    const tableTotal = Math.min(8, 2 + Math.floor(size / 40));
    const snake = domain.name.replace(/-/g, '_');
    for (let t = 0; t < tableTotal; t += 1) {
      const noun = NOUNS[t % NOUNS.length] as string;
      const columns = [...COLUMNS];
      for (let i = columns.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [columns[i], columns[j]] = [columns[j] as string, columns[i] as string];
      }
      columns.length = 4;
      domain.tables.push({ name: `${snake}_${noun}s`, model: pascal([...domain.name.split('-'), noun]), noun, columns });
      tableCount += 1;
    }
    const dir = `src/domains/${domain.name}`;
    const add = (file: Omit<PlannedFile, 'domain'>) => domain.files.push({ ...file, domain });
    const entities = domain.style === 'typeorm' ? domain.tables.length : 0;
    const rest = Math.max(4, size - 1 - entities - domain.tables.length);
    const counts = { types: Math.round(rest * 0.15), lib: Math.round(rest * 0.4), service: Math.round(rest * 0.3) };
    const controllers = Math.max(1, rest - counts.types - counts.lib - counts.service);
    for (let i = 0; i < counts.types; i += 1) add({ path: `${dir}/types/${OBJECTS[i % OBJECTS.length]}-${i}.ts`, kind: 'types', exports: [camel([OBJECTS[i % OBJECTS.length] as string, 'of', String(i)])] });
    for (let i = 0; i < counts.lib; i += 1) {
      const base = `${VERBS[i % VERBS.length]}-${OBJECTS[(i * 7) % OBJECTS.length]}-${i}`;
      add({ path: `${dir}/lib/${base}.ts`, kind: 'lib', exports: [camel(base.split('-'))] });
    }
    for (const table of domain.tables) {
      if (entities > 0) add({ path: `${dir}/entities/${table.noun}.entity.ts`, kind: 'entity', exports: [table.model], table });
    }
    for (const table of domain.tables) {
      add({ path: `${dir}/repositories/${table.noun}.repository.ts`, kind: 'repository', exports: [`find${pascal([table.noun])}`], table });
    }
    for (let i = 0; i < counts.service; i += 1) {
      const noun = NOUNS[i % NOUNS.length] as string;
      add({ path: `${dir}/services/${noun}-${i}.service.ts`, kind: 'service', exports: [camel([VERBS[i % VERBS.length] as string, noun, String(i)])] });
    }
    for (let i = 0; i < controllers; i += 1) add({ path: `${dir}/controllers/${NOUNS[i % NOUNS.length]}-${i}.controller.ts`, kind: 'controller', exports: [camel(['handle', NOUNS[i % NOUNS.length] as string, String(i)])] });
    // The barrel exports the first services (the domain's public API) and its repositories' finders.
    const services = domain.files.filter((file) => file.kind === 'service' || file.kind === 'repository');
    for (const file of services.slice(0, Math.max(3, Math.round(services.length / 3)))) {
      for (const name of file.exports) domain.barrelExports.push({ name, from: relativeSpecifier(`${dir}/index.ts`, file.path) });
    }
  }

  // Shared helpers so each file's code is assembled the same way.
  const emit = (file: PlannedFile, imports: Map<string, Set<string>>, body: string, uses: string[]): void => {
    const lines: string[] = [];
    const length = fileLength(random);
    for (const [specifier, names] of [...imports].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (names.size === 0) lines.push(`import '${specifier}';`);
      else lines.push(`import { ${[...names].sort().join(', ')} } from '${specifier}';`);
    }
    let text = `${lines.join('\n')}\n\n${body}`;
    let count = text.split('\n').length;
    let filler = 0;
    for (const name of file.exports) {
      if (text.includes(`function ${name}(`) || text.includes(`class ${name} `)) continue;
      text += `\n${fillerBlock(random, name, uses)}`;
    }
    count = text.split('\n').length;
    while (count < length) {
      const block = fillerBlock(random, `${camel(['helper', String(filler)])}`, uses);
      text += `\n${block}`;
      count += block.split('\n').length + 1;
      filler += 1;
    }
    write(file.path, text);
  };
  const pickFrom = (pool: PlannedFile[], imports: Map<string, Set<string>>, from: string, alias?: (file: PlannedFile) => string): string | undefined => {
    if (pool.length === 0) return undefined;
    const target = pool[zipfIndex(random, pool.length)] as PlannedFile;
    const name = target.exports[Math.floor(random() * target.exports.length)] as string;
    const specifier = alias ? alias(target) : relativeSpecifier(from, target.path);
    if (!imports.has(specifier)) imports.set(specifier, new Set());
    imports.get(specifier)?.add(name);
    return name;
  };
  const coreAlias = (file: PlannedFile) => `@core/${path.posix.basename(file.path, '.ts')}`;

  // Core files import earlier core files only.
  core.forEach((file, index) => {
    const imports = new Map<string, Set<string>>();
    const uses: string[] = [];
    for (let i = Math.min(index, fanOut(random) - 1); i > 0; i -= 1) {
      const used = pickFrom(core.slice(0, index), imports, file.path);
      if (used) uses.push(used);
    }
    emit(file, imports, '', uses);
  });
  shared.forEach((file, index) => {
    const imports = new Map<string, Set<string>>();
    const uses: string[] = [];
    for (let i = Math.min(index, 2); i > 0; i -= 1) {
      const used = pickFrom(shared.slice(0, index), imports, file.path);
      if (used) uses.push(used);
    }
    emit(file, imports, '', uses);
  });

  // Domain files: imports of earlier files in the domain (Zipf), core, shared, other domains.
  for (const domain of domains) {
    domain.files.forEach((file, position) => {
      let imports = new Map<string, Set<string>>();
      let body = '';
      const uses: string[] = [];
      if (file.kind === 'entity' && file.table) {
        imports.set('typeorm', new Set(['Column', 'Entity', 'PrimaryGeneratedColumn']));
        body += `@Entity('${file.table.name}')\nexport class ${file.table.model} {\n  @PrimaryGeneratedColumn()\n  id!: number;\n\n${file.table.columns.map((column) => `  @Column()\n  ${camel(column.split('_'))}!: string;\n`).join('\n')}}\n`;
        emit(file, imports, body, uses);
        return;
      }
      if (file.kind === 'repository' && file.table) {
        const others = domain.tables.filter((table) => table !== file.table);
        // One repository in twenty also writes a table of another domain (shared tables).
        const foreign = random() < 0.05 ? domains[Math.floor(random() * domains.length)]?.tables[0] : undefined;
        const other = foreign && domain.style !== 'typeorm' && domain.style !== 'prisma' ? foreign : random() < 0.5 ? others[Math.floor(random() * others.length)] : undefined;
        const access = repositoryCode(domain.style, file.table, other);
        imports = access.imports;
        body = access.code;
      }
      const count = file.kind === 'types' ? Math.min(2, fanOut(random) - 1) : fanOut(random);
      for (let i = 0; i < count; i += 1) {
        const roll = random();
        let used: string | undefined;
        if (roll < 0.7 || file.kind === 'types') used = pickFrom(domain.files.slice(0, position).filter((other) => other.kind !== 'entity'), imports, file.path);
        else if (roll < 0.85) used = pickFrom(core, imports, file.path, coreAlias);
        else if (roll < 0.9) used = pickFrom(shared, imports, file.path, () => '@mono/shared');
        else {
          const other = domains[zipfIndex(random, domains.length)] as Domain;
          if (other === domain || other.barrelExports.length === 0) continue;
          if (random() < 0.7) {
            const entry = other.barrelExports[Math.floor(random() * other.barrelExports.length)] as { name: string };
            const specifier = `@app/domains/${other.name}`;
            if (!imports.has(specifier)) imports.set(specifier, new Set());
            imports.get(specifier)?.add(entry.name);
            used = entry.name;
          } else {
            used = pickFrom(other.files.filter((candidate) => candidate.kind === 'lib' || candidate.kind === 'service'), imports, file.path, (target) => `@app/${target.path.slice('src/'.length, -'.ts'.length)}`);
          }
        }
        if (used && !/^[A-Z]/.test(used) && !/^find/.test(used)) uses.push(used);
      }
      emit(file, imports, body, uses);
    });
    const barrel = domain.barrelExports.map((entry) => `export { ${entry.name} } from '${entry.from}';`).join('\n');
    write(`src/domains/${domain.name}/index.ts`, `${barrel}\n`);
  }

  // Cross-domain glue: jobs calling several domains' public APIs inside one knex transaction.
  for (let index = 0; index < glueFiles; index += 1) {
    const file: PlannedFile = { path: `src/app/jobs/job-${index}.ts`, kind: 'job', exports: [`runJob${index}`] };
    const imports = new Map<string, Set<string>>([['@mono/db', new Set(['db'])]]);
    const picked = new Set<Domain>();
    for (let i = 0; i < 3; i += 1) picked.add(domains[zipfIndex(random, domains.length)] as Domain);
    const calls: string[] = [];
    for (const domain of picked) {
      const entry = domain.barrelExports[Math.floor(random() * domain.barrelExports.length)];
      if (!entry) continue;
      const specifier = `@app/domains/${domain.name}`;
      if (!imports.has(specifier)) imports.set(specifier, new Set());
      imports.get(specifier)?.add(entry.name);
      calls.push(entry.name);
    }
    const tables = [...picked].map((domain) => domain.tables[0]?.name).filter((name): name is string => name !== undefined);
    const body = `/** Nightly job ${index}: touches ${tables.join(', ')} in one transaction. */\nexport async function runJob${index}(id: number): Promise<void> {\n  await db.transaction(async (trx) => {\n${tables.map((table) => `    await trx('${table}').where({ id }).update({ updated_at: new Date() });`).join('\n')}\n  });\n${calls.map((call) => `  await (${call} as unknown as (value: number) => Promise<unknown>)(id);`).join('\n')}\n}\n`;
    emit(file, imports, body, []);
  }

  // Fixed files: db package, shared barrel, app entry, configs, Prisma schema.
  write('packages/db/src/pg.ts', "import { Pool } from 'pg';\n\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n");
  write('packages/db/src/knex.ts', "import knex from 'knex';\n\nexport const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });\n");
  write('packages/db/src/prisma.ts', "import { PrismaClient } from '@prisma/client';\n\nexport const prisma = new PrismaClient();\n");
  write('packages/db/src/data-source.ts', "import { DataSource } from 'typeorm';\n\nexport const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: ['src/domains/*/entities/*.ts'] });\n");
  write('packages/db/src/index.ts', "export { pool } from './pg';\nexport { db } from './knex';\nexport { prisma } from './prisma';\nexport { AppDataSource } from './data-source';\n");
  write('packages/shared/src/index.ts', `${shared.map((file) => `export * from './${path.posix.basename(file.path, '.ts')}';`).join('\n')}\n`);
  write('src/main.ts', `${domains.map((domain) => `import '@app/domains/${domain.name}';`).join('\n')}\n${Array.from({ length: glueFiles }, (_, index) => `import { runJob${index} } from './app/jobs/job-${index}';`).join('\n')}\n\nexport const jobs = [${Array.from({ length: glueFiles }, (_, index) => `runJob${index}`).join(', ')}];\n`);
  const prismaModels = domains.filter((domain) => domain.style === 'prisma').flatMap((domain) => domain.tables);
  write(
    'prisma/schema.prisma',
    `datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\ngenerator client {\n  provider = "prisma-client-js"\n}\n${prismaModels.map((table) => `\nmodel ${table.model} {\n  id   Int    @id @default(autoincrement())\n  name String\n\n  @@map("${table.name}")\n}\n`).join('')}`,
  );
  const manifest = (name: string, extra: Record<string, unknown> = {}) => `${JSON.stringify({ name, version: '1.0.0', private: true, ...extra }, null, 2)}\n`;
  write('package.json', manifest('synthetic-monolith', { workspaces: ['packages/*'], dependencies: { '@mono/db': '1.0.0', '@mono/shared': '1.0.0', '@prisma/client': '^5.22.0', knex: '^3.1.0', pg: '^8.13.0', typeorm: '^0.3.20' } }));
  write('packages/db/package.json', manifest('@mono/db', { main: 'src/index.ts', types: 'src/index.ts' }));
  write('packages/shared/package.json', manifest('@mono/shared', { main: 'src/index.ts', types: 'src/index.ts' }));
  write(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          strict: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          baseUrl: '.',
          paths: { '@app/*': ['src/*'], '@core/*': ['src/core/*'], '@mono/shared': ['packages/shared/src/index.ts'], '@mono/db': ['packages/db/src/index.ts'] },
        },
        include: ['src', 'packages'],
      },
      null,
      2,
    )}\n`,
  );
  return { root, files: written.files, lines: written.lines, domains: domains.length, tables: tableCount };
}

/** `node dist/bench/generate-monolith.js <dir> [--files n] [--seed n]`: writes one tree (for looking at it by hand). */
async function main(): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { files: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } } });
  const root = positionals[0];
  if (root === undefined) throw new Error('usage: generate-monolith <empty dir> [--files n] [--seed n]');
  if (fs.existsSync(root) && fs.readdirSync(root).length > 0) throw new Error(`${root} is not empty`);
  const generated = generateMonolith(path.resolve(root), { files: Number(values.files), seed: Number(values.seed) });
  process.stdout.write(`${JSON.stringify(generated)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
