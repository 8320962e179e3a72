import fs from 'node:fs';
import { SeamsError } from '../errors.js';
import { analysisResultSchema, type AnalysisResult } from '../model/result.js';

/** Loads a result file written by `seams analyze --format json`; a bad one is a configuration error saying what is wrong. */
export function loadResult(file: string): AnalysisResult {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeamsError('config', `Cannot read result file ${file}: ${error instanceof Error ? error.message : String(error)}. Write one with "seams analyze <dir> --format json --output <file>".`);
  }
  const parsed = analysisResultSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SeamsError('config', `${file} is not a seams result (schemaVersion 1): at ${issue?.path.join('.') || '(root)'}: ${issue?.message}. Write one with "seams analyze <dir> --format json --output <file>".`);
  }
  return parsed.data;
}
