import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../../src/pipeline/analyze.js';
import type { AnalysisResult } from '../../../src/model/result.js';
import { fixturePath, fixturesWithTruth } from '../../helpers.js';

/** The fixture whose names and SQL try to inject script into the reports. */
export const HOSTILE_FIXTURE = 'hostile-names';

/** The fixtures the report goldens cover: every fixture with a truth file, and the hostile one. */
export function reportFixtures(): string[] {
  return [...fixturesWithTruth(), HOSTILE_FIXTURE];
}

/** A result with what varies between machines and releases replaced (as the pipeline goldens do). */
export function normaliseResult(result: AnalysisResult): AnalysisResult {
  return { ...result, tool: { ...result.tool, version: '<version>' } };
}

/** The hostile fixture analyzed now, normalised. */
export function analyzeHostileFixture(): AnalysisResult {
  return normaliseResult(analyze({ root: fixturePath(HOSTILE_FIXTURE), displayRoot: `fixtures/${HOSTILE_FIXTURE}` }));
}

/**
 * The result a report golden is rendered from: the fixture's golden analyze.json (kept current by
 * test/pipeline/golden.test.ts), or for the hostile fixture a fresh analysis.
 */
export function loadFixtureResult(fixture: string): AnalysisResult {
  if (fixture === HOSTILE_FIXTURE) return analyzeHostileFixture();
  return JSON.parse(fs.readFileSync(path.join(fixturePath(fixture), 'golden', 'analyze.json'), 'utf8')) as AnalysisResult;
}
