/** `seams --help`. */
export const MAIN_HELP = `seams: find the seams in a TypeScript/Node.js monolith

Usage: seams <command> [options]

Commands:
  analyze [dir]   analyze a repository (default: the bundled fixture monolith)
  tui [dir | result.json]
                  explore the candidates in the terminal, follow the evidence, try
                  what-if moves and save them as a boundaries file

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
  --help                  show this help

Examples:
  seams analyze
  seams analyze ../my-monolith --format json --output result.json
  seams analyze . --exclude 'scripts/**' --resolution 1.5
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
