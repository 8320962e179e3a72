import fs from 'node:fs';
import type { BenchResults } from './run.js';

/** One line of the chart: a tool's median wall time at each size. */
export interface ChartSeries {
  label: string;
  points: { files: number; seconds: number }[];
}

const COLORS = ['#1b9e77', '#66a61e', '#d95f02', '#7570b3', '#e7298a', '#e6ab02'];
const WIDTH = 760;
const HEIGHT = 440;
const MARGIN = { left: 70, right: 210, top: 40, bottom: 56 };

/** Collects series from bench results: x = files analyzed (the generator's count, else seams' own), y = median seconds. */
export function toSeries(results: readonly BenchResults[]): ChartSeries[] {
  const byTool = new Map<string, ChartSeries>();
  for (const result of results) {
    for (const target of result.targets) {
      const files = target.target.files ?? target.tools.find((tool) => tool.tool === 'seams')?.modules;
      if (files === undefined) continue;
      for (const tool of target.tools) {
        if (tool.medianMs === undefined || tool.failed) continue;
        if (!byTool.has(tool.tool)) byTool.set(tool.tool, { label: SHORT_LABELS[tool.tool] ?? tool.label, points: [] });
        byTool.get(tool.tool)?.points.push({ files, seconds: tool.medianMs / 1000 });
      }
    }
  }
  for (const series of byTool.values()) series.points.sort((a, b) => a.files - b.files);
  return [...byTool.values()];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The 1-2-5 steps (…, 1, 2, 5, 10, 20, …) between `min` and `max`. */
function ticksBetween(min: number, max: number): number[] {
  const values: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent += 1) {
    for (const step of [1, 2, 5]) {
      const value = step * 10 ** exponent;
      if (value >= min && value <= max) values.push(value);
    }
  }
  return values;
}

/** Short legend names by tool id. */
const SHORT_LABELS: Record<string, string> = {
  seams: 'seams analyze (full)',
  'seams-imports': 'seams, imports only',
  madge: 'madge',
  depcruise: 'dependency-cruiser',
};

/**
 * An SVG line chart of wall time against files, both axes logarithmic (a straight line of slope 1
 * is linear growth; a dashed guide of slope 1 is drawn through seams' first point). No plotting
 * library: plain SVG text, deterministic for the same input.
 */
export function renderChart(series: readonly ChartSeries[], title: string): string {
  const points = series.flatMap((line) => line.points);
  if (points.length === 0) throw new Error('no points to chart: run npm run bench first');
  const [xMin, xMax] = [Math.log10(Math.min(...points.map((p) => p.files))) - 0.12, Math.log10(Math.max(...points.map((p) => p.files))) + 0.12];
  const [yMin, yMax] = [Math.log10(Math.min(...points.map((p) => p.seconds))) - 0.2, Math.log10(Math.max(...points.map((p) => p.seconds))) + 0.15];
  const xTicks = ticksBetween(10 ** xMin, 10 ** xMax);
  const yTicks = ticksBetween(10 ** yMin, 10 ** yMax);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (files: number) => MARGIN.left + ((Math.log10(files) - xMin) / (xMax - xMin || 1)) * plotWidth;
  const y = (seconds: number) => MARGIN.top + plotHeight - ((Math.log10(seconds) - yMin) / (yMax - yMin || 1)) * plotHeight;
  const f = (value: number) => value.toFixed(1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (const tick of xTicks) {
    parts.push(`<line x1="${f(x(tick))}" y1="${MARGIN.top}" x2="${f(x(tick))}" y2="${MARGIN.top + plotHeight}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${f(x(tick))}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${tick >= 1000 ? `${tick / 1000}k` : tick}</text>`);
  }
  for (const tick of yTicks) {
    parts.push(`<line x1="${MARGIN.left}" y1="${f(y(tick))}" x2="${MARGIN.left + plotWidth}" y2="${f(y(tick))}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${f(y(tick) + 4)}" text-anchor="end">${tick} s</text>`);
  }
  parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 14}" text-anchor="middle">source files analyzed (log scale)</text>`);
  parts.push(`<text transform="translate(18 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">median wall time (log scale)</text>`);
  const seams = series[0]?.points[0];
  if (seams) {
    const end = 10 ** xMax;
    const endSeconds = seams.seconds * (end / seams.files);
    parts.push(`<line x1="${f(x(seams.files))}" y1="${f(y(seams.seconds))}" x2="${f(x(end))}" y2="${f(y(endSeconds))}" stroke="#999" stroke-dasharray="4 4"/>`);
  }
  series.forEach((line, index) => {
    const color = COLORS[index % COLORS.length] as string;
    const path = line.points.map((point) => `${f(x(point.files))},${f(y(point.seconds))}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"/>`);
    for (const point of line.points) {
      parts.push(`<circle cx="${f(x(point.files))}" cy="${f(y(point.seconds))}" r="3.5" fill="${color}"/>`);
      parts.push(`<text x="${f(x(point.files) + 6)}" y="${f(y(point.seconds) - 6)}" font-size="10" fill="${color}">${point.seconds < 10 ? point.seconds.toFixed(1) : point.seconds.toFixed(0)}</text>`);
    }
    const legendY = MARGIN.top + 14 + index * 20;
    parts.push(`<line x1="${WIDTH - MARGIN.right + 14}" y1="${legendY - 4}" x2="${WIDTH - MARGIN.right + 34}" y2="${legendY - 4}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${WIDTH - MARGIN.right + 40}" y="${legendY}">${escapeXml(line.label)}</text>`);
  });
  const legendY = MARGIN.top + 14 + series.length * 20;
  parts.push(`<line x1="${WIDTH - MARGIN.right + 14}" y1="${legendY - 4}" x2="${WIDTH - MARGIN.right + 34}" y2="${legendY - 4}" stroke="#999" stroke-dasharray="4 4"/>`);
  parts.push(`<text x="${WIDTH - MARGIN.right + 40}" y="${legendY}">linear growth guide</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** `node dist/bench/chart.js <results.json> [more.json …] <out.svg>`: the chart of docs/benchmarks.md. */
function main(): void {
  const args = process.argv.slice(2);
  const out = args.pop();
  if (!out || args.length === 0) throw new Error('usage: chart <results.json> [more.json …] <out.svg>');
  const results = args.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults);
  fs.writeFileSync(out, renderChart(toSeries(results), 'seams vs madge vs dependency-cruiser: wall time against size'));
  process.stdout.write(`wrote ${out}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
