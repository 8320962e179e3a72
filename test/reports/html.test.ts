import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reporters } from '../../reports/index.js';
import { EXPLORER_SCRIPT } from '../../reports/html/index.js';
import { EXPLORER_CSS } from '../../reports/html/styles.js';
import { toPageData, type PageData } from '../../reports/html/page-data.js';
import { loadFixtureResult, HOSTILE_FIXTURE } from './support/report-fixtures.js';

const hostile = loadFixtureResult(HOSTILE_FIXTURE);
const html = reporters.html.render(hostile, { color: false });

function dataOf(page: string): PageData {
  const match = /<script type="application\/json" id="seams-data">([^<]*)<\/script>/.exec(page);
  assert.ok(match, 'the data element');
  return JSON.parse(match[1] as string) as PageData;
}

test('html: hostile names appear only escaped: no payload tag, exactly the page\'s own script and style elements', () => {
  assert.doesNotMatch(html, /<img|<svg|__pwned=1<\/script>/i);
  assert.equal(html.match(/<script/gi)?.length, 2, 'the data element and the explorer script');
  assert.equal(html.match(/<\/script/gi)?.length, 2);
  assert.equal(html.match(/<\/style/gi)?.length, 1);
  assert.doesNotMatch(html, /[\u2028\u2029]/);
});

test('html: the embedded data is the result (edges compacted) and expands back to the same edges', () => {
  const data = dataOf(html);
  assert.deepEqual(data, JSON.parse(JSON.stringify(toPageData(hostile, ''))));
  assert.deepEqual(data.result, { ...hostile, edges: [] });
  const nodes = [...hostile.modules.map((m) => m.id), ...hostile.tables.map((t) => t.id), ...data.extraNodes];
  const expanded = data.edges.map(([from, to, kind, weight, locations, extra]) => ({
    from: nodes[from],
    to: nodes[to],
    kind: data.edgeKinds[kind],
    weight,
    locations: locations.map((location) => (typeof location === 'number' ? { file: nodes[from], line: location } : { file: location[0], line: location[1] })),
    ...extra,
  }));
  assert.deepEqual(expanded, hostile.edges.map((edge) => ({ ...edge })));
});

test('html: self-contained and locked down: a Content-Security-Policy with no network, only hashed inline script and style, no external URL', () => {
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  assert.match(policy, /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:; base-uri 'none'; form-action 'none'$/);
  assert.doesNotMatch(html, /\b(src|href)=["']?(https?:)?\/\//i);
  assert.doesNotMatch(EXPLORER_SCRIPT, /<\/script|<!--/i, 'the script cannot end its element');
  assert.doesNotMatch(EXPLORER_CSS, /<\/style/i);
  assert.doesNotMatch(EXPLORER_SCRIPT, /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function/, 'the script never parses strings as HTML or code');
});
