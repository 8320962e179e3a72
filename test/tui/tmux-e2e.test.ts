import { test } from 'node:test';
import { applyMoves } from '../../src/whatif/apply-moves.js';
import { loadGolden } from '../whatif/golden-result.js';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../src/version.js';

const BIN = path.join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'bin.js');
/** Generous: the first frame needs Node, Ink and an analysis of the fixture in a worker. */
const WAIT_MS = 60_000;

function hasTmux(): boolean {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
}

/** Ink prints nothing until exit when it thinks it runs in CI; the terminal under test is interactive. */
function interactiveEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_') || key === 'TMUX' || key === 'NO_COLOR') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** One tmux server on its own socket, so the test never touches the user's sessions. */
function createTmux(env: NodeJS.ProcessEnv) {
  const socket = `seams-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...args: string[]): string => {
    const run = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env });
    if (run.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${run.stderr}`);
    return run.stdout;
  };
  const capture = (): string => tmux('capture-pane', '-p', '-t', 'e2e');
  return {
    tmux,
    capture,
    keys: (...keys: string[]) => tmux('send-keys', '-t', 'e2e', ...keys),
    async waitFor(pattern: RegExp): Promise<string> {
      const started = Date.now();
      let screen = '';
      while (Date.now() - started < WAIT_MS) {
        screen = capture();
        if (pattern.test(screen)) return screen;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`waited ${WAIT_MS} ms for ${pattern}; the screen shows:\n${screen}`);
    },
    kill: () => spawnSync('tmux', ['-L', socket, 'kill-server'], { env }),
  };
}

test('tui end to end: the built binary in a real terminal (tmux): browse, move, open $EDITOR, save, resize, quit', async (t) => {
  if (!hasTmux()) {
    // CI must run this test: .ci/run installs tmux. Only a developer machine without it skips.
    if (process.env.CI) assert.fail('tmux is not installed; .ci/run installs it before npm test');
    t.skip('tmux is not installed');
    return;
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-e2e-'));
  const editorLog = path.join(directory, 'editor-args.txt');
  // A stand-in for vim (named vim, so seams passes +line file) that records its arguments.
  const editor = path.join(directory, 'bin', 'vim');
  fs.mkdirSync(path.dirname(editor));
  fs.writeFileSync(editor, `#!/bin/sh\nprintf '%s\\n' "$@" > '${editorLog}'\n`, { mode: 0o755 });
  const session = createTmux(interactiveEnv({ EDITOR: editor, TERM: 'xterm-256color' }));
  const command = `cd '${directory}' && '${process.execPath}' '${BIN}' tui; echo "seams exited with $?"; sleep 60`;
  try {
    session.tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'e2e', command);
    await session.waitFor(/Candidates · sorted by name/);
    const golden = loadGolden('ecommerce');
    assert.match(session.capture(), new RegExp(`seams: fixtures/ecommerce \\(bundled\\) · ${golden.clusters.length} candidates · ${golden.modules.length} modules`));
    const moved = applyMoves(golden, [{ kind: 'module', module: 'src/jobs/purgeStale.ts', to: 'accounts' }]);

    session.keys('j', 'j', 'Enter');
    await session.waitFor(/cart › \[1 modules\]/);
    session.keys('j', 'j', 'm');
    await session.waitFor(/move src\/jobs\/purgeStale\.ts to/);
    session.keys('Enter');
    await session.waitFor(new RegExp(`Moved src/jobs/purgeStale\\.ts → accounts · findings ${golden.findings.length}→${moved.findings.length}`));

    session.keys('e');
    const opened = /Opened (\S+):(\d+) in vim/.exec(await session.waitFor(/Opened \S+:\d+ in vim/));
    assert.ok(opened);
    assert.deepEqual(fs.readFileSync(editorLog, 'utf8').trim().split('\n'), [`+${opened[2]}`, path.join(PACKAGE_ROOT, 'fixtures', 'ecommerce', ...(opened[1] as string).split('/'))]);
    assert.match(session.capture(), /cart › \[1 modules\]/, 'the TUI is drawn again after the editor');

    session.keys('w');
    await session.waitFor(/Save boundaries to: seams\.boundaries\.json/);
    session.keys('Enter');
    await session.waitFor(/Wrote seams\.boundaries\.json: 8 domains/);
    const boundaries = JSON.parse(fs.readFileSync(path.join(directory, 'seams.boundaries.json'), 'utf8')) as { domains: Record<string, { paths: string[] }> };
    assert.ok(boundaries.domains.accounts?.paths.includes('src/jobs/purgeStale.ts'), JSON.stringify(boundaries.domains.accounts));

    session.tmux('resize-window', '-t', 'e2e', '-x', '80', '-y', '24');
    // 80 columns: the title is cut with an ellipsis, cart's tree is still drawn, nothing is wider.
    const small = await session.waitFor(/tables ·…\ncart › \[1 modules\][\s\S]*▾ routes\//);
    assert.ok(small.split('\n').every((line) => [...line].length <= 80));

    session.keys('q');
    const after = await session.waitFor(/seams exited with 0/);
    assert.doesNotMatch(after, /Candidates|cart ›/, 'the normal screen is back');
  } finally {
    session.kill();
  }

  const interrupted = createTmux(interactiveEnv({ TERM: 'xterm-256color' }));
  try {
    interrupted.tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'e2e', `'${process.execPath}' '${BIN}' tui; echo "seams exited with $?"; sleep 60`);
    await interrupted.waitFor(/Candidates · sorted by name/);
    interrupted.keys('C-c');
    const after = await interrupted.waitFor(/seams exited with 0/);
    assert.doesNotMatch(after, /Candidates/);
    // The terminal is back in cooked mode: a typed line reaches the shell's sleep untouched, echoed.
    interrupted.keys('echoed', 'Enter');
    await interrupted.waitFor(/echoed/);
  } finally {
    interrupted.kill();
  }
});

test('tui end to end: piped, the binary exits 2 and points to seams analyze', () => {
  const run = spawnSync(process.execPath, [BIN, 'tui'], { encoding: 'utf8', stdio: 'pipe' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /seams tui needs an interactive terminal.*seams analyze/);
});
