import { defineReporter } from '../src/plugin/index.js';
import { toDiagram, type DiagramNode } from './shared/diagram.js';
import { escapeMermaid } from './shared/escape.js';
import type { ReportOptions } from './shared/options.js';

function printNode(node: DiagramNode): string {
  const label = node.label.map(escapeMermaid).join('<br/>');
  return node.shape === 'table' ? `${node.key}[("${label}")]` : `${node.key}["${label}"]`;
}

/**
 * A Mermaid flowchart: candidate services sized in their labels, arrows weighted by import
 * statements (stroke width) and dashed arrows for table accesses across candidates; with
 * `level: 'module'`, every module and table inside a subgraph per candidate. Labels are
 * entity-encoded, so names cannot break the syntax.
 */
export const mermaidReporter = defineReporter<ReportOptions>({
  id: 'mermaid',
  description: 'a Mermaid flowchart of the candidates and their coupling (module level with --level module)',
  mediaType: 'text/vnd.mermaid',
  render(result, options) {
    const diagram = toDiagram(result, options);
    const lines = ['flowchart LR'];
    const styles: string[] = [];
    for (const node of diagram.nodes) {
      lines.push(`  ${printNode(node)}`);
      styles.push(`  style ${node.key} fill:${node.fill},stroke:#334155,color:#0f172a`);
    }
    for (const group of diagram.groups) {
      lines.push(`  subgraph ${group.key} ["${escapeMermaid(group.label)}"]`);
      for (const node of group.nodes) lines.push(`    ${printNode(node)}`);
      lines.push('  end');
      styles.push(`  style ${group.key} fill:${group.fill},stroke:#334155,color:#0f172a`);
    }
    diagram.links.forEach((link, index) => {
      const arrow = link.dashed ? '-.->' : '-->';
      lines.push(`  ${link.from} ${arrow}${link.label ? `|${escapeMermaid(link.label)}|` : ''} ${link.to}`);
      styles.push(`  linkStyle ${index} stroke-width:${link.width}px`);
    });
    return `${[...lines, ...styles].join('\n')}\n`;
  },
});
