/** `seams --help`. */
export const MAIN_HELP = `seams: find the seams in a TypeScript/Node.js monolith

Usage: seams <command> [options]

Commands:
  analyze [dir]   analyze a repository (default: the bundled fixture monolith)
  lint [dir]      check imports against the committed boundaries file and baseline
  boundaries init [dir]
                  write a boundaries file from an analysis, a saved result or folders

Options:
  --help, -h      show help (also: seams <command> --help)
  --version, -v   print the version
  --debug         show stack traces of errors

Exit codes: 0 ok, 1 findings (lint), 2 usage or configuration error, 3 internal error.
`;

/** `seams analyze --help`. */
export const ANALYZE_HELP = `Usage: seams analyze [dir] [options]

Reads the repository at dir (never runs it), builds its import graph, clusters it into
candidate services and prints them. With no dir, analyzes the bundled fixture monolith.

Options:
  --format <f>            text or json (default: from --output's extension, else text on a
                          terminal and json when piped)
  --output <file>         write the report to a file (atomically) instead of stdout
  --resolution <n>        Louvain resolution; higher gives more, smaller clusters (default 1)
  --seed <n>              clustering seed; same seed, same result (default 42)
  --include <glob>        analyze only files matching the glob (repeatable; relative to dir)
  --exclude <glob>        skip files matching the glob (repeatable)
  --no-default-excludes   also analyze tests, build output and generated files
  --no-types              skip the lazy type-aware pass (ts-morph) for repository receivers
                          syntax cannot place: faster, fewer TypeORM accesses
  --cache                 cache per-file facts by content hash under .seams-cache/ (a rerun
                          parses only changed files)
  --help                  show this help

Examples:
  seams analyze
  seams analyze ../my-monolith --format json --output result.json
  seams analyze . --exclude 'scripts/**' --resolution 1.5
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
