import fs from 'node:fs';
import path from 'node:path';
import { analyzers as registeredAnalyzers } from '../../analyzers/index.js';
import { discoverFiles, relativeId } from '../discover/discover-files.js';
import { completeDeferred, extractFacts, extractResourceFacts } from '../extract/extract-facts.js';
import { modulesNeedingCalls } from '../callgraph/needs-calls.js';
import { createImportResolver } from '../resolve/resolve-imports.js';
import { buildGraph, createCachedResolve, type ModuleGraph } from '../graph/build-graph.js';
import { addTableEdges } from '../graph/table-edges.js';
import { linkTables, type LinkedTables } from '../tables/link-tables.js';
import { findProblems, toTableUses } from '../find/find-problems.js';
import { buildCallGraph } from '../callgraph/build-call-graph.js';
import {
  DEFAULT_CALL_DEPTH, toEntryPoints, toEvents, toSameTransactionEdges, toTransactions, traceScopes, type TracedEntryPoint, type TracedTransaction,
} from '../callgraph/trace-scopes.js';
import { compareEdges } from '../graph/build-graph.js';
import { answerTypeQuestions, type TypePassReport } from '../types/answer-type-questions.js';
import { loadTypesCache } from '../cache/types-cache.js';
import { loadResolutionCache, toResolutionKey } from '../cache/resolution-cache.js';
import { loadProjectLayout, nearestTsconfigFile } from '../discover/project-layout.js';
import { clusterGraph, DEFAULT_RUNS, type ClusterOptions, type Clustering, type Pin } from '../cluster/cluster-graph.js';
import { addHistoryEdges, loadHistory } from '../cluster/load-history.js';
import { scoreCandidates } from '../score/score-candidates.js';
import { SeamsError } from '../errors.js';
import { SCHEMA_VERSION, type AnalysisResult, type Cluster, type Coupling, type Diagnostic, type Edge, type EdgeKind } from '../model/result.js';
import { compareText, sortDiagnostics } from '../model/diagnostics.js';
import type { ModuleId } from '../model/facts.js';
import type { AnyAnalyzer } from '../plugin/index.js';
import { SEAMS_VERSION } from '../version.js';
import { loadFactsCache } from '../cache/facts-cache.js';
import { clusterWithCache } from '../cache/clustering-cache.js';
import type { ProgressListener } from './progress.js';

/** Options of one analysis. */
export interface AnalyzeOptions {
  /** Directory to analyze (absolute or relative to the working directory). */
  root: string;
  /** How the root is written in the result (defaults to `root` as given). */
  displayRoot?: string;
  include?: string[];
  exclude?: string[];
  defaultExcludes?: boolean;
  resolution?: number;
  seed?: number;
  /** Run the lazy type-aware pass (ts-morph) for receivers syntax cannot place (default true). */
  types?: boolean;
  /** How many calls deep transactions and entry points are followed (default 4; 0: only their own lines). */
  depth?: number;
  /** Overrides of the clustering edge weights by kind (experiments and tuning). */
  weights?: Partial<Record<EdgeKind, number>>;
  /** Seeded Louvain runs behind the consensus (default DEFAULT_RUNS). */
  runs?: number;
  /** Find the resolution that gives about this many domain clusters. */
  clusters?: number;
  /** Path globs fixed to named domains (`shared` = the shared kernel). */
  pins?: Pin[];
  /** Read the last N commits of git history for co-change edges and module owners (0 or absent: off). */
  history?: number;
  analyzers?: readonly AnyAnalyzer[];
  /** Cache per-file facts by content hash under `.seams-cache/` (default false). */
  cache?: boolean;
  /**
   * Put off the calls analyzer on modules no entry point or transaction can reach by imports
   * (default true). false reads every module's calls: the same result, slower (a check of the shortcut).
   */
  defer?: boolean;
  /** Worker threads for extraction while the main thread collects (0: none; default: one per core, at most 4, on trees of 2,500 files or more). */
  workers?: number;
  onProgress?: ProgressListener;
}

/** Default Louvain resolution. */
export const DEFAULT_RESOLUTION = 1;
/** Default clustering seed. */
export const DEFAULT_SEED = 42;

/**
 * Analyzes a repository: discover → extract → build graph → cluster → result. Never runs the
 * analyzed code. Per-file problems become diagnostics; only an unusable root is fatal.
 */
export function analyze(options: AnalyzeOptions): AnalysisResult {
  const root = path.resolve(options.root);
  assertDirectory(root);
  const include = options.include ?? [];
  const exclude = options.exclude ?? [];
  const resolution = options.resolution ?? DEFAULT_RESOLUTION;
  const seed = options.seed ?? DEFAULT_SEED;
  const depth = options.depth ?? DEFAULT_CALL_DEPTH;
  const progress = options.onProgress ?? (() => undefined);

  progress({ stage: 'discover' });
  const discovery = discoverFiles({ root, include, exclude, defaultExcludes: options.defaultExcludes ?? true });
  const layout = loadProjectLayout(root, discovery);
  progress({ stage: 'discover', end: true });

  progress({ stage: 'extract', done: 0, total: discovery.files.length });
  const analyzers = options.analyzers ?? Object.values(registeredAnalyzers);
  const project = { dependencies: layout.dependencies };
  const cache = options.cache ? loadFactsCache(root, { seamsVersion: SEAMS_VERSION, analyzers: analyzers.filter((a) => a.isEnabled(project)).map((a) => a.id) }) : undefined;
  const workers = options.workers === undefined ? {} : { workers: options.workers };
  const extraction = extractFacts(discovery.files, analyzers, project, (done, total) => progress({ stage: 'extract', done, total }), { cache, defer: options.defer ?? true, ...workers });
  extractResourceFacts(discovery.resources, analyzers, project, extraction);
  progress({ stage: 'extract', end: true });

  progress({ stage: 'build graph' });
  const analyzed = new Set(extraction.facts.map((facts) => facts.module));
  const modulesByPath = new Map<string, ModuleId>();
  for (const file of discovery.files) if (analyzed.has(file.id)) modulesByPath.set(file.absolutePath, file.id);
  const resolver = createImportResolver(layout, modulesByPath);
  const resolutions = options.cache ? loadResolutionCache(root, toResolutionKey(root, discovery, [...modulesByPath.values()], SEAMS_VERSION), resolver) : undefined;
  const resolve = createCachedResolve(resolutions ? { resolve: resolutions.resolve, diagnostics: resolver.diagnostics } : resolver);
  const graph = buildGraph(extraction.facts, resolve);
  progress({ stage: 'build graph', end: true });
  progress({ stage: 'calls' });
  completeDeferred(extraction, discovery.files, analyzers, project, modulesNeedingCalls(extraction.facts, graph.edges), { cache, ...workers });
  cache?.save({ prune: true });
  progress({ stage: 'calls', end: true });
  progress({ stage: 'types' });
  const typesCache = cache && options.types !== false ? loadTypesCache(root, SEAMS_VERSION, (file) => cache.hashOf(relativeId(root, file))) : undefined;
  const typePass = options.types === false ? undefined : answerTypeQuestions(root, extraction.facts, (file) => nearestTsconfigFile(layout, file), importTargets(graph), typesCache);
  typesCache?.save();
  progress({ stage: 'types', end: true });
  progress({ stage: 'link tables' });
  const linked = linkTables(extraction.facts, extraction.resourceFacts, resolve);
  addTableEdges(graph, linked);
  progress({ stage: 'link tables', end: true });

  progress({ stage: 'trace' });
  const callGraph = buildCallGraph(extraction.facts, resolve);
  const traced = traceScopes(extraction.facts, callGraph, linked.accesses, depth);
  const events = toEvents(extraction.facts, resolve);
  graph.edges = [...graph.edges, ...toSameTransactionEdges(traced.transactions), ...events.edges].sort(compareEdges);
  const history = options.history ? loadHistory(root, graph.modules, options.history) : undefined;
  if (history) addHistoryEdges(graph, history);
  resolutions?.save();
  progress({ stage: 'trace', end: true });

  progress({ stage: 'cluster' });
  const runs = options.runs ?? DEFAULT_RUNS;
  const pins = options.pins ?? [];
  const clusterOptions: ClusterOptions = { resolution, seed, runs, clusters: options.clusters, pins, weights: options.weights, owners: history?.owners };
  const clustering = options.cache
    ? clusterWithCache(root, graph, clusterOptions, SEAMS_VERSION, () => clusterGraph(graph, clusterOptions)).clustering
    : clusterGraph(graph, clusterOptions);
  progress({ stage: 'cluster', end: true });

  progress({ stage: 'result' });
  const result = toResult({
    displayRoot: options.displayRoot ?? options.root,
    graph,
    linked,
    clustering,
    traced,
    events: events.events,
    options: {
      resolution: clustering.resolution,
      seed,
      runs,
      ...(options.clusters === undefined ? {} : { clusters: options.clusters }),
      ...(pins.length === 0 ? {} : { pins: pins.map((pin) => `${pin.glob}=${pin.domain}`) }),
      ...(options.history ? { history: options.history } : {}),
      include,
      exclude,
      depth,
    },
    files: extraction.facts.length,
    skippedFiles: discovery.skippedFiles + extraction.skippedFiles,
    diagnostics: [...discovery.diagnostics, ...layout.diagnostics, ...extraction.diagnostics, ...resolver.diagnostics, ...graph.diagnostics, ...linked.diagnostics, ...(typePass?.diagnostics ?? []), ...(history?.diagnostics ?? [])],
    typePass,
  });
  const scored = { ...result, ...scoreCandidates(result) };
  progress({ stage: 'result', end: true });
  return scored;
}

/** The modules each module imports (runtime and type imports, barrels followed). */
function importTargets(graph: ModuleGraph): (module: ModuleId) => ModuleId[] {
  const targets = new Map<ModuleId, ModuleId[]>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'import' && edge.kind !== 'type-import') continue;
    const from = edge.from as ModuleId;
    if (!targets.has(from)) targets.set(from, []);
    targets.get(from)?.push(edge.to as ModuleId);
  }
  return (module) => targets.get(module) ?? [];
}

function assertDirectory(root: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    throw new SeamsError('not-found', `Directory not found: ${root}. Give the path of the repository to analyze.`);
  }
  if (!stat.isDirectory()) throw new SeamsError('usage', `Not a directory: ${root}. Give the path of the repository to analyze.`);
}

interface ResultParts {
  displayRoot: string;
  typePass: TypePassReport | undefined;
  graph: ModuleGraph;
  linked: LinkedTables;
  clustering: Clustering;
  traced: { transactions: TracedTransaction[]; entryPoints: TracedEntryPoint[] };
  events: AnalysisResult['events'];
  options: AnalysisResult['options'];
  files: number;
  skippedFiles: number;
  diagnostics: Diagnostic[];
}

/**
 * Counts import statements between clusters (edges followed through barrels are not counted
 * twice); each cluster's list is sorted by total, then by cluster id. Also used by the what-if
 * recompute (src/whatif), so a moved module changes couplings exactly as a new analysis would.
 */
export function toCouplings(edges: readonly Edge[], clusterOf: ReadonlyMap<string, string>): Map<string, Coupling[]> {
  const couplings = new Map<string, Map<string, Coupling>>();
  const entry = (from: string, to: string): Coupling => {
    if (!couplings.has(from)) couplings.set(from, new Map());
    const byCluster = couplings.get(from) as Map<string, Coupling>;
    let coupling = byCluster.get(to);
    if (!coupling) {
      coupling = { cluster: to, outgoing: 0, incoming: 0 };
      byCluster.set(to, coupling);
    }
    return coupling;
  };
  for (const edge of edges) {
    if (edge.through !== undefined) continue;
    const from = clusterOf.get(edge.from);
    const to = clusterOf.get(edge.to);
    if (from === undefined || to === undefined || from === to) continue;
    entry(from, to).outgoing += edge.weight;
    entry(to, from).incoming += edge.weight;
  }
  const sorted = new Map<string, Coupling[]>();
  for (const [cluster, byCluster] of couplings) {
    sorted.set(cluster, [...byCluster.values()].sort((a, b) => b.outgoing + b.incoming - (a.outgoing + a.incoming) || compareText(a.cluster, b.cluster)));
  }
  return sorted;
}

function toResult(parts: ResultParts): AnalysisResult {
  const { graph, clustering, linked } = parts;
  const couplings = toCouplings(graph.edges, clustering.clusterOf);
  const uses = toTableUses(graph.edges, clustering);
  const domainClusters = new Set(clustering.clusters.filter((cluster) => cluster.kind === 'domain').map((cluster) => cluster.id));
  const transactions = toTransactions(parts.traced.transactions, clustering.tableClusterOf);
  const entryPoints = toEntryPoints(parts.traced.entryPoints, clustering.clusterOf, clustering.tableClusterOf, domainClusters);
  const untouched = graph.tables.filter((table) => !uses.has(table.id) && table.declared).map((table) => table.id);
  const clusters: Cluster[] = clustering.clusters.map((cluster) => ({
    id: cluster.id,
    name: cluster.name,
    kind: cluster.kind,
    modules: cluster.modules,
    tables: cluster.tables,
    ...(cluster.stability === undefined ? {} : { stability: cluster.stability }),
    coupling: couplings.get(cluster.id) ?? [],
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'seams', version: SEAMS_VERSION },
    root: parts.displayRoot.split(path.sep).join('/'),
    options: parts.options,
    stats: {
      files: parts.files,
      skippedFiles: parts.skippedFiles,
      tables: { total: graph.tables.length, accesses: linked.accesses.length, declared: linked.declared.size, untouched: untouched.length },
      types: { files: parts.typePass?.files ?? 0, questions: parts.typePass?.questions ?? 0, answered: parts.typePass?.answered ?? 0 },
      imports: graph.importStats,
    },
    modules: graph.modules.map((module) => ({
      id: module.id,
      cluster: clustering.clusterOf.get(module.id) ?? '',
      loc: module.loc,
    })),
    tables: graph.tables.map((table) => ({
      id: table.id,
      cluster: clustering.tableClusterOf.get(table.id) ?? '',
      declared: table.declared,
      writers: [...(uses.get(table.id)?.writers.keys() ?? [])].sort(compareText),
      readers: [...(uses.get(table.id)?.readers.keys() ?? [])].sort(compareText),
    })),
    edges: graph.edges,
    clusters,
    transactions,
    entryPoints,
    events: parts.events,
    findings: findProblems({ edges: graph.edges, transactions, entryPoints, clustering, uses, untouched }),
    diagnostics: sortDiagnostics(parts.diagnostics),
  };
}
