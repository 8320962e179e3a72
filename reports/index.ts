import type { Reporter } from '../src/plugin/index.js';
import { dotReporter } from './dot.js';
import { htmlReporter } from './html/index.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import { mermaidReporter } from './mermaid.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';

export type { ReportOptions } from './shared/options.js';

/** Every reporter plugin, by format name. */
export const reporters = {
  text: textReporter,
  json: jsonReporter,
  markdown: markdownReporter,
  html: htmlReporter,
  sarif: sarifReporter,
  mermaid: mermaidReporter,
  dot: dotReporter,
} as const satisfies Record<string, Reporter>;

/** A format name. */
export type ReportFormat = keyof typeof reporters;

/** The file extension of each format (`--output base` with several formats writes base.<extension>). */
export const REPORT_EXTENSIONS: Record<ReportFormat, string> = {
  text: 'txt',
  json: 'json',
  markdown: 'md',
  html: 'html',
  sarif: 'sarif',
  mermaid: 'mmd',
  dot: 'dot',
};

/** True when `name` is a known format. */
export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(reporters, name);
}

/** The format an output file name implies by its extension (`.sarif.json` is SARIF), if any. */
export function toFormatOfFile(file: string): ReportFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.sarif.json')) return 'sarif';
  const extension = lower.slice(lower.lastIndexOf('.') + 1);
  if (extension === 'markdown') return 'markdown';
  if (extension === 'htm') return 'html';
  return (Object.keys(REPORT_EXTENSIONS) as ReportFormat[]).find((format) => REPORT_EXTENSIONS[format] === extension);
}
