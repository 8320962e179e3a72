import type { AnalysisResult, Finding } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';

/** Clusters of two runs are the same candidate when their members overlap at least this much (Jaccard). */
export const MINIMUM_MATCH = 0.25;

/** A cluster of the old result matched to one of the new. */
export interface ClusterMatch {
  old: string;
  new: string;
  /** |old ∩ new| / |old ∪ new| over modules and tables. */
  jaccard: number;
}

/** An item (module or table) that is in a different cluster than its old cluster's match. */
export interface Move {
  id: string;
  from: string;
  to: string;
}

/** What changed between two results. */
export interface ResultDiff {
  clusters: { matched: ClusterMatch[]; added: string[]; removed: string[] };
  modules: { moved: Move[]; added: string[]; removed: string[] };
  tables: { moved: Move[]; added: string[]; removed: string[] };
  findings: { added: Finding[]; removed: Finding[] };
}

function membersOf(result: AnalysisResult): Map<string, Set<string>> {
  return new Map(result.clusters.map((cluster) => [cluster.id, new Set([...cluster.modules, ...cluster.tables.map((table) => `table:${table}`)])]));
}

/**
 * Matches the clusters of two results one to one by member overlap, best pairs first, so ids
 * stay comparable across commits even when names change (pairs below MINIMUM_MATCH stay apart).
 */
export function matchClusters(before: AnalysisResult, after: AnalysisResult): ClusterMatch[] {
  const oldMembers = membersOf(before);
  const newMembers = membersOf(after);
  const owner = new Map<string, string>();
  for (const [id, members] of newMembers) for (const member of members) owner.set(member, id);
  const candidates: ClusterMatch[] = [];
  for (const [oldId, members] of oldMembers) {
    const overlap = new Map<string, number>();
    for (const member of members) {
      const newId = owner.get(member);
      if (newId !== undefined) overlap.set(newId, (overlap.get(newId) ?? 0) + 1);
    }
    for (const [newId, shared] of overlap) {
      const jaccard = shared / (members.size + (newMembers.get(newId)?.size ?? 0) - shared);
      if (jaccard >= MINIMUM_MATCH) candidates.push({ old: oldId, new: newId, jaccard: Math.round(jaccard * 1000) / 1000 });
    }
  }
  candidates.sort((a, b) => b.jaccard - a.jaccard || compareText(a.old, b.old) || compareText(a.new, b.new));
  const usedOld = new Set<string>();
  const usedNew = new Set<string>();
  const matched: ClusterMatch[] = [];
  for (const candidate of candidates) {
    if (usedOld.has(candidate.old) || usedNew.has(candidate.new)) continue;
    usedOld.add(candidate.old);
    usedNew.add(candidate.new);
    matched.push(candidate);
  }
  return matched.sort((a, b) => compareText(a.old, b.old));
}

function toMoves(before: Map<string, string>, after: Map<string, string>, matchOf: Map<string, string>): ResultDiff['modules'] {
  const moved: Move[] = [];
  for (const [id, from] of before) {
    const to = after.get(id);
    if (to !== undefined && matchOf.get(from) !== to) moved.push({ id, from, to });
  }
  return {
    moved: moved.sort((a, b) => compareText(a.id, b.id)),
    added: [...after.keys()].filter((id) => !before.has(id)).sort(compareText),
    removed: [...before.keys()].filter((id) => !after.has(id)).sort(compareText),
  };
}

function findingKey(finding: Finding): string {
  const where = finding.locations.map((location) => `${location.file}:${location.line}`).join(',');
  return `${finding.kind}\u0000${finding.message}\u0000${where}`;
}

/** Compares two results: matched clusters, moved modules and tables, findings new and gone. Pure. */
export function diffResults(before: AnalysisResult, after: AnalysisResult): ResultDiff {
  const matched = matchClusters(before, after);
  const matchOf = new Map(matched.map((match) => [match.old, match.new]));
  const matchedNew = new Set(matched.map((match) => match.new));
  const oldFindings = new Set(before.findings.map(findingKey));
  const newFindings = new Set(after.findings.map(findingKey));
  return {
    clusters: {
      matched,
      added: after.clusters.map((cluster) => cluster.id).filter((id) => !matchedNew.has(id)).sort(compareText),
      removed: before.clusters.map((cluster) => cluster.id).filter((id) => !matchOf.has(id)).sort(compareText),
    },
    modules: toMoves(new Map(before.modules.map((m) => [m.id, m.cluster])), new Map(after.modules.map((m) => [m.id, m.cluster])), matchOf),
    tables: toMoves(new Map(before.tables.map((t) => [t.id, t.cluster])), new Map(after.tables.map((t) => [t.id, t.cluster])), matchOf),
    findings: {
      added: after.findings.filter((finding) => !oldFindings.has(findingKey(finding))),
      removed: before.findings.filter((finding) => !newFindings.has(findingKey(finding))),
    },
  };
}
