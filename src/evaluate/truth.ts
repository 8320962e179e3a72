import fs from 'node:fs';
import { z } from 'zod';
import { SeamsError } from '../errors.js';

/**
 * A labelled decomposition (expected.json): the true domain of every module and table.
 * `modules` maps POSIX paths relative to the analyzed root to a domain name; `tables` maps
 * table ids to a domain name. The shared kernel is labelled `shared`.
 */
export const truthSchema = z
  .object({
    description: z.string().optional(),
    modules: z.record(z.string(), z.string()),
    tables: z.record(z.string(), z.string()).default({}),
  })
  .passthrough();

/** A labelled decomposition. */
export type Truth = z.infer<typeof truthSchema>;

/** Loads and validates a truth file; a malformed one is a configuration error naming what is wrong. */
export function loadTruth(file: string): Truth {
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SeamsError('config', `Cannot read truth file ${file}: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const parsed = truthSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SeamsError('config', `Truth file ${file} is malformed at ${issue?.path.join('.') || '(root)'}: ${issue?.message}. Expected { "modules": { "<path>": "<domain>" }, "tables": { "<table>": "<domain>" } }.`);
  }
  return parsed.data;
}
