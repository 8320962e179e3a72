import { z } from 'zod';

/**
 * The analysis result contract (schemaVersion 1): the only thing that crosses from analysis to
 * reports, the TUI and lint. Defined once here as zod schemas; the published JSON Schema
 * (schema/result.schema.json) is generated from them and a test keeps the two identical.
 */
export const SCHEMA_VERSION = 1 as const;

/** A place in the analyzed repo: a POSIX path relative to the analyzed root and a 1-based line. */
export const locationSchema = z
  .object({
    file: z.string(),
    line: z.number().int().min(1),
  })
  .strict();

/** One analyzed source file. */
export const moduleNodeSchema = z
  .object({
    id: z.string().describe('POSIX path relative to the analyzed root'),
    cluster: z.string().describe('id of the cluster this module belongs to'),
    loc: z.number().int().min(0).describe('lines of code (non-blank lines)'),
  })
  .strict();

/** One database table. */
export const tableNodeSchema = z
  .object({
    id: z.string().describe('table name; schema-qualified when the schema is not public'),
    cluster: z.string().describe('the owning cluster'),
    declared: z.boolean().describe('a schema, migration, entity or model declares it'),
    writers: z.array(z.string()).describe('clusters whose modules write it'),
    readers: z.array(z.string()).describe('clusters whose modules read it'),
  })
  .strict();

/** Kinds of edge in the graph. */
export const edgeKindSchema = z.enum([
  'import',
  'type-import',
  'dynamic-import',
  'reads',
  'writes',
  'ddl',
  'fk',
  'same-transaction',
  'event',
  'co-change',
]);

/** A typed, weighted edge with the source locations that justify it. */
export const edgeSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    kind: edgeKindSchema,
    weight: z.number().min(0),
    locations: z.array(locationSchema),
    through: z
      .array(z.string())
      .optional()
      .describe('barrel modules this edge was followed through to reach the defining module'),
    names: z.array(z.string()).optional().describe('import edges: the exported names taken from the target (`default`; `*` for a namespace or unknown set)'),
    via: z.array(z.string()).optional().describe('detectors that found a table access or foreign key (pg, knex, prisma, sql-schema, …)'),
    confidence: z.number().min(0).max(1).optional().describe('highest confidence among the accesses behind a table edge'),
  })
  .strict();

/** A piece of evidence: what was seen, where. */
export const evidenceSchema = z
  .object({
    description: z.string(),
    locations: z.array(locationSchema),
  })
  .strict();

/** One named factor of a score. */
export const scoreFactorSchema = z
  .object({
    name: z.string(),
    value: z.number(),
    points: z.number().min(0).optional().describe('points this factor takes off the ease (0-100)'),
    detail: z.string().optional().describe('what the value counts, in words'),
    evidence: z.array(evidenceSchema),
  })
  .strict();

/** How many import statements lead from one cluster to another. */
export const couplingSchema = z
  .object({
    cluster: z.string(),
    outgoing: z.number().int().min(0).describe('import statements from this cluster into the other'),
    incoming: z.number().int().min(0).describe('import statements from the other cluster into this one'),
  })
  .strict();

/** A candidate bounded context (kind "domain") or the shared kernel (kind "shared"). */
export const clusterSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['domain', 'shared']),
    modules: z.array(z.string()),
    tables: z.array(z.string()),
    coupling: z.array(couplingSchema),
    stability: z.number().min(0).max(1).optional().describe('share of member pairs the seeded clustering runs keep together (domain clusters)'),
    score: z
      .object({ ease: z.number().min(0).max(100), factors: z.array(scoreFactorSchema) })
      .strict()
      .optional(),
  })
  .strict();

/** One concrete step of extracting a candidate service. */
export const planStepSchema = z
  .object({
    action: z.enum(['publish-api', 'replace-imports', 'break-cycle', 'split-transaction', 'move-table', 'take-table', 'replace-reads', 'extract']),
    description: z.string(),
    locations: z.array(locationSchema),
  })
  .strict();

/** A candidate in the suggested extraction order, lowest risk first. */
export const planEntrySchema = z
  .object({
    cluster: z.string(),
    ease: z.number().min(0).max(100),
    steps: z.array(planStepSchema),
  })
  .strict();

/** Structural metrics of one partition of the module import graph (reference/metrics.md). */
export const partitionMetricsSchema = z
  .object({
    clusters: z.number().int().min(0),
    sizes: z.object({ min: z.number(), median: z.number(), max: z.number() }).strict().describe('modules per cluster'),
    modularity: z.number().describe('Newman modularity Q (undirected, weighted by statements, resolution 1); higher is better'),
    structuralModularity: z.number().describe('SM (Jin et al.): mean cohesion mu_k/n_k^2 minus mean coupling sigma_ij/(n_i n_j) over cluster pairs; higher is better'),
    interCallPercentage: z.number().describe('ICP: share of import weight (ln w + 1 per module pair) crossing clusters; lower is better'),
    interfaceNumber: z.number().describe('IFN (Jin): mean number of members per cluster imported from outside it; lower is better'),
    nonExtremeDistribution: z.number().describe('NED: share of modules outside clusters of 5 to 20 modules; lower is better'),
  })
  .strict();

/** The partition metrics of seams' clusters beside the trivial baselines. */
export const metricsSchema = z
  .object({
    seams: partitionMetricsSchema,
    singleCluster: partitionMetricsSchema,
    folders: partitionMetricsSchema.extend({ depth: z.number().int().min(1).describe('folder depth cut to give about as many clusters as seams') }),
  })
  .strict();

/** Something that holds the monolith together, with the evidence behind it. */
export const findingSchema = z
  .object({
    kind: z.string(),
    severity: z.enum(['info', 'warning', 'error']),
    message: z.string(),
    locations: z.array(locationSchema),
    evidence: z.array(evidenceSchema),
  })
  .strict();

/** A problem with the input (a file that does not parse, an import that does not resolve...). */
export const diagnosticSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    file: z.string().optional(),
    line: z.number().int().min(1).optional(),
  })
  .strict();

/** One table a transaction scope touches, with the call path from the scope to the access. */
export const transactionTableSchema = z
  .object({
    table: z.string(),
    mode: z.enum(['read', 'write']),
    cluster: z.string().describe('the cluster that owns the table'),
    path: z
      .array(locationSchema)
      .describe('call sites from the scope to the access, the access last; one element when the access is inside the scope'),
  })
  .strict();

/** A database transaction scope and what it touches, directly or through the functions it calls. */
export const transactionSchema = z
  .object({
    id: z.string().describe('file:line of the scope'),
    location: locationSchema,
    via: z.string().describe('the client that opens it (knex, kysely, prisma, sequelize, typeorm, mikro-orm, slonik, pg, middleware)'),
    style: z
      .enum(['callback', 'unmanaged', 'decorator', 'batch', 'middleware'])
      .describe('callback: transaction(cb); unmanaged: begin … commit; decorator: @Transactional; batch: $transaction([…]); middleware: a whole request'),
    tables: z.array(transactionTableSchema),
    clusters: z.array(z.string()).describe('clusters owning the tables touched'),
  })
  .strict();

/** Where the outside world calls in: an HTTP route, a queue or event consumer, a cron job, a CLI command. */
export const entryPointSchema = z
  .object({
    id: z.string().describe('file:line of the registration'),
    kind: z.enum(['http', 'queue', 'event', 'cron', 'cli']),
    name: z.string().describe('GET /orders/:id, a queue or topic name, a cron expression, a command name'),
    framework: z.string().describe('express, koa, fastify, hono, nestjs, bullmq, kafkajs, sqs, eventbridge, node-cron, commander, …'),
    location: locationSchema,
    clusters: z.array(z.string()).describe('domain clusters reachable from the handler (its blast radius)'),
    tables: z.array(z.string()).describe('tables reachable from the handler'),
    outboundHttp: z.array(locationSchema).describe('outbound HTTP calls (fetch, axios, got) reachable from the handler'),
  })
  .strict();

/** An event name with where it is published and consumed: asynchronous coupling. */
export const eventSchema = z
  .object({
    name: z.string(),
    transport: z.string().describe('emitter, eventbridge, kafka, bullmq, sqs, …'),
    publishers: z.array(locationSchema),
    consumers: z.array(locationSchema),
  })
  .strict();

/** Counts of what was seen, for the summary. */
export const statsSchema = z
  .object({
    files: z.number().int().min(0),
    skippedFiles: z.number().int().min(0),
    tables: z
      .object({
        total: z.number().int().min(0),
        accesses: z.number().int().min(0).describe('table access sites found in code'),
        declared: z.number().int().min(0),
        untouched: z.number().int().min(0).describe('declared tables no analyzed code touches'),
      })
      .strict(),
    types: z
      .object({
        files: z.number().int().min(0).describe('files the type-aware pass loaded because a detector asked about them'),
        questions: z.number().int().min(0),
        answered: z.number().int().min(0),
      })
      .strict()
      .describe('the lazy type-aware pass (ts-morph); zeros when nothing asked or --no-types'),
    imports: z
      .object({
        internal: z.number().int().min(0),
        external: z.number().int().min(0),
        builtin: z.number().int().min(0),
        excluded: z.number().int().min(0).describe('resolved to a file that is not analyzed (test, .d.ts, excluded)'),
        unresolved: z.number().int().min(0),
      })
      .strict(),
  })
  .strict();

/** The options that shaped the result (so a result file says how it was made). */
export const resultOptionsSchema = z
  .object({
    resolution: z.number(),
    seed: z.number().int(),
    runs: z.number().int().min(1).optional().describe('seeded Louvain runs behind the consensus'),
    clusters: z.number().int().min(1).optional().describe('the cluster count asked for (--clusters); resolution is the one found'),
    pins: z.array(z.string()).optional().describe('--pin glob=domain, as given'),
    history: z.number().int().min(0).optional().describe('commits of git history read (--history)'),
    include: z.array(z.string()),
    exclude: z.array(z.string()),
    depth: z.number().int().min(0).optional().describe('how many calls deep transactions and entry points were followed'),
  })
  .strict();

/** The whole result. */
export const analysisResultSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    tool: z.object({ name: z.literal('seams'), version: z.string() }).strict(),
    root: z.string(),
    options: resultOptionsSchema,
    stats: statsSchema,
    modules: z.array(moduleNodeSchema),
    tables: z.array(tableNodeSchema),
    edges: z.array(edgeSchema),
    clusters: z.array(clusterSchema),
    transactions: z.array(transactionSchema),
    entryPoints: z.array(entryPointSchema),
    events: z.array(eventSchema),
    findings: z.array(findingSchema),
    plan: z.array(planEntrySchema).optional().describe('suggested extraction order, lowest risk first'),
    metrics: metricsSchema.optional(),
    diagnostics: z.array(diagnosticSchema),
  })
  .strict();

/** A source location. */
export type Location = z.infer<typeof locationSchema>;
/** A module node of the result. */
export type ModuleNode = z.infer<typeof moduleNodeSchema>;
/** A table node of the result. */
export type TableNode = z.infer<typeof tableNodeSchema>;
/** An edge kind. */
export type EdgeKind = z.infer<typeof edgeKindSchema>;
/** An edge of the result. */
export type Edge = z.infer<typeof edgeSchema>;
/** A piece of evidence. */
export type Evidence = z.infer<typeof evidenceSchema>;
/** Coupling between two clusters. */
export type Coupling = z.infer<typeof couplingSchema>;
/** A cluster (candidate service or shared kernel). */
export type Cluster = z.infer<typeof clusterSchema>;
/** A finding. */
export type Finding = z.infer<typeof findingSchema>;
/** A transaction scope. */
export type Transaction = z.infer<typeof transactionSchema>;
/** An entry point. */
export type EntryPoint = z.infer<typeof entryPointSchema>;
/** An event and its publishers and consumers. */
export type EventNode = z.infer<typeof eventSchema>;
/** A step of an extraction plan. */
export type PlanStep = z.infer<typeof planStepSchema>;
/** A candidate in the extraction order. */
export type PlanEntry = z.infer<typeof planEntrySchema>;
/** Structural metrics of one partition. */
export type PartitionMetrics = z.infer<typeof partitionMetricsSchema>;
/** Partition metrics beside the baselines. */
export type Metrics = z.infer<typeof metricsSchema>;
/** A score factor. */
export type ScoreFactor = z.infer<typeof scoreFactorSchema>;
/** A diagnostic. */
export type Diagnostic = z.infer<typeof diagnosticSchema>;
/** Summary counts. */
export type Stats = z.infer<typeof statsSchema>;
/** The analysis result. */
export type AnalysisResult = z.infer<typeof analysisResultSchema>;

/** The JSON Schema of the result, as published in schema/result.schema.json. */
export function toResultJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(analysisResultSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $id: 'urn:seams:schema:result:1',
    title: 'seams analysis result',
    ...schema,
  };
}
