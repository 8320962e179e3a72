import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, toScriptJson, escapeMarkdown, encodePath, escapeMermaid, quoteDot, escapeSarifText } from '../../reports/shared/escape.js';

const HOSTILE = `</script><script>alert("x")</script>'&\u2028\u2029</style>`;

const cases: { name: string; escape: (text: string) => string; input: string; expected: string }[] = [
  { name: 'html text and attributes', escape: escapeHtml, input: `<a href="x" title='y'>&`, expected: '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;' },
  { name: 'json in a script element', escape: (text) => toScriptJson(text), input: HOSTILE, expected: '"\\u003c/script\\u003e\\u003cscript\\u003ealert(\\"x\\")\\u003c/script\\u003e\'\\u0026\\u2028\\u2029\\u003c/style\\u003e"' },
  { name: 'markdown inline', escape: escapeMarkdown, input: '[a](b) *c* _d_ `e` |f| <g> #h\nnext', expected: '\\[a\\]\\(b\\) \\*c\\* \\_d\\_ \\`e\\` \\|f\\| &lt;g&gt; \\#h next' },
  { name: 'path as a URI reference', escape: encodePath, input: `src/a b/(x)'!*.ts`, expected: 'src/a%20b/%28x%29%27%21%2A.ts' },
  { name: 'mermaid label', escape: escapeMermaid, input: 'a "b" [c] <d> |e| #f;', expected: 'a #34;b#34; #91;c#93; #60;d#62; #124;e#124; #35;f#59;' },
  { name: 'dot string', escape: quoteDot, input: 'a "b" \\N\nc', expected: '"a \\"b\\" \\\\N\\nc"' },
  { name: 'sarif message', escape: escapeSarifText, input: 'see [x](1) \\', expected: 'see \\[x\\](1) \\\\' },
];

for (const { name, escape, input, expected } of cases) {
  test(`escape: ${name}`, () => {
    assert.equal(escape(input), expected);
  });
}

test('escape: JSON for a script element still parses back to the same value', () => {
  const value = { name: HOSTILE, list: ['<!--', '-->', '\u2028'] };
  assert.deepEqual(JSON.parse(toScriptJson(value)), value);
  assert.doesNotMatch(toScriptJson(value), /<|>|\u2028|\u2029/);
});
