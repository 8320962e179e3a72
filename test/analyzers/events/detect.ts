import { eventsAnalyzer } from '../../../analyzers/events/index.js';
import { parseFile } from '../../../src/extract/parse-file.js';
import { createFileFacts, toModuleId, type FileFacts } from '../../../src/model/facts.js';

/** Runs the events analyzer (every detector) on one file's text. */
export function detect(text: string, file = 'src/a.ts'): FileFacts {
  const facts = createFileFacts(toModuleId(file), 0);
  eventsAnalyzer.visit(parseFile(toModuleId(file), text), { options: {}, facts, report: () => undefined });
  return facts;
}

/** The event rows of a text, `line role transport name`, sorted by line then text. */
export function rowsOf(text: string, file?: string): string[] {
  return detect(text, file)
    .events.map((event) => `${event.line} ${event.role} ${event.transport} ${event.name}`)
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : a > b ? 1 : 0));
}
