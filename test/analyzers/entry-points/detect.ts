import { entryPointsAnalyzer } from '../../../analyzers/entry-points/index.js';
import { parseFile } from '../../../src/extract/parse-file.js';
import { createFileFacts, toModuleId, type EntryPointFact, type FileFacts, type HandlerRef } from '../../../src/model/facts.js';

/** Runs the entry-points analyzer (every detector) on one file's text. */
export function detect(text: string, file = 'src/a.ts'): FileFacts {
  const facts = createFileFacts(toModuleId(file), 0);
  entryPointsAnalyzer.visit(parseFile(toModuleId(file), text), { options: {}, facts, report: () => undefined });
  return facts;
}

/** A handler as compact text: `L3-5` for inline lines, `name` or `object.property` for a reference. */
export function toHandlerText(handler: HandlerRef): string {
  if (handler.kind === 'inline') return `L${handler.startLine}-${handler.endLine}`;
  return handler.callee.kind === 'name' ? handler.callee.name : `${handler.callee.object}.${handler.callee.property}`;
}

/** An entry point as a row: `line kind framework name <- handlers`. */
export function toRow(entry: EntryPointFact): string {
  return `${entry.line} ${entry.kind} ${entry.framework} ${entry.name} <- ${entry.handlers.map(toHandlerText).join(', ')}`;
}

/** The entry-point rows of a text, by line (stable: the order found within a line). */
export function rowsOf(text: string, file?: string): string[] {
  return detect(text, file)
    .entryPoints.map(toRow)
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}

/** The outbound HTTP rows of a text: `line client`. */
export function outboundRowsOf(text: string, file?: string): string[] {
  return detect(text, file).outboundHttp.map((call) => `${call.line} ${call.client}`);
}
