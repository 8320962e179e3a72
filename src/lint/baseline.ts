import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { compareText } from '../model/diagnostics.js';
import { loadDataFile } from './data-file.js';
import { toDisplayName } from './load-boundaries.js';
import type { LintRuleId, Violation } from './rules.js';

/** The baseline's default name, beside the boundaries file. */
export const BASELINE_FILE_NAME = 'seams.baseline.json';

/** One known violation. Keyed without line numbers, so edits elsewhere in a file do not churn it. */
export const baselineEntrySchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    kind: z.enum(['import', 'type-import', 'dynamic-import', 'writes', 'ddl']),
    rule: z.enum(['forbidden-dependency', 'private-import', 'foreign-table-write']),
  })
  .strict();

/** The baseline file. */
export const baselineSchema = z
  .object({
    version: z.literal(1),
    violations: z.array(baselineEntrySchema),
  })
  .strict();

/** One known violation. */
export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

/** How the violations of this run compare with the baseline. */
export interface BaselineComparison {
  /** Violations not in the baseline: they fail the run. */
  fresh: Violation[];
  /** Violations the baseline knows. */
  known: Violation[];
  /** Baseline entries no longer violated (fixed, or now allowed): report them; `--strict-baseline` fails on them. */
  stale: BaselineEntry[];
}

/** The key of an entry or violation. */
export function toBaselineKey(entry: { from: string; to: string; kind: string; rule: string }): string {
  return `${entry.from}\u0000${entry.to}\u0000${entry.kind}\u0000${entry.rule}`;
}

/** Orders entries by from, to, kind, rule: the file's order, so diffs stay small. */
export function compareBaselineEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.kind, b.kind) || compareText(a.rule, b.rule);
}

/** The entry of a violation. */
export function toBaselineEntry(violation: Violation): BaselineEntry {
  return { from: violation.from, to: violation.to, kind: violation.kind, rule: violation.rule as LintRuleId };
}

/** Loads a baseline; a missing file is an empty baseline, a malformed one a configuration error with its line. */
export function loadBaseline(root: string, file: string): BaselineEntry[] {
  if (!fs.existsSync(file)) return [];
  const loaded = loadDataFile(file, toDisplayName(root, file), baselineSchema, 'Fix it, or delete it and run "seams lint --update-baseline" to record the current violations.', { json: true });
  return loaded.value.violations;
}

/**
 * Compares the violations (errors only; warnings never enter the baseline) with the baseline.
 * `wasChecked` says which baseline entries this run could have seen (all, unless only changed
 * files were checked): only those can be stale.
 */
export function compareWithBaseline(violations: readonly Violation[], baseline: readonly BaselineEntry[], wasChecked: (from: string) => boolean): BaselineComparison {
  const known = new Set(baseline.map(toBaselineKey));
  const current = new Set<string>();
  const comparison: BaselineComparison = { fresh: [], known: [], stale: [] };
  for (const violation of violations) {
    if (violation.severity !== 'error') continue;
    const key = toBaselineKey(violation);
    current.add(key);
    (known.has(key) ? comparison.known : comparison.fresh).push(violation);
  }
  comparison.stale = baseline.filter((entry) => wasChecked(entry.from) && !current.has(toBaselineKey(entry))).sort(compareBaselineEntries);
  return comparison;
}

/**
 * The next baseline: the old one without its stale entries, plus the fresh violations. Entries
 * this run did not check are kept as they are, so `--changed-since` never drops them.
 */
export function toUpdatedBaseline(baseline: readonly BaselineEntry[], comparison: BaselineComparison): BaselineEntry[] {
  const stale = new Set(comparison.stale.map(toBaselineKey));
  const entries = new Map<string, BaselineEntry>();
  for (const entry of baseline) if (!stale.has(toBaselineKey(entry))) entries.set(toBaselineKey(entry), entry);
  for (const violation of comparison.fresh) entries.set(toBaselineKey(violation), toBaselineEntry(violation));
  return [...entries.values()].sort(compareBaselineEntries);
}

/** The baseline file's text: sorted, one entry per line, so a change is a one-line diff. */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort(compareBaselineEntries);
  const lines = sorted.map((entry) => `    ${JSON.stringify({ from: entry.from, to: entry.to, kind: entry.kind, rule: entry.rule })}`);
  return `{\n  "version": 1,\n  "violations": [${lines.length === 0 ? ']' : `\n${lines.join(',\n')}\n  ]`}\n}\n`;
}

/** The default baseline path: beside the boundaries file. */
export function defaultBaselineFile(boundariesFile: string): string {
  return path.join(path.dirname(boundariesFile), BASELINE_FILE_NAME);
}
