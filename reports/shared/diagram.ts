import { compareText, type AnalysisResult } from '../../src/plugin/index.js';
import { summarizeClusters, toClusterLinks, toEaseColour } from './clusters.js';
import type { ReportOptions } from './options.js';

/** A box in a diagram. `key` is a short generated id (`c0`, `m12`, `t3`); labels are raw text the printer escapes. */
export interface DiagramNode {
  key: string;
  label: string[];
  fill: string;
  shape: 'box' | 'table';
}

/** A group of nodes (a cluster at module level). */
export interface DiagramGroup {
  key: string;
  label: string;
  fill: string;
  nodes: DiagramNode[];
}

/** A weighted arrow. `width` is a stroke width between 1 and 6; dashed arrows are table accesses. */
export interface DiagramLink {
  from: string;
  to: string;
  label: string;
  weight: number;
  width: number;
  dashed: boolean;
}

/** A format-neutral diagram that the Mermaid and DOT reporters print. */
export interface Diagram {
  title: string;
  nodes: DiagramNode[];
  groups: DiagramGroup[];
  links: DiagramLink[];
}

const IMPORT_KINDS = new Set(['import', 'type-import', 'dynamic-import']);

function toWidth(weight: number, max: number): number {
  return Math.round((1 + 5 * Math.sqrt(weight / Math.max(1, max))) * 10) / 10;
}

function withWidths(links: Omit<DiagramLink, 'width'>[]): DiagramLink[] {
  const max = Math.max(1, ...links.map((link) => link.weight));
  return links.map((link) => ({ ...link, width: toWidth(link.weight, max) }));
}

function clusterDiagram(result: AnalysisResult): Diagram {
  const keyOf = new Map(result.clusters.map((cluster, index) => [cluster.id, `c${index}`]));
  const nodes = summarizeClusters(result).map(({ cluster, ease }) => ({
    key: keyOf.get(cluster.id) as string,
    label: [cluster.kind === 'shared' ? `${cluster.name} (shared kernel)` : cluster.name, `${cluster.modules.length} module${cluster.modules.length === 1 ? '' : 's'}${cluster.tables.length ? `, ${cluster.tables.length} table${cluster.tables.length === 1 ? '' : 's'}` : ''}${ease === undefined ? '' : `, ease ${Math.round(ease)}`}`],
    fill: toEaseColour(ease, cluster.kind),
    shape: 'box' as const,
  }));
  const links: Omit<DiagramLink, 'width'>[] = [];
  for (const link of toClusterLinks(result)) {
    const from = keyOf.get(link.from);
    const to = keyOf.get(link.to);
    if (from === undefined || to === undefined) continue;
    if (link.imports > 0) links.push({ from, to, label: String(link.imports), weight: link.imports, dashed: false });
    if (link.tableAccesses > 0) links.push({ from, to, label: `${link.tableAccesses} table`, weight: link.tableAccesses, dashed: true });
  }
  return { title: result.root, nodes, groups: [], links: withWidths(links) };
}

function moduleDiagram(result: AnalysisResult): Diagram {
  const keyOf = new Map<string, string>();
  result.modules.forEach((module, index) => keyOf.set(module.id, `m${index}`));
  result.tables.forEach((table, index) => keyOf.set(table.id, `t${index}`));
  const moduleKeys = new Set(result.modules.map((module) => module.id));
  const groups = summarizeClusters(result).map(({ cluster, ease }, index) => ({
    key: `c${index}`,
    label: cluster.kind === 'shared' ? `${cluster.name} (shared kernel)` : cluster.name,
    fill: toEaseColour(ease, cluster.kind),
    nodes: [
      ...cluster.modules.map((id) => ({ key: keyOf.get(id) as string, label: [id], fill: '#ffffff', shape: 'box' as const })),
      ...cluster.tables.map((id) => ({ key: keyOf.get(id) as string, label: [id], fill: '#fef3c7', shape: 'table' as const })),
    ].filter((node) => node.key !== undefined),
  }));
  const counts = new Map<string, { from: string; to: string; weight: number; dashed: boolean }>();
  for (const edge of result.edges) {
    const isImport = IMPORT_KINDS.has(edge.kind);
    if (!isImport && edge.kind !== 'reads' && edge.kind !== 'writes') continue;
    const from = keyOf.get(edge.from);
    const to = keyOf.get(edge.to);
    if (from === undefined || to === undefined || !moduleKeys.has(edge.from)) continue;
    const key = `${from} ${to} ${isImport}`;
    const entry = counts.get(key) ?? { from, to, weight: 0, dashed: !isImport };
    entry.weight += isImport ? Math.max(1, edge.locations.length) : 1;
    counts.set(key, entry);
  }
  const links = [...counts.values()]
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || Number(a.dashed) - Number(b.dashed))
    .map((link) => ({ ...link, label: link.weight > 1 ? String(link.weight) : '' }));
  return { title: result.root, nodes: [], groups, links: withWidths(links) };
}

/** The diagram of a result: candidate services and their weighted coupling, or (level "module") modules and tables grouped by candidate. */
export function toDiagram(result: AnalysisResult, options: ReportOptions): Diagram {
  return options.level === 'module' ? moduleDiagram(result) : clusterDiagram(result);
}
