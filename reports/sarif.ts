import { defineReporter, compareText, type Finding, type Location } from '../src/plugin/index.js';
import { encodePath, escapeSarifText } from './shared/escape.js';
import { toLinkBase, type ReportOptions } from './shared/options.js';

/** What a rule says about one kind of finding. */
interface RuleText {
  name: string;
  short: string;
  full: string;
  help: string;
}

/** Rule metadata per finding kind. A kind not listed gets a generic rule (so new finding kinds never break SARIF). */
const RULES: Record<string, RuleText> = {
  'shared-table': {
    name: 'SharedTable',
    short: 'A table is written by more than one candidate service',
    full: 'Several candidate services write the same table, so none of them can be extracted with its data: they share a database and its invariants.',
    help: 'Give the table one owner. The other candidates call the owner\'s API to change it, or publish events the owner consumes. The locations are the writes from each candidate; the evidence lists them per candidate.',
  },
  'shared-table-read': {
    name: 'SharedTableRead',
    short: 'A table is read by candidate services that do not own it',
    full: 'A candidate reads a table another candidate owns. After a split the read crosses a service boundary.',
    help: 'Replace the read with a call to the owner\'s API, a read model the owner publishes (events, replication), or move the query into the owner. The locations are the foreign reads.',
  },
  'untouched-table': {
    name: 'UntouchedTable',
    short: 'A declared table no analyzed code reads or writes',
    full: 'A schema, migration or model declares the table but no analyzed code touches it.',
    help: 'Check whether it is dead, used by another service, or reached through SQL seams cannot read (dynamic table names). Drop it or document its owner.',
  },
  'cross-domain-import': {
    name: 'CrossDomainImport',
    short: 'A module imports another candidate service\'s internals',
    full: 'An import crosses from one candidate service into another one\'s modules.',
    help: 'Depend on the other candidate through its public API (an exported facade, an HTTP/RPC client, events) instead of its internals.',
  },
  'shared-transaction': {
    name: 'SharedTransaction',
    short: 'A database transaction spans candidate services',
    full: 'One transaction writes tables owned by several candidates; after a split it cannot stay atomic.',
    help: 'Split the transaction into steps each owned by one candidate (a saga with compensations, or an outbox and events), or keep the tables in one service.',
  },
};

const LEVELS: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function toRuleName(kind: string): string {
  return kind
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => `${word[0]?.toUpperCase()}${word.slice(1)}`)
    .join('');
}

function ruleTextOf(kind: string): RuleText {
  return (
    RULES[kind] ?? {
      name: toRuleName(kind) || 'Finding',
      short: `seams finding: ${kind}`,
      full: `A seams finding of kind "${kind}".`,
      help: 'The message says what holds the candidate services together; the locations and related locations are the evidence.',
    }
  );
}

/** Most severe level among the findings of a kind, as the rule's default. */
function defaultLevelOf(findings: readonly Finding[]): 'error' | 'warning' | 'note' {
  if (findings.some((finding) => finding.severity === 'error')) return 'error';
  return findings.some((finding) => finding.severity === 'warning') ? 'warning' : 'note';
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one rule per finding kind (with
 * help text), one result per finding with its first location as the primary location and the
 * evidence as related locations. Findings with no location (GitHub rejects results without one)
 * are counted in the run's properties instead. URIs are relative to `%SRCROOT%`, prefixed with
 * `linkBase` when the analyzed root is not the repository root.
 */
export const sarifReporter = defineReporter<ReportOptions>({
  id: 'sarif',
  description: 'SARIF 2.1.0: findings as code scanning results (GitHub upload-sarif)',
  mediaType: 'application/sarif+json',
  render(result, options) {
    const base = toLinkBase(options);
    const located = result.findings.filter((finding) => finding.locations.length > 0);
    const kinds = [...new Set(located.map((finding) => finding.kind))].sort(compareText);
    const ruleIndex = new Map(kinds.map((kind, index) => [kind, index]));
    const rules = kinds.map((kind) => {
      const text = ruleTextOf(kind);
      return {
        id: kind,
        name: text.name,
        shortDescription: { text: text.short },
        fullDescription: { text: text.full },
        help: { text: text.help, markdown: `**${text.short}.** ${text.full}\n\n${text.help}` },
        defaultConfiguration: { level: defaultLevelOf(located.filter((finding) => finding.kind === kind)) },
        properties: { tags: ['architecture', 'maintainability'] },
      };
    });
    const physicalLocation = (location: Location) => ({
      artifactLocation: { uri: `${base}${encodePath(location.file)}`, uriBaseId: '%SRCROOT%' },
      region: { startLine: location.line },
    });
    const results = located.map((finding) => {
      const related = finding.evidence.flatMap((evidence) => evidence.locations.map((location) => ({ location, description: evidence.description })));
      const [primary] = finding.locations as [Location];
      return {
        ruleId: finding.kind,
        ruleIndex: ruleIndex.get(finding.kind) as number,
        level: LEVELS[finding.severity],
        message: { text: escapeSarifText(finding.message) },
        locations: [{ physicalLocation: physicalLocation(primary) }],
        ...(related.length
          ? {
              relatedLocations: related.map((item, index) => ({
                id: index + 1,
                physicalLocation: physicalLocation(item.location),
                message: { text: escapeSarifText(item.description) },
              })),
            }
          : {}),
      };
    });
    const sarif = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'seams',
              version: result.tool.version,
              ...(/^\d+\.\d+\.\d+/.test(result.tool.version) ? { semanticVersion: result.tool.version } : {}),
              rules,
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root (the analyzed directory unless --link-base says where it is).' } } },
          results,
          properties: { analyzedRoot: result.root, findingsWithoutLocation: result.findings.length - located.length },
        },
      ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
  },
});
