import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reporters } from '../../reports/index.js';
import { toDiagram } from '../../reports/shared/diagram.js';
import { loadFixtureResult, HOSTILE_FIXTURE } from './support/report-fixtures.js';

const ecommerce = loadFixtureResult('ecommerce');
const hostile = loadFixtureResult(HOSTILE_FIXTURE);

test('diagram: cluster level has one node per cluster and one import link per coupled pair, widths from 1 to 6', () => {
  const diagram = toDiagram(ecommerce, {});
  assert.equal(diagram.nodes.length, ecommerce.clusters.length);
  const coupled = ecommerce.clusters.flatMap((cluster) => cluster.coupling.filter((c) => c.outgoing > 0)).length;
  assert.equal(diagram.links.filter((link) => !link.dashed).length, coupled);
  const widths = diagram.links.map((link) => link.width);
  assert.equal(Math.max(...widths), 6);
  assert.ok(Math.min(...widths) >= 1);
  const heaviest = diagram.links.reduce((a, b) => (b.weight > a.weight ? b : a));
  assert.equal(heaviest.width, 6);
});

test('diagram: module level groups every module and table under its cluster', () => {
  const diagram = toDiagram(ecommerce, { level: 'module' });
  assert.equal(diagram.groups.length, ecommerce.clusters.length);
  assert.equal(diagram.groups.flatMap((group) => group.nodes).length, ecommerce.modules.length + ecommerce.tables.length);
});

test('mermaid: every label of the hostile fixture stays inside its quotes (no quote, bracket, pipe or angle bracket leaks)', () => {
  for (const level of ['cluster', 'module'] as const) {
    const text = reporters.mermaid.render(hostile, { color: false, level });
    for (const line of text.split('\n').filter((l) => l.includes('"')).map((l) => l.replaceAll('<br/>', ' '))) {
      assert.match(line, /^\s*(subgraph \w+ \["[^"<>[\]|]*"\]|\w+\[\(?"[^"<>[\]|]*"\)?\])$/, line);
    }
    assert.doesNotMatch(text, /<script|<img|<\/style/);
  }
});

test('dot: every quoted string of the hostile fixture is closed on its line (quotes escaped, line breaks as \\n)', () => {
  const text = reporters.dot.render(hostile, { color: false, level: 'module' });
  for (const line of text.split('\n')) {
    const unescapedQuotes = line.replace(/\\\\/g, '').replace(/\\"/g, '').match(/"/g) ?? [];
    assert.equal(unescapedQuotes.length % 2, 0, line);
  }
  assert.doesNotMatch(text, /\u2028|\u2029/);
});
