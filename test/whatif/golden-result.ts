import fs from 'node:fs';
import path from 'node:path';
import { analysisResultSchema, type AnalysisResult } from '../../src/model/result.js';
import { fixturePath } from '../helpers.js';

/** A fixture's golden result (what `seams analyze` produced for it), checked against the contract. */
export function loadGolden(fixture: string): AnalysisResult {
  return analysisResultSchema.parse(JSON.parse(fs.readFileSync(path.join(fixturePath(fixture), 'golden', 'analyze.json'), 'utf8')));
}

/**
 * The ecommerce result the terminal UI tests drive: a frozen copy (test/tui/ecommerce-result.json),
 * so frames and key tests check the UI, not today's clustering of the fixture.
 */
export function loadTuiResult(): AnalysisResult {
  return analysisResultSchema.parse(JSON.parse(fs.readFileSync(path.join(fixturePath('..'), 'test', 'tui', 'ecommerce-result.json'), 'utf8')));
}
