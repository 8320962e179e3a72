/** `seams --help`. */
export const MAIN_HELP = `seams: find the seams in a TypeScript/Node.js monolith

Usage: seams <command> [options]

Commands:
  analyze [dir]   analyze a repository (default: the bundled fixture monolith)

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
  --performance           print wall time and memory (RSS, heap, peak RSS) per stage on stderr
  --help                  show this help

Advanced:
  --analyzers <ids>       run only these analyzers, comma-separated (imports, sql); e.g.
                          --analyzers imports builds the import graph alone (benchmarks)

Examples:
  seams analyze
  seams analyze ../my-monolith --format json --output result.json
  seams analyze . --exclude 'scripts/**' --resolution 1.5
`;
