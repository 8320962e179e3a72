import { createHash } from 'node:crypto';
import { defineReporter } from '../../src/plugin/index.js';
import { escapeHtml, toScriptJson } from '../shared/escape.js';
import { toLinkBase, type ReportOptions } from '../shared/options.js';
import { runExplorer } from './client.js';
import { toPageData } from './page-data.js';
import { EXPLORER_CSS } from './styles.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's script: the explorer function's own source, called once. */
export const EXPLORER_SCRIPT = `(${runExplorer.toString()})();`;

/**
 * One self-contained HTML file (no network: data, script and styles inlined) that explores the
 * result: a graph of the candidate services (size by modules, width by coupling, colour by
 * extraction ease), a detail panel per cluster (modules, tables, API surface, findings, score
 * factors with evidence), module and table pages, search, and sortable tables of candidates,
 * findings, tables, entry points, transactions, events and diagnostics.
 *
 * Safety: the result is data in a `type="application/json"` element with `<`, `>`, `&`, U+2028 and
 * U+2029 escaped; the script builds the page with DOM text nodes only; and a Content-Security-Policy
 * allows nothing but the page's own script and style (by hash) and no network at all.
 */
export const htmlReporter = defineReporter<ReportOptions>({
  id: 'html',
  description: 'one self-contained HTML explorer (graph, details, search, tables); works offline',
  mediaType: 'text/html',
  render(result, options) {
    const data = toScriptJson(toPageData(result, toLinkBase(options)));
    const policy = [
      "default-src 'none'",
      `script-src ${sha256(EXPLORER_SCRIPT)}`,
      `style-src ${sha256(EXPLORER_CSS)}`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    return [
      '<!doctype html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>seams: ${escapeHtml(result.root)}</title>`,
      `<style>${EXPLORER_CSS}</style>`,
      '</head>',
      '<body>',
      '<header id="header"></header>',
      '<main><section id="graph" aria-label="Graph of candidate services"></section><aside id="panel" aria-label="Details"></aside></main>',
      '<section id="tabs" aria-label="Tables"></section>',
      '<noscript>This report needs JavaScript to show the result; the data is in the #seams-data element.</noscript>',
      `<script type="application/json" id="seams-data">${data}</script>`,
      `<script>${EXPLORER_SCRIPT}</script>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  },
});
