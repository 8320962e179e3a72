import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reporters } from '../../reports/index.js';
import type { AnalysisResult } from '../../src/model/result.js';
import { loadFixtureResult, HOSTILE_FIXTURE } from './support/report-fixtures.js';

const ecommerce = loadFixtureResult('ecommerce');

test('markdown: finding locations are links relative to the link base, with #L anchors', () => {
  const text = reporters.markdown.render(ecommerce, { color: false, linkBase: '../shop' });
  const finding = ecommerce.findings.find((item) => item.locations.length > 0);
  const location = finding?.locations[0];
  assert.ok(location);
  assert.ok(text.includes(`(../shop/${location.file}#L${location.line})`), 'a finding location links to its file and line');
});

test('markdown: scores add an ease column and a factor table with evidence; transactions, entry points and events get sections', () => {
  const [first] = ecommerce.clusters;
  assert.ok(first);
  const scored: AnalysisResult = {
    ...ecommerce,
    clusters: ecommerce.clusters.map((cluster) => (cluster.id === first.id ? { ...cluster, score: { ease: 72.4, factors: [{ name: 'outgoing coupling', value: 0.25, evidence: [{ description: 'imports shared', locations: [{ file: 'src/a.ts', line: 3 }] }] }] } } : cluster)),
    transactions: [{ id: 'src/a.ts:4', location: { file: 'src/a.ts', line: 4 }, via: 'pg', style: 'unmanaged', clusters: ['orders', 'billing'], tables: [{ table: 'orders', mode: 'write', cluster: 'orders', path: [{ file: 'src/a.ts', line: 5 }] }] }],
    entryPoints: [{ id: 'src/r.ts:1', kind: 'http', name: 'GET /orders/:id', framework: 'express', location: { file: 'src/r.ts', line: 1 }, clusters: ['orders'], tables: ['orders'], outboundHttp: [] }],
    events: [{ name: 'order.placed', transport: 'emitter', publishers: [{ file: 'src/p.ts', line: 2 }], consumers: [] }],
  };
  const text = reporters.markdown.render(scored, { color: false });
  assert.match(text, /\| candidate \| ease \| modules \|/);
  assert.match(text, new RegExp(`\\| \\[${first.name}\\]\\(#candidate-${first.id}\\) \\| 72 \\|`));
  assert.match(text, /\| outgoing coupling \| 0\.25 \| imports shared \(\[src\/a\.ts:3\]\(src\/a\.ts#L3\)\) \|/);
  assert.match(text, /## Transactions spanning candidates/);
  assert.match(text, /\| GET \/orders\/:id \| http \| express \|/);
  assert.match(text, /## Events/);
});

test('markdown: absent parts leave no empty sections', () => {
  const text = reporters.markdown.render(
    { ...ecommerce, transactions: [], entryPoints: [], events: [], clusters: ecommerce.clusters.map(({ score: _score, ...cluster }) => cluster) },
    { color: false },
  );
  assert.doesNotMatch(text, /## Transactions|## Entry points|## Events/);
  assert.doesNotMatch(text, /\| ease \|/);
});

test('markdown: hostile names render as text (no raw HTML, no links but the ones seams makes)', () => {
  const text = reporters.markdown.render(loadFixtureResult(HOSTILE_FIXTURE), { color: false });
  assert.doesNotMatch(text, /<script|<img|<svg|<\/style|javascript:alert\(1\)\)/);
  const rawTags = new Set((text.match(/<[^>]*>/g) ?? []).map((tag) => tag.replace(/^<a id="candidate-[a-z0-9-]+">$/, '<a id>')));
  assert.deepEqual([...rawTags].sort(), ['</a>', '</details>', '</summary>', '<a id>', '<br/>', '<details>', '<summary>']);
});
