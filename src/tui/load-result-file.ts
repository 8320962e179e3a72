import { SeamsError } from '../errors.js';
import { readText } from '../io/read-text.js';
import { analysisResultSchema, SCHEMA_VERSION, type AnalysisResult } from '../model/result.js';

const HOW_TO_MAKE_ONE = 'Write one with "seams analyze <dir> --format json --output result.json".';
/** How many schema problems the message spells out. */
const ISSUES_SHOWN = 3;

/**
 * Reads a result file written by `seams analyze --format json` and checks it against the result
 * contract (zod). A missing, unreadable, non-JSON or off-contract file is a usage error whose
 * message says which and where.
 */
export function loadResultFile(absolutePath: string, shownPath: string): AnalysisResult {
  let text: string;
  try {
    text = readText(absolutePath);
  } catch (error) {
    throw new SeamsError('not-found', `Cannot read ${shownPath}: ${error instanceof Error ? error.message : String(error)}. Give a directory to analyze or a result file. ${HOW_TO_MAKE_ONE}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SeamsError('usage', `${shownPath} is not JSON (${error instanceof Error ? error.message : String(error)}). ${HOW_TO_MAKE_ONE}`);
  }
  const version = typeof data === 'object' && data !== null ? (data as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version !== SCHEMA_VERSION) {
    throw new SeamsError(
      'usage',
      version === undefined
        ? `${shownPath} is not a seams result (it has no schemaVersion). ${HOW_TO_MAKE_ONE}`
        : `${shownPath} has schemaVersion ${JSON.stringify(version)}; this seams reads version ${SCHEMA_VERSION}. Analyze again with this version: ${HOW_TO_MAKE_ONE}`,
    );
  }
  const parsed = analysisResultSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, ISSUES_SHOWN).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    const more = parsed.error.issues.length > ISSUES_SHOWN ? ` and ${parsed.error.issues.length - ISSUES_SHOWN} more` : '';
    throw new SeamsError('usage', `${shownPath} does not match the seams result schema: ${issues.join('; ')}${more}. ${HOW_TO_MAKE_ONE}`);
  }
  return parsed.data;
}
