import type { AnalysisResult, Cluster, Evidence, Location, Metrics, PlanEntry, PlanStep, ScoreFactor } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import { toSortedLocations } from '../model/locations.js';
import { measurePartitions } from './partition-metrics.js';

/** What scoring adds to a result: scored clusters, the extraction order and the partition metrics. */
export interface ScoredCandidates {
  clusters: Cluster[];
  plan: PlanEntry[];
  metrics: Metrics;
}

/** Locations listed per piece of evidence (the count is always complete). */
const LOCATIONS_SHOWN = 10;
/** Pieces of evidence listed per factor. */
const EVIDENCE_SHOWN = 25;
/** Clusters with fewer modules come last in the extraction order (the lower end of the NED band of reasonably sized services). */
const SMALLEST_CANDIDATE = 5;
/** Names listed in a step's description. */
const NAMES_SHOWN = 6;

const IMPORT_KINDS: ReadonlySet<string> = new Set(['import', 'type-import', 'dynamic-import']);

/** One import statement from one cluster into another, at the module that defines what it takes. */
interface ImportReference {
  from: string;
  to: string;
  fromCluster: string;
  toCluster: string;
  location: Location;
  names: string[];
}

/** One table access of a module. */
interface TableAccess {
  table: string;
  cluster: string;
  mode: 'writes' | 'reads';
  locations: Location[];
}

interface Index {
  kindOf: Map<string, Cluster['kind']>;
  references: ImportReference[];
  accesses: TableAccess[];
  tableOwner: Map<string, string>;
  locOf: Map<string, number>;
}



function toEvidence(description: string, locations: Iterable<Location>): Evidence {
  const all = toSortedLocations(locations);
  const more = all.length > LOCATIONS_SHOWN ? ` (${LOCATIONS_SHOWN} of ${all.length} places shown)` : '';
  return { description: `${description}${more}`, locations: all.slice(0, LOCATIONS_SHOWN) };
}

function capEvidence(evidence: Evidence[]): Evidence[] {
  if (evidence.length <= EVIDENCE_SHOWN) return evidence;
  return [...evidence.slice(0, EVIDENCE_SHOWN), { description: `… and ${evidence.length - EVIDENCE_SHOWN} more`, locations: [] }];
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? `${shown} and ${names.length - NAMES_SHOWN} more` : shown;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function toIndex(result: AnalysisResult): Index {
  const kindOf = new Map(result.clusters.map((cluster) => [cluster.id, cluster.kind]));
  const clusterOf = new Map(result.modules.map((module) => [module.id, module.cluster]));
  const locOf = new Map(result.modules.map((module) => [module.id, module.loc]));
  const tableOwner = new Map(result.tables.map((table) => [table.id, table.cluster]));
  // Barrels are counted at the module that defines what is imported (the edge marked `through`).
  const barrels = new Set(result.edges.flatMap((edge) => edge.through ?? []));
  const references: ImportReference[] = [];
  const seen = new Set<string>();
  const accesses: TableAccess[] = [];
  for (const edge of result.edges) {
    const fromCluster = clusterOf.get(edge.from);
    if (fromCluster === undefined) continue;
    if (edge.kind === 'writes' || edge.kind === 'reads') {
      accesses.push({ table: edge.to, cluster: fromCluster, mode: edge.kind, locations: edge.locations });
      continue;
    }
    if (!IMPORT_KINDS.has(edge.kind) || barrels.has(edge.to)) continue;
    const toCluster = clusterOf.get(edge.to);
    if (toCluster === undefined || toCluster === fromCluster) continue;
    for (const location of edge.locations) {
      const key = `${location.file}:${location.line}\u0000${edge.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      references.push({ from: edge.from, to: edge.to, fromCluster, toCluster, location, names: edge.names ?? ['*'] });
    }
  }
  return { kindOf, references, accesses, tableOwner, locOf };
}

/** Import statements between two domain clusters (the kernel is a library every service keeps). */
function domainReferences(index: Index, cluster: string, direction: 'inbound' | 'outbound'): Map<string, ImportReference[]> {
  const byOther = new Map<string, ImportReference[]>();
  for (const reference of index.references) {
    const mine = direction === 'inbound' ? reference.toCluster : reference.fromCluster;
    const other = direction === 'inbound' ? reference.fromCluster : reference.toCluster;
    if (mine !== cluster || index.kindOf.get(other) !== 'domain') continue;
    if (!byOther.has(other)) byOther.set(other, []);
    byOther.get(other)?.push(reference);
  }
  return byOther;
}

function statementCount(references: readonly ImportReference[]): number {
  return new Set(references.map((reference) => `${reference.location.file}:${reference.location.line}`)).size;
}

function sortedByCount(byOther: Map<string, ImportReference[]>): [string, ImportReference[]][] {
  return [...byOther.entries()].sort((a, b) => statementCount(b[1]) - statementCount(a[1]) || compareText(a[0], b[0]));
}

/** Points off the ease: grows with the log of a count, up to a cap. */
function logPoints(value: number, scale: number, cap: number): number {
  return Math.min(cap, Math.round(scale * Math.log2(1 + value) * 10) / 10);
}

function linearPoints(value: number, each: number, cap: number): number {
  return Math.min(cap, value * each);
}

/** A shared-transaction finding involves the cluster when it points into its modules or the transaction touches its tables. */
function involvesCluster(finding: AnalysisResult['findings'][number], cluster: Cluster, transactions: AnalysisResult['transactions']): boolean {
  const modules = new Set(cluster.modules);
  const locations = [...finding.locations, ...finding.evidence.flatMap((evidence) => evidence.locations)];
  if (locations.some((location) => modules.has(location.file))) return true;
  return transactions.some(
    (transaction) =>
      transaction.clusters.includes(cluster.id) &&
      locations.some((location) => location.file === transaction.location.file && location.line === transaction.location.line),
  );
}

interface ClusterAnalysis {
  factors: ScoreFactor[];
  steps: PlanStep[];
}

function analyzeCluster(result: AnalysisResult, index: Index, cluster: Cluster): ClusterAnalysis {
  const factors: ScoreFactor[] = [];
  const steps: PlanStep[] = [];
  const inbound = domainReferences(index, cluster.id, 'inbound');
  const outbound = domainReferences(index, cluster.id, 'outbound');

  const inboundCount = [...inbound.values()].reduce((sum, references) => sum + statementCount(references), 0);
  factors.push({
    name: 'inbound-imports',
    value: inboundCount,
    points: logPoints(inboundCount, 4, 20),
    detail: 'import statements in other domain clusters that reach into this one',
    evidence: capEvidence(sortedByCount(inbound).map(([other, references]) => toEvidence(`${other} imports from ${cluster.id} ${plural(statementCount(references), 'time')}`, references.map((r) => r.location)))),
  });
  const outboundCount = [...outbound.values()].reduce((sum, references) => sum + statementCount(references), 0);
  factors.push({
    name: 'outbound-imports',
    value: outboundCount,
    points: logPoints(outboundCount, 3, 15),
    detail: 'import statements of this cluster into other domain clusters',
    evidence: capEvidence(sortedByCount(outbound).map(([other, references]) => toEvidence(`${cluster.id} imports from ${other} ${plural(statementCount(references), 'time')}`, references.map((r) => r.location)))),
  });
  for (const [other, references] of sortedByCount(outbound)) {
    steps.push({
      action: 'replace-imports',
      description: `replace the ${plural(statementCount(references), 'import')} from ${other} with calls to ${other}'s API or with events`,
      locations: toSortedLocations(references.map((r) => r.location)).slice(0, LOCATIONS_SHOWN),
    });
  }

  // API surface: the exported names of this cluster other domain clusters use.
  const symbols = new Map<string, { module: string; name: string; users: Set<string>; locations: Location[] }>();
  for (const references of inbound.values()) {
    for (const reference of references) {
      for (const name of reference.names.length > 0 ? reference.names : ['*']) {
        const key = `${reference.to}#${name}`;
        const symbol = symbols.get(key) ?? { module: reference.to, name, users: new Set<string>(), locations: [] };
        symbol.users.add(reference.fromCluster);
        symbol.locations.push(reference.location);
        symbols.set(key, symbol);
      }
    }
  }
  const api = [...symbols.values()].sort((a, b) => compareText(a.module, b.module) || compareText(a.name, b.name));
  factors.push({
    name: 'api-surface',
    value: api.length,
    points: logPoints(api.length, 2, 10),
    detail: 'exported symbols other domain clusters use: the API the service must offer',
    evidence: capEvidence(api.map((symbol) => toEvidence(`${symbol.module}: ${symbol.name === '*' ? '* (namespace or require)' : symbol.name}, used by ${[...symbol.users].sort(compareText).join(', ')}`, symbol.locations))),
  });
  if (api.length > 0) {
    steps.push({
      action: 'publish-api',
      description: `publish an API for the ${plural(api.length, 'symbol')} other clusters use: ${listNames(api.map((symbol) => (symbol.name === '*' || symbol.name === 'default' ? `${symbol.name} of ${symbol.module}` : symbol.name)))}`,
      locations: toSortedLocations(api.flatMap((symbol) => symbol.locations)).slice(0, LOCATIONS_SHOWN),
    });
  }

  // Cycles: domain clusters this one imports and that import it back.
  const cycles = [...outbound.keys()].filter((other) => inbound.has(other)).sort(compareText);
  factors.push({
    name: 'cycles',
    value: cycles.length,
    points: linearPoints(cycles.length, 5, 15),
    detail: 'domain clusters this one imports that also import it',
    evidence: capEvidence(
      cycles.map((other) => {
        const out = outbound.get(other) ?? [];
        const back = inbound.get(other) ?? [];
        return toEvidence(`${cluster.id} → ${other} ${plural(statementCount(out), 'time')}, ${other} → ${cluster.id} ${plural(statementCount(back), 'time')}`, [...out, ...back].map((r) => r.location));
      }),
    ),
  });
  for (const other of cycles) {
    steps.push({
      action: 'break-cycle',
      description: `break the import cycle with ${other}: keep one direction as API calls and turn the other into events`,
      locations: toSortedLocations((inbound.get(other) ?? []).map((r) => r.location)).slice(0, LOCATIONS_SHOWN),
    });
  }

  // Tables: owned, shared writes, foreign reads.
  const owned = new Set(cluster.tables);
  const sharedWrites: Evidence[] = [];
  const foreignReads: Evidence[] = [];
  const accessesOf = (table: string, mode: TableAccess['mode'], predicate: (other: string) => boolean): Map<string, Location[]> => {
    const byCluster = new Map<string, Location[]>();
    for (const access of index.accesses) {
      if (access.table !== table || access.mode !== mode || !predicate(access.cluster)) continue;
      byCluster.set(access.cluster, [...(byCluster.get(access.cluster) ?? []), ...access.locations]);
    }
    return byCluster;
  };
  for (const table of [...owned].sort(compareText)) {
    for (const [other, locations] of [...accessesOf(table, 'writes', (c) => c !== cluster.id)].sort((a, b) => compareText(a[0], b[0]))) {
      sharedWrites.push(toEvidence(`${other} also writes ${table}, which ${cluster.id} owns`, locations));
      steps.push({ action: 'take-table', description: `make ${cluster.id} the only writer of table ${table}: move ${other}'s writes behind ${cluster.id}'s API`, locations: toSortedLocations(locations).slice(0, LOCATIONS_SHOWN) });
    }
    const readers = accessesOf(table, 'reads', (c) => c !== cluster.id && index.kindOf.get(c) === 'domain');
    for (const [other, locations] of [...readers].sort((a, b) => compareText(a[0], b[0]))) {
      foreignReads.push(toEvidence(`${other} reads ${table}, which ${cluster.id} owns`, locations));
    }
  }
  const foreignTables = new Set(index.accesses.filter((access) => access.cluster === cluster.id && !owned.has(access.table)).map((access) => access.table));
  for (const table of [...foreignTables].sort(compareText)) {
    const owner = index.tableOwner.get(table) ?? 'shared';
    const writes = accessesOf(table, 'writes', (c) => c === cluster.id).get(cluster.id) ?? [];
    const reads = accessesOf(table, 'reads', (c) => c === cluster.id).get(cluster.id) ?? [];
    if (writes.length > 0) {
      sharedWrites.push(toEvidence(`${cluster.id} writes ${table}, which ${owner} owns`, writes));
      steps.push({ action: 'move-table', description: `move the writes to table ${table} behind ${owner}'s API`, locations: toSortedLocations(writes).slice(0, LOCATIONS_SHOWN) });
    } else if (reads.length > 0) {
      foreignReads.push(toEvidence(`${cluster.id} reads ${table}, which ${owner} owns`, reads));
      steps.push({ action: 'replace-reads', description: `read table ${table} through ${owner}'s API or a replicated read model`, locations: toSortedLocations(reads).slice(0, LOCATIONS_SHOWN) });
    }
  }
  factors.push({ name: 'shared-tables', value: sharedWrites.length, points: linearPoints(sharedWrites.length, 5, 20), detail: 'tables written by this cluster and another', evidence: capEvidence(sharedWrites) });
  factors.push({ name: 'foreign-reads', value: foreignReads.length, points: linearPoints(foreignReads.length, 2, 10), detail: 'tables read across the boundary, either way', evidence: capEvidence(foreignReads) });

  const transactions = result.findings.filter((finding) => finding.kind === 'shared-transaction' && involvesCluster(finding, cluster, result.transactions));
  factors.push({
    name: 'shared-transactions',
    value: transactions.length,
    points: linearPoints(transactions.length, 7, 20),
    detail: 'transactions that span this cluster and another (shared-transaction findings)',
    evidence: capEvidence(transactions.map((finding) => toEvidence(finding.message, finding.locations))),
  });
  for (const finding of transactions) {
    const where = finding.locations[0] ? ` at ${finding.locations[0].file}:${finding.locations[0].line}` : '';
    steps.push({ action: 'split-transaction', description: `split the transaction${where} with a saga or an outbox: ${finding.message}`, locations: finding.locations.slice(0, LOCATIONS_SHOWN) });
  }

  const modules = new Set(cluster.modules);
  const entryPoints = result.entryPoints.filter((entry) => modules.has(entry.location.file));
  const reaching = entryPoints.filter((entry) => entry.clusters.some((other) => other !== cluster.id && index.kindOf.get(other) === 'domain'));
  factors.push({
    name: 'entry-points',
    value: entryPoints.length,
    points: linearPoints(reaching.length, 2, 10),
    detail: 'entry points (routes, consumers, jobs) in this cluster; points for those reaching other domain clusters',
    evidence: capEvidence(
      entryPoints.map((entry) => {
        const others = entry.clusters.filter((other) => other !== cluster.id);
        return toEvidence(`${entry.kind} ${entry.name}${others.length > 0 ? `, reaches ${others.join(', ')}` : ''}`, [entry.location]);
      }),
    ),
  });

  const loc = cluster.modules.reduce((sum, module) => sum + (index.locOf.get(module) ?? 0), 0);
  factors.push({
    name: 'size',
    value: loc,
    points: logPoints(loc / 250, 2, 10),
    detail: `lines of code in ${plural(cluster.modules.length, 'module')}`,
    evidence: [],
  });
  factors.push({
    name: 'statefulness',
    value: cluster.tables.length,
    points: cluster.tables.length === 0 ? 0 : logPoints(cluster.tables.length, 3, 10),
    detail: cluster.tables.length === 0 ? 'no tables of its own: an easy first extraction' : 'tables this cluster owns and must take with it',
    evidence: cluster.tables.length > 0 ? [{ description: `owns ${listNames(cluster.tables)}`, locations: [] }] : [],
  });
  steps.push({
    action: 'extract',
    description: `move the ${plural(cluster.modules.length, 'module')}${cluster.tables.length > 0 ? ` and ${plural(cluster.tables.length, 'table')}` : ''} of ${cluster.id} into the new service`,
    locations: [],
  });
  return { factors, steps };
}

/**
 * Scores every domain cluster for how easy it is to extract (0-100, named factors each with
 * evidence to file:line), orders the candidates lowest risk first with the concrete steps each
 * needs (clusters of fewer than five modules last, larger first among equals), and measures the partition beside trivial baselines. Pure: it reads only the result,
 * so a consumer can call it again after moving modules (the TUI's what-if).
 */
export function scoreCandidates(result: AnalysisResult): ScoredCandidates {
  const index = toIndex(result);
  const plan: PlanEntry[] = [];
  const clusters = result.clusters.map((cluster): Cluster => {
    const { score: _previous, ...rest } = cluster;
    if (cluster.kind !== 'domain') return rest;
    const { factors, steps } = analyzeCluster(result, index, cluster);
    const ease = Math.max(0, Math.min(100, Math.round(100 - factors.reduce((sum, factor) => sum + (factor.points ?? 0), 0))));
    plan.push({ cluster: cluster.id, ease, steps });
    return { ...rest, score: { ease, factors } };
  });
  // Small leftovers (files with few ties, grouped by folder) go last: they are not services.
  const sizeOf = new Map(result.clusters.map((cluster) => [cluster.id, cluster.modules.length]));
  const isSmall = (entry: PlanEntry): number => Number((sizeOf.get(entry.cluster) ?? 0) < SMALLEST_CANDIDATE);
  plan.sort((a, b) => isSmall(a) - isSmall(b) || b.ease - a.ease || (sizeOf.get(b.cluster) ?? 0) - (sizeOf.get(a.cluster) ?? 0) || compareText(a.cluster, b.cluster));
  return { clusters, plan, metrics: measurePartitions(result) };
}
