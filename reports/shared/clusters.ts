import { compareText, type AnalysisResult, type Cluster, type Finding } from '../../src/plugin/index.js';

/** One candidate with the numbers every report shows. */
export interface ClusterSummary {
  cluster: Cluster;
  loc: number;
  /** Import statements from this cluster into others. */
  importsOut: number;
  /** Import statements from other clusters into this one. */
  importsIn: number;
  /** Extraction ease 0–100 when the result has scores. */
  ease: number | undefined;
}

/** Coupling between two clusters in one direction: import statements and table accesses across. */
export interface ClusterLink {
  from: string;
  to: string;
  imports: number;
  /** Read and write edges from modules of `from` to tables owned by `to`. */
  tableAccesses: number;
}

/** Candidates first (easiest to extract first when scored, else largest first), the shared kernel last. */
export function summarizeClusters(result: AnalysisResult): ClusterSummary[] {
  const locByModule = new Map(result.modules.map((module) => [module.id, module.loc]));
  const summaries = result.clusters.map((cluster) => ({
    cluster,
    loc: cluster.modules.reduce((total, module) => total + (locByModule.get(module) ?? 0), 0),
    importsOut: cluster.coupling.reduce((total, coupling) => total + coupling.outgoing, 0),
    importsIn: cluster.coupling.reduce((total, coupling) => total + coupling.incoming, 0),
    ease: cluster.score?.ease,
  }));
  return summaries.sort(
    (a, b) =>
      Number(a.cluster.kind === 'shared') - Number(b.cluster.kind === 'shared') ||
      (b.ease ?? -1) - (a.ease ?? -1) ||
      b.cluster.modules.length - a.cluster.modules.length ||
      compareText(a.cluster.id, b.cluster.id),
  );
}

/** Directed links between clusters: import statements (from the clusters' coupling) and cross-cluster table accesses (from the edges). */
export function toClusterLinks(result: AnalysisResult): ClusterLink[] {
  const links = new Map<string, ClusterLink>();
  const linkOf = (from: string, to: string): ClusterLink => {
    const key = JSON.stringify([from, to]);
    let link = links.get(key);
    if (!link) {
      link = { from, to, imports: 0, tableAccesses: 0 };
      links.set(key, link);
    }
    return link;
  };
  for (const cluster of result.clusters) {
    for (const coupling of cluster.coupling) if (coupling.outgoing > 0) linkOf(cluster.id, coupling.cluster).imports += coupling.outgoing;
  }
  const moduleCluster = new Map(result.modules.map((module) => [module.id, module.cluster]));
  const tableCluster = new Map(result.tables.map((table) => [table.id, table.cluster]));
  for (const edge of result.edges) {
    if (edge.kind !== 'reads' && edge.kind !== 'writes') continue;
    const from = moduleCluster.get(edge.from);
    const to = tableCluster.get(edge.to);
    if (from !== undefined && to !== undefined && from !== to) linkOf(from, to).tableAccesses += 1;
  }
  return [...links.values()].sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
}

/** A colour for an extraction ease: red (hard) through amber to green (easy); slate when there is no score, grey for the shared kernel. */
export function toEaseColour(ease: number | undefined, kind: Cluster['kind'] = 'domain'): string {
  if (kind === 'shared') return '#9ca3af';
  if (ease === undefined) return '#60a5fa';
  const hue = Math.round((Math.max(0, Math.min(100, ease)) / 100) * 120);
  return hslToHex(hue, 0.62, 0.5);
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const x = chroma * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = lightness - chroma / 2;
  const [r, g, b] = hue < 60 ? [chroma, x, 0] : [x, chroma, 0];
  return `#${[r, g, b].map((channel) => Math.round((channel + m) * 255).toString(16).padStart(2, '0')).join('')}`;
}

/** The clusters a finding touches: those owning a file it names (its locations and its evidence). */
export function clustersOfFinding(finding: Finding, clusterOfModule: ReadonlyMap<string, string>): string[] {
  const clusters = new Set<string>();
  const files = [...finding.locations, ...finding.evidence.flatMap((evidence) => evidence.locations)].map((location) => location.file);
  for (const file of files) {
    const cluster = clusterOfModule.get(file);
    if (cluster !== undefined) clusters.add(cluster);
  }
  return [...clusters].sort(compareText);
}

/** Counts by a key, sorted by key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => compareText(a[0], b[0]));
}
