import type { AnalysisResult, Edge, Location } from '../../src/plugin/index.js';
import { toClusterLinks, toEaseColour, type ClusterLink } from '../shared/clusters.js';

/**
 * One edge in the page, by node index (modules, then tables, then `extraNodes`):
 * `[from, to, kind index, weight, locations, extra]`. A location in the edge's own `from` file is
 * just its line; another file is `[file, line]`.
 */
export type CompactEdge = [from: number, to: number, kind: number, weight: number, locations: (number | [string, number])[], extra?: { via?: string[]; through?: string[]; confidence?: number; names?: string[] }];

/** What the page embeds: the result without its edges, the edges compacted, and what the server computes once. */
export interface PageData {
  /** The result as it is (every part, including parts this page does not know), except `edges`, which is empty. */
  result: AnalysisResult;
  edges: CompactEdge[];
  edgeKinds: string[];
  /** Edge endpoints that are neither modules nor tables. */
  extraNodes: string[];
  /** Fill colour of each cluster, in `result.clusters` order. */
  colours: string[];
  /** Directed coupling between clusters: import statements and table accesses across. */
  links: ClusterLink[];
  /** Prefix of file links; empty: paths are shown, not linked. */
  linkBase: string;
}

function compactLocations(edge: Edge): (number | [string, number])[] {
  return edge.locations.map((location: Location) => (location.file === edge.from ? location.line : [location.file, location.line]));
}

/**
 * The page data of a result. Edges are the bulk of a result (about 90% of its JSON on a real
 * repo, because each names two paths); by index they take a fifth of the space.
 */
export function toPageData(result: AnalysisResult, linkBase: string): PageData {
  const index = new Map<string, number>();
  for (const module of result.modules) index.set(module.id, index.size);
  for (const table of result.tables) if (!index.has(table.id)) index.set(table.id, index.size);
  const base = index.size;
  const extraNodes: string[] = [];
  const indexOf = (id: string): number => {
    let found = index.get(id);
    if (found === undefined) {
      found = base + extraNodes.length;
      extraNodes.push(id);
      index.set(id, found);
    }
    return found;
  };
  const edgeKinds: string[] = [];
  const kindIndex = new Map<string, number>();
  const edges = result.edges.map((edge): CompactEdge => {
    let kind = kindIndex.get(edge.kind);
    if (kind === undefined) {
      kind = edgeKinds.length;
      edgeKinds.push(edge.kind);
      kindIndex.set(edge.kind, kind);
    }
    const compact: CompactEdge = [indexOf(edge.from), indexOf(edge.to), kind, edge.weight, compactLocations(edge)];
    const extra = {
      ...(edge.via ? { via: edge.via } : {}),
      ...(edge.through ? { through: edge.through } : {}),
      ...(edge.confidence !== undefined ? { confidence: edge.confidence } : {}),
      ...(edge.names ? { names: edge.names } : {}),
    };
    if (Object.keys(extra).length) compact.push(extra);
    return compact;
  });
  return {
    result: { ...result, edges: [] },
    edges,
    edgeKinds,
    extraNodes,
    colours: result.clusters.map((cluster) => toEaseColour(cluster.score?.ease, cluster.kind)),
    links: toClusterLinks(result),
    linkBase,
  };
}
