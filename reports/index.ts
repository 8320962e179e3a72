import type { Reporter } from '../src/plugin/index.js';
import { jsonReporter } from './json.js';
import { textReporter } from './text.js';

/** Every reporter plugin, by format name. */
export const reporters = {
  text: textReporter,
  json: jsonReporter,
} as const satisfies Record<string, Reporter>;

/** A format name. */
export type ReportFormat = keyof typeof reporters;

/** True when `name` is a known format. */
export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(reporters, name);
}
