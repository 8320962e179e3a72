/** `seams --help`. */
export const MAIN_HELP = `seams: find the seams in a TypeScript/Node.js monolith

Usage: seams <command> [options]

Commands:
  analyze [dir]   analyze a repository (default: the bundled fixture monolith)
  report <file>   render a saved result (analyze --format json) in other formats
  evaluate        compare clusters with a labelled decomposition (ARI, AMI, MoJoFM)
  diff            compare two results: clusters matched, modules and tables moved, findings
  lint [dir]      check imports against the committed boundaries file and baseline
  boundaries init [dir]
                  write a boundaries file from an analysis, a saved result or folders
  tui [dir | result.json]
                  explore the candidates in the terminal, follow the evidence, try
                  what-if moves and save them as a boundaries file

Options:
  --help, -h      show help (also: seams <command> --help)
  --version, -v   print the version
  --debug         show stack traces of errors

Exit codes: 0 ok, 1 findings (lint), 2 usage or configuration error, 3 internal error.
`;

/** The report options `analyze` and `report` share. */
const REPORT_OPTIONS_HELP = `  --format <f>            text, json, markdown, html, sarif, mermaid or dot; repeatable
                          (default: from --output's extension, else text on a terminal and
                          json when piped)
  --output <file>         write the report to a file (atomically) instead of stdout; with
                          several formats, a base name: base.html, base.sarif, …
  --level <l>             mermaid and dot: cluster (default) or module
`;

/** `seams analyze --help`. */
export const ANALYZE_HELP = `Usage: seams analyze [dir] [options]

Reads the repository at dir (never runs it), builds its import graph, clusters it into
candidate services and prints them. With no dir, analyzes the bundled fixture monolith.

Options:
${REPORT_OPTIONS_HELP}  --link-base <p>         prefix of file links and SARIF paths (default: the analyzed
                          directory as seen from the output file; for SARIF, from the
                          working directory)
  --resolution <n>        Louvain resolution; higher gives more, smaller clusters (default 1)
  --seed <n>              clustering seed; same seed, same result (default 42)
  --runs <n>              seeded Louvain runs behind the consensus (default 20; 1 = plain Louvain)
  --clusters <k>          find the resolution giving about k candidate services
  --pin <glob>=<domain>   fix matching files to a named domain (repeatable; 'shared' = kernel)
  --history [n]           read the last n commits (default 500) of git history: co-change
                          edges and each file's main author as a weak ownership tie
  --include <glob>        analyze only files matching the glob (repeatable; relative to dir)
  --exclude <glob>        skip files matching the glob (repeatable)
  --no-default-excludes   also analyze tests, build output and generated files
  --no-types              skip the lazy type-aware pass (ts-morph) for repository receivers
                          syntax cannot place: faster, fewer TypeORM accesses
  --depth <n>             how many calls deep transactions and entry points are followed
                          (default 4; 0 counts only the scope's own lines)
  --cache                 cache per-file facts by content hash under .seams-cache/ (a rerun
                          parses only changed files, reuses import resolutions and the type
                          checker's answers while nothing they read changed, and the last
                          clustering when no import, table access or option changed)
  --workers <n>           worker threads that parse while the main one collects (default:
                          one per core, at most 4, on trees of 2,500 files or more; 0: none)
  --performance           print wall time and memory (RSS, heap, peak RSS) per stage on stderr
  --help                  show this help

Advanced:
  --analyzers <ids>       run only these analyzers, comma-separated (imports, sql); e.g.
                          --analyzers imports builds the import graph alone (benchmarks)

Examples:
  seams analyze
  seams analyze ../my-monolith --format json --output result.json
  seams analyze . --exclude 'scripts/**' --resolution 1.5
  seams analyze . --format html --format sarif --output seams-report
`;

/** `seams report --help`. */
export const REPORT_HELP = `Usage: seams report <result.json> [options]

Renders a result saved by "seams analyze --format json" again, in any format, without
analysing the repository again.

Options:
${REPORT_OPTIONS_HELP}  --link-base <p>         prefix of file links and SARIF paths, e.g. a URL such as
                          https://github.com/org/repo/blob/main/ (default: the analyzed
                          directory, when it still exists, as seen from the output file)
  --help                  show this help

Examples:
  seams report result.json --format html --output seams.html
  seams report result.json --format markdown --format sarif --output seams
  seams report result.json --format dot --level module | dot -Tsvg > modules.svg
`;

/** `seams evaluate --help`. */
export const EVALUATE_HELP = `Usage: seams evaluate --truth <expected.json> [result.json | dir] [options]

Compares the clusters of a result (or of a fresh analysis of dir, default ".") with a labelled
decomposition: adjusted Rand index, adjusted mutual information and MoJoFM for modules and for
tables, beside the folder partition at the same cluster count, leaf folders, and random
partitions of the same sizes. Truth format: { "modules": { "<path>": "<domain>" },
"tables": { "<table>": "<domain>" } } with paths relative to the analyzed root (README).

Options:
  --truth <file>          the labelled decomposition (required)
  --format <f>            text or json (default text)
  --seed, --resolution, --runs, --clusters, --pin   as for analyze (when given a dir)
  --help                  show this help

Example:
  seams evaluate --truth fixtures/ecommerce/expected.json fixtures/ecommerce
`;

/** `seams diff --help`. */
export const DIFF_HELP = `Usage: seams diff <old.json> <new.json> [--format text|json]

Compares two analysis results (for example of two commits): matches clusters by the overlap of
their members (Jaccard, best pairs first) so a renamed cluster keeps its identity, lists the
modules and tables that moved between matched clusters, clusters that appeared or went away,
and findings new and gone.
`;

/** `seams lint --help`. */
export const LINT_HELP = `Usage: seams lint [dir] [options]

Checks every import of the repository at dir (default: .) against its boundaries file
(seams.boundaries.json or .yaml): static, type-only and dynamic imports, require, and imports
followed through barrels. Violations already in the baseline (seams.baseline.json) do not fail.

Options:
  --boundaries <file>     the boundaries file (default: seams.boundaries.json/.yaml in dir)
  --baseline <file>       the baseline (default: seams.baseline.json beside the boundaries file)
  --update-baseline       record the current violations in the baseline (adds new ones,
                          removes fixed ones; written atomically) and exit 0
  --strict-baseline       also fail on stale baseline entries (violations since fixed)
  --changed-since <ref>   check only imports from files changed since a git ref (a full check
                          when the boundaries file, a tsconfig or a package.json changed)
  --tables                also check table writes against the tables each domain owns
  --no-cache              do not read or write the per-file facts cache (.seams-cache/)
  --format <f>            text, json, sarif or github (default: text; from --output's
                          extension .json/.sarif). With GITHUB_ACTIONS set, text output also
                          carries ::error annotations
  --output <file>         write the report to a file instead of stdout
  --help                  show this help

Exit codes: 0 no new violations, 1 new violations (or stale entries with --strict-baseline),
2 configuration error (with file:line), 3 internal error.

Examples:
  seams boundaries init . --from-folders 'src/modules/*'
  seams lint --update-baseline
  seams lint --changed-since origin/main --format sarif --output seams.sarif
`;

/** `seams boundaries --help`. */
export const BOUNDARIES_HELP = `Usage: seams boundaries init [dir] [options]

Writes a boundaries file for the repository at dir (default: .): each domain as path globs
(folders that belong wholly to one domain become folder/**), the tables it owns, and the
shared kernel. No dependency between domains is allowed yet; add them to dependsOn, then
record today's violations with "seams lint --update-baseline".

Sources (default: analyze dir and use its candidate services):
  --from <result.json>        the candidates of a saved result (seams analyze --format json)
  --from-folders <depth|glob> one domain per folder: a depth (2: src/<domain>) or a folder
                              glob ('src/lib/features/*')

Options:
  --output <file>             where to write (default: dir/seams.boundaries.json; .yaml/.yml
                              writes YAML)
  --force                     replace an existing boundaries file
  --help                      show this help
`;

/** `seams tui --help`. */
export const TUI_HELP = `Usage: seams tui [dir | result.json] [options]

Explores the candidate services in the terminal: the candidates (sortable), each candidate's
modules, tables, dependencies, API surface, entry points, findings and score, the evidence down
to file:line (e opens $EDITOR there), all findings by kind, and search (/). What-if: move a
module, folder or table to another candidate or a new one (m); couplings, table owners and
findings recompute at once; u undoes, U redoes; w saves the arrangement as a boundaries file.
Press ? in the TUI for every key.

With a directory (default: the bundled fixture monolith) it analyzes first, showing progress;
with a result file written by "seams analyze --format json --output result.json" it opens at
once. Needs an interactive terminal; in scripts use "seams analyze".

Options:
  --boundaries <file>     where w saves (default: seams.boundaries.json in the analyzed
                          directory; in the current directory for a result file or the
                          bundled fixture). An existing file is only replaced after a yes.
  --resolution, --seed, --include, --exclude, --no-default-excludes, --no-types
                          as for seams analyze (when given a directory)
  --help                  show this help

Environment: VISUAL or EDITOR picks the editor e opens (vi when unset); NO_COLOR turns colour off.

Examples:
  seams tui
  seams tui ../my-monolith
  seams analyze ../my-monolith --format json --output result.json && seams tui result.json
`;
