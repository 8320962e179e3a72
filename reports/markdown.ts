import { defineReporter, compareText, type AnalysisResult, type Location } from '../src/plugin/index.js';
import { summarizeClusters, clustersOfFinding, countBy, type ClusterSummary } from './shared/clusters.js';
import { escapeMarkdown, encodePath } from './shared/escape.js';
import { toLinkBase, type ReportOptions } from './shared/options.js';
import { mermaidReporter } from './mermaid.js';

/** Above this many clusters the Markdown report leaves the diagram out (use `--format mermaid`). */
const DIAGRAM_MAX_CLUSTERS = 40;
/** Locations listed per finding or evidence before "and N more". */
const LOCATIONS_SHOWN = 10;
/** Modules listed per candidate before "and N more". */
const MODULES_SHOWN = 200;
/** Rows of the entry point, transaction and event tables before "and N more". */
const ROWS_SHOWN = 100;

/** What every section gets. */
interface Context {
  result: AnalysisResult;
  summaries: ClusterSummary[];
  clusterOfModule: Map<string, string>;
  link(location: Location): string;
  fileLink(file: string): string;
  hasScores: boolean;
}

/** A section of the report: Markdown lines, or none when the result has nothing for it. */
type Section = (context: Context) => string[];

function formatNumber(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(count: number, word: string): string {
  return `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;
}

function cell(text: string): string {
  return escapeMarkdown(text);
}

function listLocations(context: Context, locations: readonly Location[]): string {
  const shown = locations.slice(0, LOCATIONS_SHOWN).map(context.link);
  if (locations.length > shown.length) shown.push(`and ${formatNumber(locations.length - shown.length)} more`);
  return shown.join(', ');
}

function summarySection({ result, summaries }: Context): string[] {
  const { stats } = result;
  const domains = summaries.filter((summary) => summary.cluster.kind === 'domain').length;
  const shared = summaries.length - domains;
  const severities = countBy(result.findings, (finding) => finding.severity).map(([severity, count]) => `${count} ${severity}`);
  return [
    '## Summary',
    '',
    '| | |',
    '|---|---|',
    `| files analyzed | ${formatNumber(stats.files)} (${formatNumber(stats.skippedFiles)} skipped) |`,
    `| imports | ${formatNumber(stats.imports.internal)} internal, ${formatNumber(stats.imports.external)} external, ${formatNumber(stats.imports.unresolved)} unresolved |`,
    `| tables | ${formatNumber(stats.tables.total)} (${formatNumber(stats.tables.declared)} declared, ${formatNumber(stats.tables.untouched)} untouched by code), ${formatNumber(stats.tables.accesses)} accesses |`,
    `| candidate services | ${formatNumber(domains)}${shared ? ' and the shared kernel' : ''} |`,
    `| findings | ${severities.length ? severities.join(', ') : 'none'} |`,
    `| diagnostics | ${formatNumber(result.diagnostics.length)} |`,
    '',
  ];
}

function candidatesSection(context: Context): string[] {
  const { summaries, hasScores } = context;
  if (summaries.length === 0) return ['## Candidate services', '', 'No modules were analyzed.', ''];
  const header = ['candidate', ...(hasScores ? ['ease'] : []), 'modules', 'lines', 'tables', 'imports out', 'imports in'];
  const lines = [
    '## Candidate services',
    '',
    hasScores ? 'Easiest to extract first (ease 0–100); the shared kernel last.' : 'Largest first; the shared kernel last.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`,
  ];
  for (const summary of summaries) {
    const { cluster } = summary;
    const name = cluster.kind === 'shared' ? `${cell(cluster.name)} (shared kernel)` : `[${cell(cluster.name)}](#${anchorOf(cluster.id)})`;
    const ease = hasScores ? [summary.ease === undefined ? '' : String(Math.round(summary.ease))] : [];
    lines.push(`| ${[name, ...ease, formatNumber(cluster.modules.length), formatNumber(summary.loc), formatNumber(cluster.tables.length), formatNumber(summary.importsOut), formatNumber(summary.importsIn)].join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

function anchorOf(clusterId: string): string {
  return `candidate-${encodePath(clusterId.toLowerCase().replace(/[^a-z0-9]+/g, '-'))}`;
}

function diagramSection({ result }: Context): string[] {
  if (result.clusters.length === 0) return [];
  if (result.clusters.length > DIAGRAM_MAX_CLUSTERS) {
    return ['## Coupling', '', `${result.clusters.length} clusters are too many for an inline diagram: run \`seams report result.json --format mermaid\` or \`--format dot\`.`, ''];
  }
  return ['## Coupling', '', 'Arrows: import statements from one candidate into another; dashed: table accesses across candidates.', '', '```mermaid', mermaidReporter.render(result, { color: false }).trimEnd(), '```', ''];
}

function candidateDetailsSection(context: Context): string[] {
  const { summaries, result } = context;
  const lines: string[] = summaries.length ? ['## Candidates in detail', ''] : [];
  const tableById = new Map(result.tables.map((table) => [table.id, table]));
  const locByModule = new Map(result.modules.map((module) => [module.id, module.loc]));
  for (const summary of summaries) {
    const { cluster } = summary;
    lines.push(`<a id="${anchorOf(cluster.id)}"></a>`, '', `### ${cell(cluster.name)}${cluster.kind === 'shared' ? ' (shared kernel)' : ''}`, '');
    lines.push(`${plural(cluster.modules.length, 'module')}, ${plural(summary.loc, 'line')}${summary.ease === undefined ? '' : `; extraction ease **${Math.round(summary.ease)}**/100`}.`, '');
    const byName = (a: { cluster: string }, b: { cluster: string }) => compareText(a.cluster, b.cluster);
    const outgoing = cluster.coupling.filter((c) => c.outgoing > 0).sort((a, b) => b.outgoing - a.outgoing || byName(a, b));
    const incoming = cluster.coupling.filter((c) => c.incoming > 0).sort((a, b) => b.incoming - a.incoming || byName(a, b));
    lines.push(`- imports from: ${outgoing.length ? outgoing.map((c) => `${cell(c.cluster)} (${c.outgoing})`).join(', ') : 'none'}`);
    lines.push(`- imported by: ${incoming.length ? incoming.map((c) => `${cell(c.cluster)} (${c.incoming})`).join(', ') : 'none'}`);
    if (cluster.tables.length) {
      const tables = cluster.tables.map((id) => {
        const others = (tableById.get(id)?.writers ?? []).filter((writer) => writer !== cluster.id);
        return others.length ? `${cell(id)} (also written by ${others.map(cell).join(', ')})` : cell(id);
      });
      lines.push(`- tables: ${tables.join(', ')}`);
    }
    lines.push('');
    if (cluster.score && cluster.score.factors.length) {
      lines.push('| factor | value | evidence |', '|---|---:|---|');
      for (const factor of cluster.score.factors) {
        const evidence = factor.evidence.map((item) => `${cell(item.description)}${item.locations.length ? ` (${listLocations(context, item.locations)})` : ''}`);
        lines.push(`| ${cell(factor.name)} | ${formatNumber(Math.round(factor.value * 100) / 100)} | ${evidence.join('<br>')} |`);
      }
      lines.push('');
    }
    const modules = cluster.modules.slice(0, MODULES_SHOWN);
    lines.push(`<details><summary>${plural(cluster.modules.length, 'module')}</summary>`, '');
    for (const module of modules) lines.push(`- ${context.fileLink(module)} (${formatNumber(locByModule.get(module) ?? 0)} lines)`);
    if (cluster.modules.length > modules.length) lines.push(`- and ${formatNumber(cluster.modules.length - modules.length)} more (see the JSON or HTML report)`);
    lines.push('', '</details>', '');
  }
  return lines;
}

function findingsSection(context: Context): string[] {
  const { result } = context;
  if (result.findings.length === 0) return ['## Findings', '', 'None.', ''];
  const lines = ['## Findings', ''];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const findings = result.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`### ${severity === 'info' ? 'Information' : `${severity[0]?.toUpperCase()}${severity.slice(1)}s`} (${formatNumber(findings.length)})`, '');
    for (const finding of findings) {
      const clusters = clustersOfFinding(finding, context.clusterOfModule);
      lines.push(`- **${cell(finding.kind)}**: ${cell(finding.message)}${clusters.length ? ` _(${clusters.map(cell).join(', ')})_` : ''}`);
      if (finding.locations.length) lines.push(`  ${listLocations(context, finding.locations)}`);
    }
    lines.push('');
  }
  return lines;
}

function rowsNote(total: number): string[] {
  return total > ROWS_SHOWN ? [`and ${formatNumber(total - ROWS_SHOWN)} more (see the JSON or HTML report)`, ''] : [''];
}

function transactionsSection(context: Context): string[] {
  const spanning = context.result.transactions.filter((transaction) => transaction.clusters.length > 1);
  if (spanning.length === 0) return [];
  const lines = ['## Transactions spanning candidates', '', '| transaction | via | clusters | tables |', '|---|---|---|---|'];
  for (const transaction of spanning.slice(0, ROWS_SHOWN)) {
    const tables = transaction.tables.map((table) => `${cell(table.table)} (${table.mode}, ${cell(table.cluster)})`);
    lines.push(`| ${context.link(transaction.location)} | ${cell(transaction.via)} | ${transaction.clusters.map(cell).join(', ')} | ${tables.join(', ')} |`);
  }
  return [...lines, ...rowsNote(spanning.length)];
}

function entryPointsSection(context: Context): string[] {
  const { entryPoints } = context.result;
  if (entryPoints.length === 0) return [];
  const counts = countBy(entryPoints, (entryPoint) => entryPoint.kind).map(([kind, count]) => `${count} ${kind}`);
  const lines = ['## Entry points', '', `${counts.join(', ')}.`, '', '| entry point | kind | framework | clusters reached | tables | where |', '|---|---|---|---|---:|---|'];
  for (const entryPoint of entryPoints.slice(0, ROWS_SHOWN)) {
    lines.push(`| ${cell(entryPoint.name)} | ${entryPoint.kind} | ${cell(entryPoint.framework)} | ${entryPoint.clusters.map(cell).join(', ')} | ${entryPoint.tables.length} | ${context.link(entryPoint.location)} |`);
  }
  return [...lines, ...rowsNote(entryPoints.length)];
}

function eventsSection(context: Context): string[] {
  const { events } = context.result;
  if (events.length === 0) return [];
  const lines = ['## Events', '', '| event | transport | published at | consumed at |', '|---|---|---|---|'];
  for (const event of events.slice(0, ROWS_SHOWN)) {
    lines.push(`| ${cell(event.name)} | ${cell(event.transport)} | ${listLocations(context, event.publishers)} | ${listLocations(context, event.consumers)} |`);
  }
  return [...lines, ...rowsNote(events.length)];
}

function diagnosticsSection({ result }: Context): string[] {
  if (result.diagnostics.length === 0) return ['## Diagnostics', '', 'None.', ''];
  const counts = countBy(result.diagnostics, (diagnostic) => diagnostic.code).map(([code, count]) => `${count} ${cell(code)}`);
  return ['## Diagnostics', '', `${counts.join(', ')} (the JSON report lists each with file and line).`, ''];
}

/** The report's sections in order; a section for a new part of the result goes here. */
const SECTIONS: readonly Section[] = [
  summarySection,
  candidatesSection,
  diagramSection,
  candidateDetailsSection,
  findingsSection,
  transactionsSection,
  entryPointsSection,
  eventsSection,
  diagnosticsSection,
];

/**
 * A Markdown report for people: summary, candidates with their scores, a Mermaid diagram of the
 * coupling, each candidate in detail, findings with file:line links (relative to the analyzed
 * root unless `linkBase` says where it is), transactions, entry points, events and diagnostics
 * when the result has them. Every name from the repository is escaped.
 */
export const markdownReporter = defineReporter<ReportOptions>({
  id: 'markdown',
  description: 'a Markdown report: summary, candidates with scores, diagram, findings with file:line links',
  mediaType: 'text/markdown',
  render(result, options) {
    const base = toLinkBase(options);
    const context: Context = {
      result,
      summaries: summarizeClusters(result),
      clusterOfModule: new Map(result.modules.map((module) => [module.id, module.cluster])),
      link: (location) => `[${cell(`${location.file}:${location.line}`)}](${base}${encodePath(location.file)}#L${location.line})`,
      fileLink: (file) => `[${cell(file)}](${base}${encodePath(file)})`,
      hasScores: result.clusters.some((cluster) => cluster.score !== undefined),
    };
    const lines = [`# seams report: ${cell(result.root)}`, '', `seams ${cell(result.tool.version)}, resolution ${result.options.resolution}, seed ${result.options.seed}.`, ''];
    for (const section of SECTIONS) lines.push(...section(context));
    return `${lines.join('\n').trimEnd()}\n`;
  },
});
