import { defineReporter } from '../src/plugin/index.js';
import { toDiagram, type DiagramNode } from './shared/diagram.js';
import { quoteDot } from './shared/escape.js';
import type { ReportOptions } from './shared/options.js';

function printNode(node: DiagramNode): string {
  const shape = node.shape === 'table' ? ', shape=cylinder' : '';
  return `${node.key} [label=${quoteDot(node.label.join('\n'))}, fillcolor=${quoteDot(node.fill)}${shape}];`;
}

/**
 * A Graphviz DOT digraph: candidate services with their size (and ease when scored) in the label
 * and fill colour by ease, arrows weighted by import statements (penwidth), dashed arrows for
 * table accesses across candidates; with `level: 'module'`, modules and tables in a subgraph
 * cluster per candidate. Every string is quoted and escaped.
 */
export const dotReporter = defineReporter<ReportOptions>({
  id: 'dot',
  description: 'a Graphviz DOT graph of the candidates and their coupling (module level with --level module)',
  mediaType: 'text/vnd.graphviz',
  render(result, options) {
    const diagram = toDiagram(result, options);
    const lines = [
      'digraph seams {',
      `  graph [rankdir=LR, fontname="Helvetica", labelloc=t, label=${quoteDot(`seams: ${diagram.title}`)}];`,
      '  node [shape=box, style="filled,rounded", fontname="Helvetica", color="#334155"];',
      '  edge [fontname="Helvetica", color="#475569"];',
    ];
    for (const node of diagram.nodes) lines.push(`  ${printNode(node)}`);
    diagram.groups.forEach((group, index) => {
      lines.push(`  subgraph cluster_${index} {`, `    label=${quoteDot(group.label)}; style="filled,rounded"; fillcolor=${quoteDot(group.fill)};`);
      for (const node of group.nodes) lines.push(`    ${printNode(node)}`);
      lines.push('  }');
    });
    for (const link of diagram.links) {
      const attributes = [`penwidth=${link.width}`, `weight=${link.weight}`];
      if (link.label) attributes.unshift(`label=${quoteDot(link.label)}`);
      if (link.dashed) attributes.push('style=dashed');
      lines.push(`  ${link.from} -> ${link.to} [${attributes.join(', ')}];`);
    }
    lines.push('}');
    return `${lines.join('\n')}\n`;
  },
});
