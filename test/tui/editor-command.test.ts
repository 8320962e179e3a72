import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toEditorCommand } from '../../src/tui/editor-command.js';

const cases: { editor: string | undefined; command: string; args: string[] }[] = [
  { editor: undefined, command: 'vi', args: ['+12', '/repo/src/a.ts'] },
  { editor: '', command: 'vi', args: ['+12', '/repo/src/a.ts'] },
  { editor: 'vim', command: 'vim', args: ['+12', '/repo/src/a.ts'] },
  { editor: '/usr/bin/nvim', command: '/usr/bin/nvim', args: ['+12', '/repo/src/a.ts'] },
  { editor: 'nano', command: 'nano', args: ['+12', '/repo/src/a.ts'] },
  { editor: 'emacsclient -t', command: 'emacsclient', args: ['-t', '+12', '/repo/src/a.ts'] },
  { editor: 'code -w', command: 'code', args: ['-w', '--goto', '/repo/src/a.ts:12'] },
  { editor: 'codium', command: 'codium', args: ['--goto', '/repo/src/a.ts:12'] },
  { editor: 'subl -w', command: 'subl', args: ['-w', '/repo/src/a.ts:12'] },
  { editor: 'hx', command: 'hx', args: ['/repo/src/a.ts:12'] },
  { editor: 'ed', command: 'ed', args: ['/repo/src/a.ts'] },
];

for (const { editor, command, args } of cases) {
  test(`toEditorCommand: ${JSON.stringify(editor)} → ${command} ${args.join(' ')}`, () => {
    assert.deepEqual(toEditorCommand(editor, '/repo/src/a.ts', 12), { command, args });
  });
}

test('toEditorCommand: a path with spaces stays one argument (no shell)', () => {
  assert.deepEqual(toEditorCommand('vim', '/my repo/a b.ts', 3), { command: 'vim', args: ['+3', '/my repo/a b.ts'] });
});
