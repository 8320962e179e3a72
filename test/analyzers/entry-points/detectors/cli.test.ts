import { rowsOf } from '../detect.js';
import { testDetectorTable } from '../../shared/detector-table.js';

testDetectorTable(
  'cli',
  rowsOf,
  [
    {
      name: 'commander commands',
      text: "import { Command, program } from 'commander';\nprogram\n  .command('migrate <dir>')\n  .option('-f, --force')\n  .action(async (dir) => {\n    await migrate(dir);\n  });\nnew Command('seed').action(seed);",
      rows: ['3 cli commander migrate <- L5-7', '8 cli commander seed <- seed'],
    },
    {
      name: 'yargs commands, positional and object forms',
      text: "import yargs from 'yargs';\nyargs(process.argv.slice(2))\n  .command('serve [port]', 'start the server', (y) => y, (argv) => serve(argv))\n  .command({ command: 'reindex', handler: reindex })\n  .parse();",
      rows: ['3 cli yargs serve <- L3-3', '4 cli yargs reindex <- reindex'],
    },
  ],
  [{ name: 'action() outside commander', text: "store.command('x').action(h);\nconst commander = 'commander';" }],
);
