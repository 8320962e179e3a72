/// <reference lib="dom" />
import type { AnalysisResult, Cluster, Finding, Location } from '../../src/plugin/index.js';
import type { CompactEdge, PageData } from './page-data.js';

/**
 * The explorer's script. The HTML reporter inlines this function's source (`runExplorer.toString()`)
 * into the page, so it must not use anything from outside its own body: no imports at run time,
 * no module-level constants. It reads the page data from the `#seams-data` JSON element and
 * builds the page with DOM calls only: every string from the result goes through `textContent`
 * or a property/attribute setter, never through HTML parsing.
 *
 * Scale: the graph shows clusters only; modules appear on demand (the selected cluster's list,
 * paged), search results and table rows are capped and paged, so a 15,000-module result creates
 * a few thousand elements, not one per module.
 */
export function runExplorer(): void {
  type Child = Node | string | number | null | undefined | false;
  interface Column<T> {
    label: string;
    value: (row: T) => string | number;
    cell?: (row: T) => Child;
    numeric?: boolean;
  }
  interface EdgeView {
    from: number;
    to: number;
    kind: string;
    weight: number;
    locations: Location[];
    via?: string[];
  }
  interface LayoutNode {
    cluster: Cluster;
    index: number;
    x: number;
    y: number;
    r: number;
    dx: number;
    dy: number;
  }
  interface LayoutLink {
    a: number;
    b: number;
    imports: number;
    tableAccesses: number;
    kernel: boolean;
  }

  const PAGE = 100;
  const SEARCH_LIMIT = 50;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const KNOWN_RESULT_KEYS = ['schemaVersion', 'tool', 'root', 'options', 'stats', 'modules', 'tables', 'edges', 'clusters', 'transactions', 'entryPoints', 'events', 'findings', 'diagnostics'];
  const KNOWN_CLUSTER_KEYS = ['id', 'name', 'kind', 'modules', 'tables', 'coupling', 'score'];

  const dataElement = document.getElementById('seams-data');
  const data = JSON.parse(dataElement?.textContent ?? '{}') as PageData;
  const result = data.result as AnalysisResult & Record<string, unknown>;
  const clusters = result.clusters;
  const clusterById = new Map(clusters.map((cluster) => [cluster.id, cluster]));
  const colourOf = new Map(clusters.map((cluster, index) => [cluster.id, data.colours[index] ?? '#60a5fa']));
  const nodeIds = [...result.modules.map((module) => module.id), ...result.tables.map((table) => table.id), ...data.extraNodes];
  const moduleCount = result.modules.length;
  const moduleIndex = new Map(result.modules.map((module, index) => [module.id, index]));
  const tableById = new Map(result.tables.map((table) => [table.id, table]));
  const clusterOfModule = new Map(result.modules.map((module) => [module.id, module.cluster]));

  // ---------- small DOM helpers (text only, never HTML) ----------
  function h(tag: string, props: Record<string, string | ((event: Event) => void)> = {}, ...children: Child[]): HTMLElement {
    const element = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (typeof value === 'function') element.addEventListener(key, value);
      else if (key === 'class') element.className = value;
      else element.setAttribute(key, value);
    }
    append(element, children);
    return element;
  }
  function append(parent: Node, children: Child[]): void {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
    }
  }
  function svg(tag: string, attributes: Record<string, string | number> = {}): SVGElement {
    const element = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    return element;
  }
  function clear(element: Element): void {
    while (element.firstChild) element.removeChild(element.firstChild);
  }
  function formatNumber(value: number): string {
    return String(Math.round(value * 100) / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  function display(value: string | number): string {
    return typeof value === 'number' ? formatNumber(value) : value;
  }
  function encodePath(file: string): string {
    return file
      .split('/')
      .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`))
      .join('/');
  }
  function locationElement(location: Location, lineOnly = false): HTMLElement {
    const label = lineOnly ? `line ${location.line}` : `${location.file}:${location.line}`;
    const anchor = h('a', { class: 'loc', target: '_blank', rel: 'noopener noreferrer' }, label) as HTMLAnchorElement;
    anchor.href = `${data.linkBase}${encodePath(location.file)}#L${location.line}`;
    return anchor;
  }
  function locationsElement(locations: readonly Location[], shown = 10, sameFile?: string): HTMLElement {
    const wrapper = h('span');
    locations.slice(0, shown).forEach((location, index) => append(wrapper, [index ? ', ' : '', locationElement(location, location.file === sameFile)]));
    if (locations.length > shown) append(wrapper, [` and ${locations.length - shown} more`]);
    return wrapper;
  }
  function clusterLink(id: string): HTMLElement {
    const cluster = clusterById.get(id);
    return h('span', { class: 'linkish', click: () => selectCluster(id) }, cluster ? cluster.name : id);
  }
  function joinElements(items: HTMLElement[], empty = 'none', limit = 15): HTMLElement {
    const wrapper = h('span');
    if (items.length === 0) append(wrapper, [h('span', { class: 'empty' }, empty)]);
    items.slice(0, limit).forEach((item, index) => append(wrapper, [index ? ', ' : '', item]));
    if (items.length > limit) append(wrapper, [h('span', { class: 'muted' }, ` and ${items.length - limit} more`)]);
    return wrapper;
  }
  function pathText(text: string): DocumentFragment {
    const fragment = document.createDocumentFragment();
    text.split('/').forEach((segment, index, all) => {
      fragment.appendChild(document.createTextNode(index < all.length - 1 ? `${segment}/` : segment));
      if (index < all.length - 1) fragment.appendChild(document.createElement('wbr'));
    });
    return fragment;
  }
  function easeBadge(cluster: Cluster): HTMLElement | null {
    if (!cluster.score) return null;
    const badge = h('span', { class: 'badge', title: 'extraction ease 0–100 (higher: easier to extract)' }, `ease ${Math.round(cluster.score.ease)}`);
    badge.style.background = colourOf.get(cluster.id) ?? '';
    return badge;
  }
  function jsonBlock(value: unknown): HTMLElement {
    const text = JSON.stringify(value, null, 2) ?? '';
    return h('pre', {}, text.length > 200000 ? `${text.slice(0, 200000)}\n…` : text);
  }

  /** A sortable table that renders PAGE rows at a time. */
  function sortableTable<T>(columns: Column<T>[], rows: readonly T[], options: { onClick?: (row: T) => void; sortBy?: number; descending?: boolean } = {}): HTMLElement {
    const wrapper = h('div');
    let sortColumn = options.sortBy ?? -1;
    let descending = options.descending ?? false;
    let shown = PAGE;
    const render = (): void => {
      clear(wrapper);
      const sorted = [...rows];
      const column = columns[sortColumn];
      if (column) {
        sorted.sort((a, b) => {
          const x = column.value(a);
          const y = column.value(b);
          const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return descending ? -order : order;
        });
      }
      const head = h('tr');
      columns.forEach((item, index) => {
        const th = h('th', { class: item.numeric ? 'num' : '', click: () => {
          descending = sortColumn === index ? !descending : Boolean(item.numeric);
          sortColumn = index;
          render();
        } }, item.label);
        if (index === sortColumn) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        head.appendChild(th);
      });
      const body = h('tbody');
      for (const row of sorted.slice(0, shown)) {
        const tr = h('tr', options.onClick ? { class: 'clickable', click: () => options.onClick?.(row) } : {});
        for (const item of columns) tr.appendChild(h('td', { class: item.numeric ? 'num' : '' }, item.cell ? item.cell(row) : display(item.value(row))));
        body.appendChild(tr);
      }
      wrapper.appendChild(h('table', {}, h('thead', {}, head), body));
      if (sorted.length > shown) {
        wrapper.appendChild(h('div', { class: 'more' }, h('button', { click: () => { shown += PAGE * 5; render(); } }, `Show more (${formatNumber(sorted.length - shown)} not shown)`)));
      }
    };
    render();
    return wrapper;
  }

  // ---------- derived views, built on first use ----------
  let edgeViews: EdgeView[] | undefined;
  let outgoing: Map<number, number[]> | undefined;
  let incoming: Map<number, number[]> | undefined;
  function edges(): EdgeView[] {
    if (!edgeViews) {
      edgeViews = data.edges.map((edge: CompactEdge) => {
        const from = nodeIds[edge[0]] ?? '';
        return {
          from: edge[0],
          to: edge[1],
          kind: data.edgeKinds[edge[2]] ?? 'import',
          weight: edge[3],
          locations: edge[4].map((location) => (typeof location === 'number' ? { file: from, line: location } : { file: location[0], line: location[1] })),
          via: edge[5]?.via,
        };
      });
      outgoing = new Map();
      incoming = new Map();
      edgeViews.forEach((edge, index) => {
        const out = outgoing?.get(edge.from) ?? [];
        out.push(index);
        outgoing?.set(edge.from, out);
        const into = incoming?.get(edge.to) ?? [];
        into.push(index);
        incoming?.set(edge.to, into);
      });
    }
    return edgeViews;
  }
  function edgesOf(node: number, direction: 'out' | 'in'): EdgeView[] {
    const all = edges();
    return ((direction === 'out' ? outgoing : incoming)?.get(node) ?? []).map((index) => all[index] as EdgeView);
  }
  const locOf = new Map(clusters.map((cluster) => [cluster.id, cluster.modules.reduce((total, id) => total + (result.modules[moduleIndex.get(id) ?? -1]?.loc ?? 0), 0)]));
  const findingsOfCluster = new Map<string, Finding[]>();
  const clustersOfFinding = new Map<Finding, string[]>();
  for (const finding of result.findings) {
    const owners = new Set<string>();
    for (const location of [...finding.locations, ...finding.evidence.flatMap((evidence) => evidence.locations)]) {
      const owner = clusterOfModule.get(location.file);
      if (owner !== undefined) owners.add(owner);
    }
    clustersOfFinding.set(finding, [...owners].sort());
    for (const owner of owners) findingsOfCluster.set(owner, [...(findingsOfCluster.get(owner) ?? []), finding]);
  }

  // ---------- header ----------
  const header = document.getElementById('header') as HTMLElement;
  const domains = clusters.filter((cluster) => cluster.kind === 'domain').length;
  const warnings = result.findings.filter((finding) => finding.severity !== 'info').length;
  const chip = (value: number | string, label: string, warn = false): HTMLElement => h('span', { class: warn ? 'chip warn' : 'chip' }, h('b', {}, typeof value === 'number' ? formatNumber(value) : value), ` ${label}`);
  const search = h('input', { id: 'search', type: 'search', placeholder: 'Search modules, tables, candidates…', 'aria-label': 'Search modules, tables and candidates' }) as HTMLInputElement;
  append(header, [
    h('h1', {}, 'seams ', h('span', {}, result.root)),
    h('div', { class: 'chips' },
      chip(result.modules.length, 'modules'),
      chip(result.tables.length, 'tables'),
      chip(domains, domains === 1 ? 'candidate' : 'candidates'),
      chip(result.findings.length, `findings${warnings ? ` (${warnings} warnings)` : ''}`, warnings > 0),
      chip(result.diagnostics.length, 'diagnostics'),
      chip(result.tool.version, 'seams')),
    search,
  ]);

  // ---------- graph ----------
  const graph = document.getElementById('graph') as HTMLElement;
  const panel = document.getElementById('panel') as HTMLElement;
  const maxModules = Math.max(1, ...clusters.map((cluster) => cluster.modules.length));
  const layoutNodes: LayoutNode[] = clusters.map((cluster, index) => {
    const angle = index * 2.399963;
    const distance = 40 * Math.sqrt(index + 1);
    return { cluster, index, x: Math.cos(angle) * distance, y: Math.sin(angle) * distance, r: 7 + 30 * Math.sqrt(cluster.modules.length / maxModules), dx: 0, dy: 0 };
  });
  const indexOfCluster = new Map(clusters.map((cluster, index) => [cluster.id, index]));
  const linkByPair = new Map<string, LayoutLink>();
  const pairOf = (x: string, y: string): LayoutLink | undefined => {
    const a = indexOfCluster.get(x);
    const b = indexOfCluster.get(y);
    if (a === undefined || b === undefined || a === b) return undefined;
    const key = a < b ? `${a} ${b}` : `${b} ${a}`;
    let link = linkByPair.get(key);
    if (!link) {
      link = { a: Math.min(a, b), b: Math.max(a, b), imports: 0, tableAccesses: 0, kernel: clusters[a]?.kind === 'shared' || clusters[b]?.kind === 'shared' };
      linkByPair.set(key, link);
    }
    return link;
  };
  for (const directed of data.links) {
    const link = pairOf(directed.from, directed.to);
    if (link) { link.imports += directed.imports; link.tableAccesses += directed.tableAccesses; }
  }
  const allLinks = [...linkByPair.values()].filter((link) => link.imports + link.tableAccesses > 0);
  const layoutLinks = strongestLinks(allLinks);
  /** Large graphs draw each cluster's strongest links (and the strongest overall), not all of them: a dense 300-cluster graph has tens of thousands. */
  function strongestLinks(links: LayoutLink[]): LayoutLink[] {
    if (links.length <= 600) return links;
    const weightOf = (link: LayoutLink): number => link.imports + link.tableAccesses;
    const sorted = [...links].sort((x, y) => weightOf(y) - weightOf(x));
    const kept = new Set(sorted.slice(0, 300));
    const perCluster = new Map<number, number>();
    for (const link of sorted) {
      const a = perCluster.get(link.a) ?? 0;
      const b = perCluster.get(link.b) ?? 0;
      if (a < 4 || b < 4) kept.add(link);
      perCluster.set(link.a, a + 1);
      perCluster.set(link.b, b + 1);
    }
    return sorted.filter((link) => kept.has(link)).slice(0, 1500);
  }
  const maxLink = Math.max(1, ...layoutLinks.map((link) => link.imports + link.tableAccesses));

  (function layout(): void {
    const count = layoutNodes.length;
    if (count < 2) return;
    const ideal = 110;
    const iterations = count > 400 ? 120 : 300;
    let temperature = 60;
    for (let step = 0; step < iterations; step++) {
      for (const node of layoutNodes) { node.dx = 0; node.dy = 0; }
      for (let i = 0; i < count; i++) {
        const a = layoutNodes[i] as LayoutNode;
        for (let j = i + 1; j < count; j++) {
          const b = layoutNodes[j] as LayoutNode;
          let dx = a.x - b.x;
          let dy = a.y - b.y;
          let distance = Math.hypot(dx, dy);
          if (distance < 0.01) { dx = 0.01 * (i - j); dy = 0.01; distance = Math.hypot(dx, dy); }
          const gap = Math.max(1, distance - a.r - b.r);
          const force = (ideal * ideal) / gap;
          a.dx += (dx / distance) * force; a.dy += (dy / distance) * force;
          b.dx -= (dx / distance) * force; b.dy -= (dy / distance) * force;
        }
      }
      for (const link of layoutLinks) {
        const a = layoutNodes[link.a] as LayoutNode;
        const b = layoutNodes[link.b] as LayoutNode;
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const distance = Math.max(0.01, Math.hypot(dx, dy));
        const strength = (link.kernel ? 0.3 : 1) * (0.4 + Math.sqrt((link.imports + link.tableAccesses) / maxLink));
        const force = ((distance * distance) / ideal) * strength;
        a.dx -= (dx / distance) * force; a.dy -= (dy / distance) * force;
        b.dx += (dx / distance) * force; b.dy += (dy / distance) * force;
      }
      for (const node of layoutNodes) {
        node.dx -= node.x * 1.5;
        node.dy -= node.y * 1.5;
        const length = Math.max(0.01, Math.hypot(node.dx, node.dy));
        node.x += (node.dx / length) * Math.min(length, temperature);
        node.y += (node.dy / length) * Math.min(length, temperature);
      }
      separate();
      temperature = Math.max(1, temperature * 0.985);
    }
    for (let pass = 0; pass < 20; pass++) separate();
    function separate(): void {
      for (let i = 0; i < count; i++) {
        const a = layoutNodes[i] as LayoutNode;
        for (let j = i + 1; j < count; j++) {
          const b = layoutNodes[j] as LayoutNode;
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const distance = Math.max(0.01, Math.hypot(dx, dy));
          const minimum = a.r + b.r + 26;
          if (distance >= minimum) continue;
          const push = (minimum - distance) / 2;
          a.x -= (dx / distance) * push; a.y -= (dy / distance) * push;
          b.x += (dx / distance) * push; b.y += (dy / distance) * push;
        }
      }
    }
  })();

  const bounds = layoutNodes.reduce((box, node) => ({
    minX: Math.min(box.minX, node.x - node.r - 60), maxX: Math.max(box.maxX, node.x + node.r + 60),
    minY: Math.min(box.minY, node.y - node.r - 50), maxY: Math.max(box.maxY, node.y + node.r + 70),
  }), { minX: -100, maxX: 100, minY: -100, maxY: 100 });
  const root = svg('svg', { role: 'img', 'aria-label': 'Candidate services and their coupling' }) as SVGSVGElement;
  const viewport = svg('g');
  root.appendChild(viewport);
  let view = { x: bounds.minX, y: bounds.minY, width: bounds.maxX - bounds.minX, height: bounds.maxY - bounds.minY };
  const fitView = { ...view };
  const applyView = (): void => root.setAttribute('viewBox', `${view.x} ${view.y} ${view.width} ${view.height}`);
  applyView();
  const linkElements: { link: LayoutLink; element: SVGElement }[] = [];
  const linkLayer = svg('g');
  const nodeLayer = svg('g');
  viewport.append(linkLayer, nodeLayer);
  for (const link of [...layoutLinks].sort((x, y) => x.imports + x.tableAccesses - (y.imports + y.tableAccesses))) {
    const a = layoutNodes[link.a] as LayoutNode;
    const b = layoutNodes[link.b] as LayoutNode;
    const weight = link.imports + link.tableAccesses;
    const line = svg('line', { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), 'stroke-width': (1 + 9 * Math.sqrt(weight / maxLink)).toFixed(2) });
    line.setAttribute('class', `link${link.imports === 0 ? ' table' : ''}${link.kernel ? ' kernel' : ''}`);
    const title = svg('title');
    title.textContent = `${a.cluster.name} – ${b.cluster.name}: ${link.imports} import statements${link.tableAccesses ? `, ${link.tableAccesses} table accesses across` : ''}`;
    line.appendChild(title);
    linkLayer.appendChild(line);
    linkElements.push({ link, element: line });
  }
  const labelled = new Set([...layoutNodes].sort((x, y) => y.cluster.modules.length - x.cluster.modules.length).slice(0, 60).map((node) => node.index));
  const nodeElements = new Map<string, SVGElement>();
  for (const node of layoutNodes) {
    const group = svg('g', { transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})` });
    group.setAttribute('class', `node${node.cluster.kind === 'shared' ? ' shared' : ''}`);
    group.setAttribute('data-cluster', node.cluster.id);
    const hitArea = svg('circle', { r: (Math.max(node.r, 12) + 6).toFixed(1), fill: 'transparent', class: 'hit' });
    const circle = svg('circle', { r: node.r.toFixed(1), fill: colourOf.get(node.cluster.id) ?? '#60a5fa' });
    const title = svg('title');
    const ease = node.cluster.score ? `, ease ${Math.round(node.cluster.score.ease)}` : '';
    title.textContent = `${node.cluster.name}${node.cluster.kind === 'shared' ? ' (shared kernel)' : ''}: ${node.cluster.modules.length} modules, ${node.cluster.tables.length} tables${ease}`;
    group.append(hitArea, circle, title);
    if (node.r > 14) {
      const count = svg('text', { 'text-anchor': 'middle', dy: '0.35em', class: 'count' });
      count.textContent = String(node.cluster.modules.length);
      group.appendChild(count);
    }
    if (labelled.has(node.index)) {
      const label = svg('text', { 'text-anchor': 'middle', y: (node.r + 14).toFixed(1) });
      label.textContent = node.cluster.name.length > 28 ? `${node.cluster.name.slice(0, 27)}…` : node.cluster.name;
      group.appendChild(label);
    }
    group.addEventListener('click', (event) => { event.stopPropagation(); selectCluster(node.cluster.id); });
    group.addEventListener('mouseenter', () => highlight(node.index));
    group.addEventListener('mouseleave', () => highlight(undefined));
    nodeLayer.appendChild(group);
    nodeElements.set(node.cluster.id, group);
  }
  function highlight(index: number | undefined): void {
    root.classList.toggle('dim', index !== undefined);
    const near = new Set(index === undefined ? [] : [index]);
    for (const { link, element } of linkElements) {
      const touches = link.a === index || link.b === index;
      element.classList.toggle('near', touches);
      if (touches) { near.add(link.a); near.add(link.b); }
    }
    for (const node of layoutNodes) nodeElements.get(node.cluster.id)?.classList.toggle('near', near.has(node.index));
  }
  // zoom and pan
  let drag: { x: number; y: number; view: typeof view } | undefined;
  root.addEventListener('wheel', (event) => {
    event.preventDefault();
    const box = root.getBoundingClientRect();
    const scale = Math.exp(event.deltaY * 0.0015);
    const px = view.x + ((event.clientX - box.left) / box.width) * view.width;
    const py = view.y + ((event.clientY - box.top) / box.height) * view.height;
    view = { x: px - (px - view.x) * scale, y: py - (py - view.y) * scale, width: view.width * scale, height: view.height * scale };
    applyView();
  }, { passive: false });
  root.addEventListener('pointerdown', (event) => { drag = { x: event.clientX, y: event.clientY, view: { ...view } }; root.classList.add('dragging'); });
  window.addEventListener('pointerup', () => { drag = undefined; root.classList.remove('dragging'); });
  window.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const box = root.getBoundingClientRect();
    const ratio = Math.max(view.width / box.width, view.height / box.height);
    view = { ...view, x: drag.view.x - (event.clientX - drag.x) * ratio, y: drag.view.y - (event.clientY - drag.y) * ratio };
    applyView();
  });
  const hasScores = clusters.some((cluster) => cluster.score !== undefined);
  append(graph, [
    root,
    h('div', { class: 'toolbar' },
      h('button', { click: () => { view = { ...fitView }; applyView(); } }, 'Fit'),
      h('span', { class: 'muted' }, `${clusters.length} clusters${layoutLinks.length < allLinks.length ? ` · strongest ${layoutLinks.length} of ${allLinks.length} links drawn` : ''} · scroll to zoom · drag to pan · click a cluster`)),
    h('div', { class: 'legend' },
      'size: modules · width: import statements (dashed: table accesses only) · colour: ',
      hasScores ? h('span', {}, 'ease', h('span', { class: 'scale' }), '(hard → easy)') : h('span', {}, 'no scores in this result'),
      ' · dashed outline: shared kernel'),
  ]);

  // ---------- detail panel ----------
  let selected: string | undefined;
  function showPanel(...children: Child[]): void {
    clear(panel);
    append(panel, children);
    panel.scrollTop = 0;
  }
  function selectCluster(id: string): void {
    const cluster = clusterById.get(id);
    if (!cluster) return;
    if (selected) nodeElements.get(selected)?.classList.remove('selected');
    selected = id;
    nodeElements.get(id)?.classList.add('selected');
    showPanel(...clusterDetail(cluster));
  }
  function clusterDetail(cluster: Cluster): Child[] {
    const score = cluster.score;
    const parts: Child[] = [
      h('h2', {}, cluster.name, ' ', easeBadge(cluster)),
      h('div', { class: 'muted' }, `${cluster.kind === 'shared' ? 'shared kernel' : 'candidate service'} · ${formatNumber(cluster.modules.length)} modules · ${formatNumber(locOf.get(cluster.id) ?? 0)} lines · ${cluster.tables.length} tables`),
    ];
    if (score && score.factors.length) {
      parts.push(h('h3', {}, 'Score factors'));
      for (const factor of score.factors) {
        const evidence = h('ul', { class: 'plain' });
        for (const item of factor.evidence.slice(0, 50)) evidence.appendChild(h('li', {}, item.description, item.locations.length ? ' ' : '', item.locations.length ? locationsElement(item.locations, 5) : null));
        if (factor.evidence.length > 50) evidence.appendChild(h('li', { class: 'muted' }, `and ${factor.evidence.length - 50} more`));
        parts.push(h('div', { class: 'factor' }, h('b', {}, factor.name), ` ${formatNumber(factor.value)}`,
          factor.evidence.length ? h('details', {}, h('summary', {}, `evidence (${factor.evidence.length})`), evidence) : null));
      }
    }
    const byCount = (direction: 'outgoing' | 'incoming') => cluster.coupling.filter((c) => c[direction] > 0).sort((a, b) => b[direction] - a[direction]);
    parts.push(h('h3', {}, 'Coupling (import statements)'),
      h('div', {}, 'imports from: ', joinElements(byCount('outgoing').map((c) => h('span', {}, clusterLink(c.cluster), ` ${c.outgoing}`)))),
      h('div', {}, 'imported by: ', joinElements(byCount('incoming').map((c) => h('span', {}, clusterLink(c.cluster), ` ${c.incoming}`)))));
    if (cluster.tables.length) {
      parts.push(h('h3', {}, `Tables (${cluster.tables.length})`), sortableTable([
        { label: 'table', value: (table) => table.id, cell: (table) => h('span', { class: 'linkish path', click: () => showTable(table.id) }, pathText(table.id)) },
        { label: 'written by', value: (table) => table.writers.join(', '), cell: (table) => joinElements(table.writers.map(clusterLink), '—') },
        { label: 'read by', value: (table) => table.readers.join(', '), cell: (table) => joinElements(table.readers.map(clusterLink), '—') },
      ], cluster.tables.map((id) => tableById.get(id)).filter((table) => table !== undefined)));
    }
    const api = apiSurface(cluster);
    if (api.entryPoints.length || api.modules.length) {
      parts.push(h('h3', {}, 'API surface'));
      if (api.entryPoints.length) {
        parts.push(sortableTable([
          { label: 'entry point', value: (entry) => entry.name },
          { label: 'kind', value: (entry) => entry.kind },
          { label: 'where', value: (entry) => `${entry.location.file}:${entry.location.line}`, cell: (entry) => locationElement(entry.location) },
        ], api.entryPoints));
      }
      if (api.modules.length) {
        parts.push(h('div', { class: 'muted' }, 'Modules other clusters import (the de-facto API):'), sortableTable([
          { label: 'module', value: (row) => row.id, cell: (row) => h('span', { class: 'linkish path', click: () => showModule(row.id) }, pathText(row.id)) },
          { label: 'importing clusters', value: (row) => row.clusters.length, numeric: true, cell: (row) => joinElements(row.clusters.slice(0, 6).map(clusterLink)) },
          { label: 'imports', value: (row) => row.count, numeric: true },
        ], api.modules, { sortBy: 2, descending: true }));
      }
    }
    const findings = findingsOfCluster.get(cluster.id) ?? [];
    if (findings.length) parts.push(h('h3', {}, `Findings (${findings.length})`), findingsTable(findings));
    const transactions = result.transactions.filter((transaction) => transaction.clusters.includes(cluster.id) && transaction.clusters.length > 1);
    if (transactions.length) {
      parts.push(h('h3', {}, `Transactions spanning clusters (${transactions.length})`), transactionsTable(transactions));
    }
    parts.push(h('h3', {}, `Modules (${formatNumber(cluster.modules.length)})`));
    const filter = h('input', { class: 'filter', type: 'search', placeholder: 'Filter modules…', 'aria-label': 'Filter modules' }) as HTMLInputElement;
    const list = h('div');
    const moduleRows = cluster.modules.map((id) => ({ id, loc: result.modules[moduleIndex.get(id) ?? -1]?.loc ?? 0, index: moduleIndex.get(id) ?? -1 }));
    const renderModules = (): void => {
      clear(list);
      const needle = filter.value.trim().toLowerCase();
      const rows = needle ? moduleRows.filter((row) => row.id.toLowerCase().includes(needle)) : moduleRows;
      list.appendChild(sortableTable([
        { label: 'module', value: (row) => row.id, cell: (row) => h('span', { class: 'linkish path', click: () => showModule(row.id) }, pathText(row.id)) },
        { label: 'lines', value: (row) => row.loc, numeric: true },
      ], rows, { sortBy: 0 }));
    };
    filter.addEventListener('input', renderModules);
    renderModules();
    parts.push(filter, list);
    const extra = Object.keys(cluster).filter((key) => !KNOWN_CLUSTER_KEYS.includes(key));
    for (const key of extra) parts.push(h('h3', {}, key), jsonBlock((cluster as unknown as Record<string, unknown>)[key]));
    return parts;
  }
  function apiSurface(cluster: Cluster): { entryPoints: AnalysisResult['entryPoints']; modules: { id: string; clusters: string[]; count: number }[] } {
    const members = new Set(cluster.modules);
    const entryPoints = result.entryPoints.filter((entry) => members.has(entry.location.file));
    const modules: { id: string; clusters: string[]; count: number }[] = [];
    for (const id of cluster.modules) {
      const index = moduleIndex.get(id);
      if (index === undefined) continue;
      const importers = new Set<string>();
      let count = 0;
      for (const edge of edgesOf(index, 'in')) {
        if (!edge.kind.includes('import')) continue;
        const owner = clusterOfModule.get(nodeIds[edge.from] ?? '');
        if (owner !== undefined && owner !== cluster.id) { importers.add(owner); count += Math.max(1, edge.locations.length); }
      }
      if (count) modules.push({ id, clusters: [...importers].sort(), count });
    }
    return { entryPoints, modules };
  }
  function backLink(): HTMLElement | null {
    return selected ? h('div', {}, h('span', { class: 'linkish', click: () => selected && selectCluster(selected) }, '← back to cluster')) : null;
  }
  function edgeTable(rows: EdgeView[], direction: 'out' | 'in'): HTMLElement {
    return sortableTable([
      { label: direction === 'out' ? 'to' : 'from', value: (edge) => nodeIds[direction === 'out' ? edge.to : edge.from] ?? '', cell: (edge) => {
        const index = direction === 'out' ? edge.to : edge.from;
        const id = nodeIds[index] ?? '';
        return h('span', { class: 'linkish path', click: () => (index < moduleCount ? showModule(id) : showTable(id)) }, pathText(id));
      } },
      { label: 'cluster', value: (edge) => clusterOfNode(direction === 'out' ? edge.to : edge.from), cell: (edge) => clusterLink(clusterOfNode(direction === 'out' ? edge.to : edge.from)) },
      { label: 'kind', value: (edge) => edge.kind },
      { label: 'where', value: (edge) => edge.locations.length, cell: (edge) => locationsElement(edge.locations, 3, nodeIds[edge.from]) },
    ], rows, { sortBy: 1 });
  }
  function clusterOfNode(index: number): string {
    const id = nodeIds[index] ?? '';
    return index < moduleCount ? clusterOfModule.get(id) ?? '' : tableById.get(id)?.cluster ?? '';
  }
  function showModule(id: string): void {
    const index = moduleIndex.get(id);
    if (index === undefined) return;
    const module = result.modules[index];
    if (module && module.cluster !== selected) {
      if (selected) nodeElements.get(selected)?.classList.remove('selected');
      selected = module.cluster;
      nodeElements.get(selected)?.classList.add('selected');
    }
    const out = edgesOf(index, 'out');
    const into = edgesOf(index, 'in');
    const findings = result.findings.filter((finding) => finding.locations.some((location) => location.file === id));
    showPanel(
      backLink(),
      h('h2', { class: 'path' }, id),
      h('div', { class: 'muted' }, 'module in ', clusterLink(module?.cluster ?? ''), ` · ${formatNumber(module?.loc ?? 0)} lines`),
      h('h3', {}, `Uses (${out.length})`), out.length ? edgeTable(out, 'out') : h('div', { class: 'empty' }, 'nothing'),
      h('h3', {}, `Used by (${into.length})`), into.length ? edgeTable(into, 'in') : h('div', { class: 'empty' }, 'nothing'),
      findings.length ? h('h3', {}, `Findings (${findings.length})`) : null,
      findings.length ? findingsTable(findings) : null,
    );
  }
  function showTable(id: string): void {
    const table = tableById.get(id);
    const index = nodeIds.indexOf(id, moduleCount);
    if (!table || index < 0) return;
    const into = edgesOf(index, 'in');
    const out = edgesOf(index, 'out');
    showPanel(
      backLink(),
      h('h2', { class: 'path' }, id),
      h('div', { class: 'muted' }, 'table owned by ', clusterLink(table.cluster), table.declared ? ' · declared' : ' · not declared in a schema'),
      h('div', {}, 'written by: ', joinElements(table.writers.map(clusterLink))),
      h('div', {}, 'read by: ', joinElements(table.readers.map(clusterLink))),
      h('h3', {}, `Accesses (${into.length})`), into.length ? edgeTable(into, 'in') : h('div', { class: 'empty' }, 'none'),
      out.length ? h('h3', {}, `References (${out.length})`) : null,
      out.length ? edgeTable(out, 'out') : null,
    );
  }
  function findingsTable(findings: readonly Finding[]): HTMLElement {
    const rank = { error: 0, warning: 1, info: 2 };
    return sortableTable([
      { label: 'severity', value: (finding) => rank[finding.severity], cell: (finding) => h('span', { class: `sev-${finding.severity}` }, finding.severity) },
      { label: 'kind', value: (finding) => finding.kind },
      { label: 'message', value: (finding) => finding.message },
      { label: 'clusters', value: (finding) => (clustersOfFinding.get(finding) ?? []).join(', '), cell: (finding) => joinElements((clustersOfFinding.get(finding) ?? []).map(clusterLink), '—') },
      { label: 'where', value: (finding) => finding.locations.length, cell: (finding) => locationsElement(finding.locations, 3) },
    ], findings, { sortBy: 0 });
  }
  function transactionsTable(transactions: AnalysisResult['transactions']): HTMLElement {
    return sortableTable([
      { label: 'transaction', value: (transaction) => transaction.id, cell: (transaction) => locationElement(transaction.location) },
      { label: 'via', value: (transaction) => `${transaction.via} (${transaction.style})` },
      { label: 'clusters', value: (transaction) => transaction.clusters.length, numeric: true, cell: (transaction) => joinElements(transaction.clusters.map(clusterLink)) },
      { label: 'tables', value: (transaction) => transaction.tables.map((table) => `${table.table} (${table.mode})`).join(', ') },
    ], transactions, { sortBy: 2, descending: true });
  }
  function overview(): Child[] {
    const stats = result.stats;
    return [
      h('h2', {}, 'Overview'),
      h('p', { class: 'muted' }, 'Click a cluster in the graph or a row below, or search for a module or table.'),
      h('ul', { class: 'plain' },
        h('li', {}, `${formatNumber(stats.files)} files analyzed (${formatNumber(stats.skippedFiles)} skipped)`),
        h('li', {}, `imports: ${formatNumber(stats.imports.internal)} internal, ${formatNumber(stats.imports.external)} external, ${formatNumber(stats.imports.unresolved)} unresolved`),
        h('li', {}, `tables: ${formatNumber(stats.tables.total)} (${formatNumber(stats.tables.declared)} declared, ${formatNumber(stats.tables.untouched)} untouched), ${formatNumber(stats.tables.accesses)} accesses`),
        h('li', {}, `options: resolution ${result.options.resolution}, seed ${result.options.seed}`)),
    ];
  }

  // ---------- search ----------
  let searchTimer: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(runSearch, 120);
  });
  function runSearch(): void {
    const needle = search.value.trim().toLowerCase();
    if (!needle) { if (selected) selectCluster(selected); else showPanel(...overview()); return; }
    const matchingClusters = clusters.filter((cluster) => cluster.name.toLowerCase().includes(needle) || cluster.id.toLowerCase().includes(needle));
    const modules = result.modules.filter((module) => module.id.toLowerCase().includes(needle));
    const tables = result.tables.filter((table) => table.id.toLowerCase().includes(needle));
    const section = <T>(title: string, items: readonly T[], render: (item: T) => HTMLElement): Child[] => {
      if (!items.length) return [];
      const list = h('ul', { class: 'plain' });
      for (const item of items.slice(0, SEARCH_LIMIT)) list.appendChild(h('li', {}, render(item)));
      return [h('h3', {}, `${title} (${formatNumber(items.length)}${items.length > SEARCH_LIMIT ? `, first ${SEARCH_LIMIT} shown` : ''})`), list];
    };
    showPanel(
      h('h2', {}, 'Search'),
      h('div', { class: 'muted' }, `“${search.value.trim()}”`),
      ...section('Clusters', matchingClusters, (cluster) => clusterLink(cluster.id)),
      ...section('Modules', modules, (module) => h('span', {}, h('span', { class: 'linkish path', click: () => showModule(module.id) }, pathText(module.id)), ' ', h('span', { class: 'muted' }, `in ${clusterById.get(module.cluster)?.name ?? module.cluster}`))),
      ...section('Tables', tables, (table) => h('span', {}, h('span', { class: 'linkish path', click: () => showTable(table.id) }, pathText(table.id)), ' ', h('span', { class: 'muted' }, `owned by ${clusterById.get(table.cluster)?.name ?? table.cluster}`))),
      matchingClusters.length + modules.length + tables.length ? null : h('div', { class: 'empty' }, 'Nothing matches.'),
    );
  }

  // ---------- tabs ----------
  const tabs = document.getElementById('tabs') as HTMLElement;
  const tabDefinitions: { label: string; count: number; render: () => Child }[] = [
    { label: 'Candidates', count: clusters.length, render: () => sortableTable([
      { label: 'cluster', value: (cluster) => cluster.name, cell: (cluster) => clusterLink(cluster.id) },
      { label: 'kind', value: (cluster) => cluster.kind },
      ...(hasScores ? [{ label: 'ease', value: (cluster: Cluster) => cluster.score?.ease ?? -1, numeric: true, cell: (cluster: Cluster) => (cluster.score ? String(Math.round(cluster.score.ease)) : '') }] : []),
      { label: 'modules', value: (cluster) => cluster.modules.length, numeric: true },
      { label: 'lines', value: (cluster) => locOf.get(cluster.id) ?? 0, numeric: true },
      { label: 'tables', value: (cluster) => cluster.tables.length, numeric: true },
      { label: 'imports out', value: (cluster) => cluster.coupling.reduce((total, c) => total + c.outgoing, 0), numeric: true },
      { label: 'imports in', value: (cluster) => cluster.coupling.reduce((total, c) => total + c.incoming, 0), numeric: true },
      { label: 'findings', value: (cluster) => findingsOfCluster.get(cluster.id)?.length ?? 0, numeric: true },
    ], clusters, { onClick: (cluster) => selectCluster(cluster.id), sortBy: hasScores ? 2 : 2, descending: true }) },
    { label: 'Findings', count: result.findings.length, render: () => findingsTable(result.findings) },
    { label: 'Tables', count: result.tables.length, render: () => sortableTable([
      { label: 'table', value: (table) => table.id, cell: (table) => h('span', { class: 'linkish path', click: () => showTable(table.id) }, pathText(table.id)) },
      { label: 'owner', value: (table) => table.cluster, cell: (table) => clusterLink(table.cluster) },
      { label: 'declared', value: (table) => (table.declared ? 'yes' : 'no') },
      { label: 'writers', value: (table) => table.writers.length, numeric: true, cell: (table) => joinElements(table.writers.map(clusterLink), '—') },
      { label: 'readers', value: (table) => table.readers.length, numeric: true, cell: (table) => joinElements(table.readers.map(clusterLink), '—') },
    ], result.tables, { sortBy: 3, descending: true }) },
    { label: 'Entry points', count: result.entryPoints.length, render: () => sortableTable([
      { label: 'entry point', value: (entry) => entry.name },
      { label: 'kind', value: (entry) => entry.kind },
      { label: 'framework', value: (entry) => entry.framework },
      { label: 'clusters reached', value: (entry) => entry.clusters.length, numeric: true, cell: (entry) => joinElements(entry.clusters.map(clusterLink)) },
      { label: 'tables', value: (entry) => entry.tables.length, numeric: true },
      { label: 'where', value: (entry) => `${entry.location.file}:${entry.location.line}`, cell: (entry) => locationElement(entry.location) },
    ], result.entryPoints, { sortBy: 3, descending: true }) },
    { label: 'Transactions', count: result.transactions.length, render: () => transactionsTable(result.transactions) },
    { label: 'Events', count: result.events.length, render: () => sortableTable([
      { label: 'event', value: (event) => event.name },
      { label: 'transport', value: (event) => event.transport },
      { label: 'published at', value: (event) => event.publishers.length, numeric: true, cell: (event) => locationsElement(event.publishers, 3) },
      { label: 'consumed at', value: (event) => event.consumers.length, numeric: true, cell: (event) => locationsElement(event.consumers, 3) },
    ], result.events, { sortBy: 0 }) },
    { label: 'Diagnostics', count: result.diagnostics.length, render: () => sortableTable([
      { label: 'code', value: (diagnostic) => diagnostic.code },
      { label: 'message', value: (diagnostic) => diagnostic.message },
      { label: 'where', value: (diagnostic) => diagnostic.file ?? '', cell: (diagnostic) => (diagnostic.file ? locationElement({ file: diagnostic.file, line: diagnostic.line ?? 1 }) : '') },
    ], result.diagnostics, { sortBy: 0 }) },
    ...Object.keys(result).filter((key) => !KNOWN_RESULT_KEYS.includes(key)).map((key) => ({ label: key, count: -1, render: () => jsonBlock(result[key]) })),
  ];
  const tabBar = h('div', { class: 'tabbar', role: 'tablist' });
  const tabBody = h('div', { class: 'tabbody' });
  const visibleTabs = tabDefinitions.filter((tab) => tab.count !== 0);
  const buttons = visibleTabs.map((tab, index) => h('button', { role: 'tab', click: () => openTab(index) }, tab.count >= 0 ? `${tab.label} (${formatNumber(tab.count)})` : tab.label));
  function openTab(index: number): void {
    buttons.forEach((button, other) => { button.classList.toggle('active', other === index); button.setAttribute('aria-selected', String(other === index)); });
    clear(tabBody);
    append(tabBody, [visibleTabs[index]?.render()]);
  }
  append(tabBar, buttons);
  append(tabs, [tabBar, tabBody]);
  openTab(0);
  showPanel(...overview());
  document.body.setAttribute('data-ready', 'true');
}
