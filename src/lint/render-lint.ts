import { SEAMS_VERSION } from '../version.js';
import { SHARED_KERNEL } from './boundaries-schema.js';
import { toBaselineKey, type BaselineEntry } from './baseline.js';
import type { LintReport } from './lint.js';
import { LINT_RULES, type Violation } from './rules.js';

/** Output formats of `seams lint`. */
export const LINT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
/** An output format of `seams lint`. */
export type LintFormat = (typeof LINT_FORMATS)[number];

/** True when `value` names a lint format. */
export function isLintFormat(value: string): value is LintFormat {
  return (LINT_FORMATS as readonly string[]).includes(value);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function paint(color: boolean, code: string, text: string): string {
  return color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function domainLabel(domain: string): string {
  return domain === SHARED_KERNEL ? 'shared kernel' : domain;
}

function unresolvedImports(report: LintReport): number {
  return report.diagnostics.filter((diagnostic) => diagnostic.code === 'unresolved-import').length;
}

function firstLocation(violation: Violation): string {
  const location = violation.locations[0];
  const more = violation.locations.length > 1 ? ` (+${violation.locations.length - 1} more)` : '';
  return `${location?.file ?? violation.from}:${location?.line ?? 1}${more}`;
}

function renderGroups(violations: readonly Violation[], color: boolean, tone: string): string[] {
  const lines: string[] = [];
  const groups = new Map<string, Violation[]>();
  for (const violation of violations) {
    const pair = `${domainLabel(violation.fromDomain)} → ${domainLabel(violation.toDomain)}`;
    if (!groups.has(pair)) groups.set(pair, []);
    groups.get(pair)?.push(violation);
  }
  for (const [pair, group] of groups) {
    lines.push('', paint(color, '1', `${pair} (${group.length})`));
    for (const violation of group) {
      lines.push(`  ${firstLocation(violation)}  ${paint(color, tone, violation.rule)}${violation.kind === 'type-import' ? ' (type-only)' : ''}  ${violation.message}`);
    }
    for (const fix of new Set(group.map((violation) => violation.fix))) lines.push(`  ${paint(color, '2', `fix: ${fix}`)}`);
  }
  return lines;
}

function describeScope(report: LintReport): string {
  const domains = report.domains.filter((domain) => domain.name !== SHARED_KERNEL).length;
  const shared = report.domains.some((domain) => domain.name === SHARED_KERNEL) ? ' + shared kernel' : '';
  const changed = report.scope.kind === 'changed';
  const checked = report.scope.kind === 'changed' ? `${plural(report.checkedFiles, 'changed file')} (since ${report.scope.ref})` : plural(report.files, 'file');
  const unassigned = report.unassignedFiles > 0 && !changed ? `; ${plural(report.unassignedFiles, 'file')} in no domain, not checked` : '';
  const reason = report.scope.kind === 'full' && report.scope.reason ? ` (${report.scope.reason})` : '';
  return `checked ${checked} in ${plural(domains, 'domain')}${shared}${unassigned}${reason}`;
}

function formatEntry(entry: BaselineEntry): string {
  return `${entry.from} → ${entry.to}  ${entry.kind}  ${entry.rule}`;
}

/** Text: a summary, then new violations grouped by domain pair with a fix each, warnings and stale baseline entries. */
export function renderLintText(report: LintReport, options: { color: boolean; strictBaseline?: boolean }): string {
  const { color } = options;
  const lines: string[] = [];
  const failed = report.violations.length > 0 || (options.strictBaseline === true && report.stale.length > 0);
  const summary = [
    plural(report.violations.length, 'new violation'),
    `${report.known.length} baselined`,
    plural(report.stale.length, 'stale baseline entry', 'stale baseline entries'),
  ];
  if (report.warnings.length > 0) summary.push(plural(report.warnings.length, 'warning'));
  lines.push(`${paint(color, failed ? '1;31' : '1;32', failed ? '✖ seams lint' : '✔ seams lint')}: ${summary.join(' · ')}`);
  lines.push(describeScope(report));
  lines.push(...renderGroups(report.violations, color, '31'));
  if (report.warnings.length > 0) {
    lines.push('', paint(color, '1;33', 'warnings (type-only imports; they never fail the run):'));
    lines.push(...renderGroups(report.warnings, color, '33').slice(1));
  }
  if (report.stale.length > 0) {
    lines.push('', paint(color, '1', `stale baseline entries in ${report.baselineFile} (fixed or now allowed; "seams lint --update-baseline" removes them):`));
    for (const entry of report.stale) lines.push(`  ${formatEntry(entry)}`);
  }
  const unresolved = unresolvedImports(report);
  if (unresolved > 0) {
    lines.push('', `${plural(unresolved, 'import')} could not be resolved and ${unresolved === 1 ? 'was' : 'were'} not checked ("seams analyze --format json" lists them under diagnostics).`);
  }
  if (report.violations.length > 0) {
    lines.push('', `To accept these violations as known debt: seams lint --update-baseline (writes ${report.baselineFile}).`);
  }
  return `${lines.join('\n')}\n`;
}

function toJsonViolation(violation: Violation): Record<string, unknown> {
  const json: Record<string, unknown> = {
    rule: violation.rule,
    severity: violation.severity,
    kind: violation.kind,
    from: violation.from,
    to: violation.to,
    fromDomain: violation.fromDomain,
    toDomain: violation.toDomain,
    locations: violation.locations,
    message: violation.message,
    fix: violation.fix,
  };
  if (violation.through) json.through = violation.through;
  return json;
}

/** JSON: the summary and every violation, deterministic (no timings, no cache state). */
export function renderLintJson(report: LintReport): string {
  return `${JSON.stringify(
    {
      version: 1,
      tool: { name: 'seams', version: SEAMS_VERSION },
      boundaries: report.boundariesFile,
      baseline: report.baselineFile,
      scope: report.scope,
      summary: {
        files: report.files,
        checkedFiles: report.checkedFiles,
        unassignedFiles: report.unassignedFiles,
        new: report.violations.length,
        baselined: report.known.length,
        stale: report.stale.length,
        warnings: report.warnings.length,
        unresolvedImports: unresolvedImports(report),
      },
      domains: report.domains,
      unassigned: report.unassigned,
      violations: report.violations.map(toJsonViolation),
      baselined: report.known.map(toJsonViolation),
      warnings: report.warnings.map(toJsonViolation),
      stale: report.stale,
    },
    null,
    2,
  )}\n`;
}

/** SARIF 2.1.0: new violations as errors, type-only warnings as warnings, baselined ones as notes marked unchanged. */
export function renderLintSarif(report: LintReport): string {
  const ruleIds = Object.keys(LINT_RULES) as (keyof typeof LINT_RULES)[];
  const toResult = (violation: Violation, level: string, baselineState: string): Record<string, unknown> => ({
    ruleId: violation.rule,
    ruleIndex: ruleIds.indexOf(violation.rule),
    level,
    baselineState,
    message: { text: `${violation.message}. Fix: ${violation.fix}` },
    locations: violation.locations.slice(0, 1).map((location) => ({
      physicalLocation: { artifactLocation: { uri: location.file, uriBaseId: '%SRCROOT%' }, region: { startLine: location.line } },
    })),
    relatedLocations: violation.locations.slice(1).map((location, index) => ({
      id: index + 1,
      physicalLocation: { artifactLocation: { uri: location.file, uriBaseId: '%SRCROOT%' }, region: { startLine: location.line } },
    })),
    partialFingerprints: { 'seamsViolation/v1': toBaselineKey(violation).split('\u0000').join('|') },
    properties: { fromDomain: violation.fromDomain, toDomain: violation.toDomain, to: violation.to, kind: violation.kind },
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'seams',
            version: SEAMS_VERSION,
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: LINT_RULES[id].description },
              defaultConfiguration: { level: 'error' },
            })),
          },
        },
        results: [
          ...report.violations.map((violation) => toResult(violation, 'error', 'new')),
          ...report.warnings.map((violation) => toResult(violation, 'warning', 'new')),
          ...report.known.map((violation) => toResult(violation, 'note', 'unchanged')),
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one annotation per line of each new violation and warning, and one per stale entry. */
export function renderLintGithub(report: LintReport, options: { strictBaseline?: boolean } = {}): string {
  const lines: string[] = [];
  const annotate = (level: string, violation: Violation): void => {
    for (const location of violation.locations) {
      const title = `seams ${violation.rule}: ${domainLabel(violation.fromDomain)} → ${domainLabel(violation.toDomain)}`;
      lines.push(`::${level} file=${escapeProperty(location.file)},line=${location.line},title=${escapeProperty(title)}::${escapeData(`${violation.message}. Fix: ${violation.fix}`)}`);
    }
  };
  for (const violation of report.violations) annotate('error', violation);
  for (const violation of report.warnings) annotate('warning', violation);
  for (const entry of report.stale) {
    lines.push(
      `::${options.strictBaseline ? 'error' : 'warning'} file=${escapeProperty(entry.from)},title=${escapeProperty('seams: stale baseline entry')}::${escapeData(`${formatEntry(entry)} is in ${report.baselineFile} but no longer happens; run "seams lint --update-baseline" to remove it.`)}`,
    );
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
