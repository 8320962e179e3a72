import { z } from 'zod';

/**
 * The boundaries file (`seams.boundaries.json` or `.yaml`): which files make up each domain, what
 * each domain may import, which files are its public entries and which tables it owns. Data only,
 * never code. The published JSON Schema (schema/boundaries.schema.json) is generated from these
 * zod schemas and a test keeps the two identical.
 */
export const BOUNDARIES_VERSION = 1 as const;

/** The name of the shared kernel in rules and output; no domain may take it. */
export const SHARED_KERNEL = 'shared';

/** Names the boundaries file may have, in the order they are looked for. */
export const BOUNDARIES_FILE_NAMES = ['seams.boundaries.json', 'seams.boundaries.yaml', 'seams.boundaries.yml'] as const;

/** What to do with an `import type` that crosses a boundary the rules forbid. */
export const typeImportPolicySchema = z
  .enum(['allow', 'warn', 'deny'])
  .describe('type-only imports across a forbidden boundary: allow (not reported), warn (reported, never fails), deny (a violation like any import)');

const globSchema = z.string().min(1).describe('a glob relative to the repository root (picomatch syntax); "!glob" excludes');

/** A domain name: letters, digits, dot, dash, underscore. */
export const domainNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a domain name is letters, digits, ".", "-" or "_", starting with a letter or digit');

/** One domain. */
export const domainSchema = z
  .object({
    description: z.string().optional(),
    paths: z.array(globSchema).min(1).describe('globs of the files that make up the domain; each must match at least one file'),
    tables: z
      .array(z.string().min(1))
      .optional()
      .describe('tables the domain owns (names or globs; schema-qualified when not public); with --tables only its modules may write them'),
    dependsOn: z
      .array(domainNameSchema)
      .optional()
      .describe('domains this domain may import; the shared kernel is always allowed'),
    entries: z
      .array(globSchema)
      .optional()
      .describe('public entry files; when given, other domains may import only these (even where the dependency is allowed)'),
  })
  .strict();

/** The shared kernel: modules and tables every domain may use. */
export const sharedKernelSchema = z
  .object({
    description: z.string().optional(),
    paths: z.array(globSchema).min(1).describe('globs of the shared kernel; each must match at least one file'),
    tables: z.array(z.string().min(1)).optional().describe('tables every domain may write'),
  })
  .strict();

/** The whole boundaries file. */
export const boundariesSchema = z
  .object({
    $schema: z.string().optional().describe('the JSON Schema of this file, for editor completion'),
    version: z.literal(BOUNDARIES_VERSION),
    typeImports: typeImportPolicySchema.optional().describe('policy for type-only imports across a forbidden boundary (default deny)'),
    exclude: z.array(globSchema).optional().describe('files never checked (beside tests, build output and generated code, always skipped)'),
    shared: sharedKernelSchema.optional(),
    domains: z.record(domainNameSchema, domainSchema).describe('the domains, by name'),
  })
  .strict();

/** A boundaries file as written. */
export type Boundaries = z.infer<typeof boundariesSchema>;
/** One domain as written. */
export type Domain = z.infer<typeof domainSchema>;
/** The type-only import policy. */
export type TypeImportPolicy = z.infer<typeof typeImportPolicySchema>;

/** The JSON Schema of the boundaries file, as published in schema/boundaries.schema.json. */
export function toBoundariesJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(boundariesSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: 'urn:seams:schema:boundaries:1',
    title: 'seams boundaries',
    ...schema,
  };
}
