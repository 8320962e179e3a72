import { defineReporter, compareText, type AnalysisResult, type Cluster } from '../src/plugin/index.js';

/** How many modules of a cluster the text summary lists before "and N more". */
const MODULES_SHOWN = 8;
/** How many warnings the text summary spells out. */
const FINDINGS_SHOWN = 10;

interface Style {
  bold(text: string): string;
  dim(text: string): string;
}

function toStyle(color: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), dim: wrap(2, 22) };
}

function loc(result: AnalysisResult, cluster: Cluster): number {
  const modules = new Set(cluster.modules);
  return result.modules.reduce((total, module) => total + (modules.has(module.id) ? module.loc : 0), 0);
}

function renderCluster(result: AnalysisResult, cluster: Cluster, style: Style): string[] {
  const label = cluster.kind === 'shared' ? `${cluster.name} (shared kernel)` : cluster.name;
  const lines = [`${style.bold(label)}  ${cluster.modules.length} modules, ${loc(result, cluster)} lines`];
  const outgoing = cluster.coupling.filter((c) => c.outgoing > 0).sort((a, b) => b.outgoing - a.outgoing || compareText(a.cluster, b.cluster));
  const incoming = cluster.coupling.filter((c) => c.incoming > 0).sort((a, b) => b.incoming - a.incoming || compareText(a.cluster, b.cluster));
  if (cluster.kind === 'shared') {
    lines.push(`  used by ${incoming.length} clusters (${incoming.reduce((n, c) => n + c.incoming, 0)} import statements)`);
  } else {
    lines.push(`  imports from: ${outgoing.length ? outgoing.map((c) => `${c.cluster} ${c.outgoing}`).join(', ') : 'none'}`);
    lines.push(`  imported by:  ${incoming.length ? incoming.map((c) => `${c.cluster} ${c.incoming}`).join(', ') : 'none'}`);
  }
  if (cluster.tables.length > 0) {
    const sharedWith = new Map(result.tables.map((table) => [table.id, table.writers.filter((writer) => writer !== cluster.id)]));
    const tables = cluster.tables.map((table) => {
      const others = sharedWith.get(table) ?? [];
      return others.length > 0 ? `${table} (also written by ${others.join(', ')})` : table;
    });
    lines.push(`  tables: ${tables.join(', ')}`);
  }
  const shown = cluster.modules.slice(0, MODULES_SHOWN);
  for (const module of shown) lines.push(`  ${style.dim('·')} ${module}`);
  if (cluster.modules.length > shown.length) lines.push(`  ${style.dim(`… and ${cluster.modules.length - shown.length} more`)}`);
  return lines;
}

/** Candidates in the extraction order the text summary spells out, and evidence lines per factor. */
const PLAN_SHOWN = 10;
const EVIDENCE_LINES = 2;

function where(locations: readonly { file: string; line: number }[]): string {
  return locations.length > 0 ? ` (${locations.slice(0, 3).map((l) => `${l.file}:${l.line}`).join(', ')}${locations.length > 3 ? ', …' : ''})` : '';
}

/** The suggested extraction order: each candidate's ease, the factors that cost points with their evidence, and the steps. */
function renderPlan(result: AnalysisResult, style: Style): string[] {
  if (!result.plan || result.plan.length === 0) return [];
  const lines = [style.bold('extraction order (lowest risk first; ease 0-100, higher is easier)'), ''];
  for (const [rank, entry] of result.plan.slice(0, PLAN_SHOWN).entries()) {
    const cluster = result.clusters.find((c) => c.id === entry.cluster);
    const stability = cluster?.stability === undefined ? '' : `, stability ${cluster.stability.toFixed(2)}`;
    lines.push(`${rank + 1}. ${style.bold(entry.cluster)}  ease ${entry.ease}${stability}`);
    for (const factor of cluster?.score?.factors ?? []) {
      if (!factor.points) continue;
      lines.push(`   -${factor.points} ${factor.name} ${factor.value}: ${factor.detail ?? ''}`);
      for (const evidence of factor.evidence.slice(0, EVIDENCE_LINES)) lines.push(`      ${style.dim('·')} ${evidence.description}${where(evidence.locations)}`);
      if (factor.evidence.length > EVIDENCE_LINES) lines.push(`      ${style.dim(`… ${factor.evidence.length - EVIDENCE_LINES} more (--format json)`)}`);
    }
    for (const step of entry.steps) lines.push(`   → ${step.description}${where(step.locations)}`);
    lines.push('');
  }
  if (result.plan.length > PLAN_SHOWN) lines.push(style.dim(`… and ${result.plan.length - PLAN_SHOWN} more candidates (--format json)`), '');
  const metrics = result.metrics;
  if (metrics) {
    const { seams, folders, singleCluster } = metrics;
    const row = (name: string, pick: (m: typeof seams) => number) =>
      `  ${name}: seams ${pick(seams).toFixed(2)}, folders ${pick(folders).toFixed(2)}, one cluster ${pick(singleCluster).toFixed(2)}`;
    lines.push(
      style.bold('partition metrics (beside the folder and single-cluster baselines)'),
      row('modularity Q (higher is better)', (m) => m.modularity),
      row('inter-call share ICP (lower is better)', (m) => m.interCallPercentage),
      row('interface number IFN (lower is better)', (m) => m.interfaceNumber),
      '',
    );
  }
  return lines;
}

/** A readable summary: counts, then each candidate with its size, its coupling and its modules. */
export const textReporter = defineReporter({
  id: 'text',
  description: 'a readable summary of the candidate services',
  mediaType: 'text/plain',
  render(result, options) {
    const style = toStyle(options.color);
    const { stats } = result;
    const domains = result.clusters.filter((cluster) => cluster.kind === 'domain');
    const shared = result.clusters.filter((cluster) => cluster.kind === 'shared');
    const lines = [
      `${style.bold('seams')} ${result.tool.version}: ${result.root}`,
      `${stats.files} files analyzed (${stats.skippedFiles} skipped); imports: ${stats.imports.internal} internal, ${stats.imports.external} external, ${stats.imports.builtin} builtin, ${stats.imports.unresolved} unresolved`,
      `${stats.tables.total} tables (${stats.tables.declared} declared, ${stats.tables.untouched} untouched by code); ${stats.tables.accesses} table accesses`,
      `${result.transactions.length} transactions (${result.findings.filter((f) => f.kind === 'shared-transaction').length} span several candidates); ${result.entryPoints.length} entry points; ${result.events.length} events`,
      '',
      style.bold(`${domains.length} candidate ${domains.length === 1 ? 'service' : 'services'}${shared.length ? ' and the shared kernel' : ''}`),
      '',
    ];
    const ordered = [...domains].sort((a, b) => b.modules.length - a.modules.length || compareText(a.id, b.id));
    for (const cluster of [...ordered, ...shared]) lines.push(...renderCluster(result, cluster, style), '');
    lines.push(...renderPlan(result, style));
    if (result.findings.length > 0) {
      const byKind = new Map<string, number>();
      for (const finding of result.findings) byKind.set(finding.kind, (byKind.get(finding.kind) ?? 0) + 1);
      lines.push(style.bold('findings'));
      for (const finding of result.findings.filter((f) => f.severity !== 'info').slice(0, FINDINGS_SHOWN)) {
        const where = finding.locations[0] ? ` (${finding.locations[0].file}:${finding.locations[0].line})` : '';
        lines.push(`  ${finding.severity} ${finding.kind}: ${finding.message}${where}`);
        if (finding.kind === 'shared-transaction') for (const evidence of finding.evidence) lines.push(`      ${evidence.description}`);
      }
      const counts = [...byKind.entries()].sort((a, b) => compareText(a[0], b[0])).map(([kind, count]) => `${count} ${kind}`);
      lines.push(`  in all: ${counts.join(', ')}`, '');
    }
    if (result.diagnostics.length > 0) {
      const byCode = new Map<string, number>();
      for (const diagnostic of result.diagnostics) byCode.set(diagnostic.code, (byCode.get(diagnostic.code) ?? 0) + 1);
      const counts = [...byCode.entries()].sort((a, b) => compareText(a[0], b[0])).map(([code, count]) => `${count} ${code}`);
      lines.push(`diagnostics: ${counts.join(', ')} (--format json lists each with file and line)`);
    } else {
      lines.push('diagnostics: none');
    }
    return `${lines.join('\n')}\n`;
  },
});
