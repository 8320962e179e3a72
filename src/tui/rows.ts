import path from 'node:path/posix';
import { compareText } from '../model/diagnostics.js';
import type { Evidence, Finding, Location } from '../model/result.js';
import type { ResultIndex } from './result-index.js';

/** The sections of a candidate's detail, in tab order. */
export const SECTIONS = ['modules', 'tables', 'dependencies', 'api', 'entry points', 'findings', 'score'] as const;

/** A section of a candidate's detail. */
export type Section = (typeof SECTIONS)[number];

/** Short names of the sections, for the tab line. */
export const SECTION_TABS: Record<Section, string> = {
  modules: 'modules',
  tables: 'tables',
  dependencies: 'deps',
  api: 'api',
  'entry points': 'entries',
  findings: 'findings',
  score: 'score',
};

/** What a screen of the TUI shows. */
export type Screen =
  | { view: 'candidates' }
  | { view: 'candidate'; cluster: string; section: Section; collapsed: string[] }
  | { view: 'evidence'; title: string; evidence: Evidence[] }
  | { view: 'findings'; kind: string | undefined }
  | { view: 'search'; query: string };

/** Something a what-if move can take. */
export type Movable = { kind: 'module'; module: string } | { kind: 'folder'; folder: string } | { kind: 'table'; table: string };

/** How a row is drawn. */
export type Tone = 'heading' | 'dim' | 'info' | 'warning' | 'error';

/** One line of a list: its cells and what the keys do on it. */
export interface Row {
  id: string;
  cells: string[];
  /** Shown under the list when the row is selected (wrapped to two lines). */
  detail?: string;
  tone?: Tone;
  /** `e` opens it in $EDITOR. */
  location?: Location;
  /** Enter opens it. */
  open?: Screen;
  /** Enter folds or unfolds it (a folder of the module tree). */
  fold?: string;
  /** `m` moves it. */
  movable?: Movable;
}

/** A column of a list: a fixed width (numbers, right-aligned) or the rest of the line. */
export interface Column {
  title: string;
  width?: number;
  align?: 'right';
}

/** What a list shows. */
export interface Listing {
  columns: Column[];
  rows: Row[];
  /** Shown when there are no rows. */
  empty: string;
}

/** Columns of the candidates list, also the sort keys. */
export const CANDIDATE_COLUMNS = ['name', 'modules', 'tables', 'ease', 'findings', 'out', 'in'] as const;

/** How the candidates list is sorted. */
export interface Sort {
  column: number;
  descending: boolean;
}

const formatLocation = (location: Location): string => `${location.file}:${location.line}`;

/** The candidates list: every cluster with its size, score, findings and coupling, sorted. */
export function toCandidatesListing(index: ResultIndex, sort: Sort): Listing {
  const rows = index.result.clusters.map((cluster) => {
    const out = cluster.coupling.reduce((sum, coupling) => sum + coupling.outgoing, 0);
    const into = cluster.coupling.reduce((sum, coupling) => sum + coupling.incoming, 0);
    const findings = index.findingsByCluster.get(cluster.id)?.length ?? 0;
    const values: (string | number | undefined)[] = [cluster.name, cluster.modules.length, cluster.tables.length, cluster.score?.ease, findings, out, into];
    const row: Row & { values: typeof values } = {
      id: cluster.id,
      values,
      cells: [cluster.kind === 'shared' ? `${cluster.name} (shared kernel)` : cluster.name, ...values.slice(1).map((value) => (value === undefined ? '–' : String(Math.round(Number(value)))))],
      detail: `${cluster.name}: ${cluster.modules.length} modules, ${cluster.tables.length} tables; imports ${out} statements from other candidates, imported by ${into}${cluster.score ? `; extraction ease ${cluster.score.ease}/100` : ''}.`,
      open: { view: 'candidate', cluster: cluster.id, section: 'modules', collapsed: [] },
    };
    return row;
  });
  const column = Math.min(Math.max(sort.column, 0), CANDIDATE_COLUMNS.length - 1);
  rows.sort((a, b) => {
    const x = a.values[column];
    const y = b.values[column];
    let order: number;
    if (x === undefined || y === undefined) order = x === y ? 0 : x === undefined ? 1 : -1;
    else order = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    if (sort.descending && x !== undefined && y !== undefined) order = -order;
    return order || compareText(a.id, b.id);
  });
  return {
    columns: [
      { title: 'candidate' },
      { title: 'modules', width: 8, align: 'right' },
      { title: 'tables', width: 7, align: 'right' },
      { title: 'ease', width: 5, align: 'right' },
      { title: 'findings', width: 9, align: 'right' },
      { title: 'out', width: 6, align: 'right' },
      { title: 'in', width: 6, align: 'right' },
    ],
    rows: rows.map(({ values: _values, ...row }) => row),
    empty: 'This result has no candidates (no modules were analyzed).',
  };
}

interface TreeNode {
  folders: Map<string, TreeNode>;
  files: string[];
  count: number;
}

function toTree(modules: readonly string[]): TreeNode {
  const root: TreeNode = { folders: new Map(), files: [], count: 0 };
  for (const module of modules) {
    const parts = module.split('/');
    let node = root;
    node.count += 1;
    for (const part of parts.slice(0, -1)) {
      let child = node.folders.get(part);
      if (!child) {
        child = { folders: new Map(), files: [], count: 0 };
        node.folders.set(part, child);
      }
      child.count += 1;
      node = child;
    }
    node.files.push(module);
  }
  return root;
}

function toModuleRows(index: ResultIndex, modules: readonly string[], collapsed: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  const loc = new Map(index.result.modules.map((module) => [module.id, module.loc]));
  const visit = (node: TreeNode, prefix: string, depth: number): void => {
    for (const name of [...node.folders.keys()].sort(compareText)) {
      let child = node.folders.get(name) as TreeNode;
      let label = name;
      // A folder holding only one folder is shown as one row (src/orders/ rather than src/ then orders/).
      while (child.files.length === 0 && child.folders.size === 1) {
        const [only, next] = [...child.folders.entries()][0] as [string, TreeNode];
        label = `${label}/${only}`;
        child = next;
      }
      const folder = prefix === '' ? label : `${prefix}/${label}`;
      const isCollapsed = collapsed.has(folder);
      rows.push({
        id: `folder:${folder}`,
        cells: [`${'  '.repeat(depth)}${isCollapsed ? '▸' : '▾'} ${label}/`, String(child.count), '', ''],
        tone: 'heading',
        detail: `${folder}/: ${child.count} modules of this candidate. Enter folds it; m moves every module under ${folder}/ to another candidate.`,
        fold: folder,
        movable: { kind: 'folder', folder },
      });
      if (!isCollapsed) visit(child, folder, depth + 1);
    }
    for (const module of [...node.files].sort(compareText)) {
      const out = index.crossOut.get(module) ?? 0;
      const into = index.crossIn.get(module) ?? 0;
      rows.push({
        id: `module:${module}`,
        cells: [`${'  '.repeat(depth)}  ${path.basename(module)}`, String(loc.get(module) ?? 0), out ? String(out) : '', into ? String(into) : ''],
        detail: `${module}: ${loc.get(module) ?? 0} lines; imports ${out} statements from other candidates, imported ${into} times by them. Enter shows its ties.`,
        location: { file: module, line: 1 },
        open: { view: 'evidence', title: module, evidence: toModuleEvidence(index, module) },
        movable: { kind: 'module', module },
      });
    }
  };
  visit(toTree(modules), '', 0);
  return rows;
}

/** What ties a module to other candidates: imports both ways and table accesses. */
export function toModuleEvidence(index: ResultIndex, module: string): Evidence[] {
  const own = index.clusterOfModule.get(module);
  const { outgoing, incoming } = index.edgesOfModule(module);
  const evidence: Evidence[] = [{ description: `the module (candidate ${own ?? '?'})`, locations: [{ file: module, line: 1 }] }];
  const crossOf = (edge: { from: string; to: string; through?: string[] }, other: string) => {
    const cluster = index.clusterOfModule.get(other);
    return edge.through === undefined && cluster !== undefined && cluster !== own ? cluster : undefined;
  };
  for (const edge of outgoing) {
    const cluster = crossOf(edge, edge.to);
    if (cluster !== undefined) evidence.push({ description: `${edge.kind} ${edge.to} (${cluster})`, locations: edge.locations });
    else if (edge.kind === 'writes' || edge.kind === 'reads') {
      const owner = index.result.tables.find((table) => table.id === edge.to)?.cluster;
      evidence.push({ description: `${edge.kind} table ${edge.to} (owner ${owner ?? '?'})`, locations: edge.locations });
    }
  }
  for (const edge of incoming) {
    const cluster = crossOf(edge, edge.from);
    if (cluster !== undefined) evidence.push({ description: `imported by ${edge.from} (${cluster})`, locations: edge.locations });
  }
  return evidence;
}

function toTableRows(index: ResultIndex, clusterId: string): Row[] {
  const tables = new Map(index.result.tables.map((table) => [table.id, table]));
  return index.tablesOf(clusterId).map((id) => {
    const table = tables.get(id);
    const owner = table?.cluster ?? '?';
    const writers = table?.writers ?? [];
    const readers = table?.readers ?? [];
    const owned = owner === clusterId;
    const othersWrite = writers.filter((writer) => writer !== clusterId);
    const mark = owned ? (othersWrite.length > 0 ? 'owned, shared' : 'owned') : writers.includes(clusterId) ? 'writes foreign' : 'reads foreign';
    const access = index.tableAccess(id);
    const sites = (map: Map<string, Location[]>) => [...map.entries()].map(([cluster, locations]) => `${cluster} (${locations.length})`).join(', ') || 'none';
    return {
      id: `table:${id}`,
      cells: [id, mark, owner, writers.join(', ') || '–', readers.join(', ') || '–'],
      tone: mark === 'owned, shared' || mark === 'writes foreign' ? 'warning' : undefined,
      detail: `${id}: owner ${owner}${table?.declared ? ', declared in a schema' : ''}. Written by ${sites(access.writes)}; read by ${sites(access.reads)}. Enter shows the access sites.`,
      open: {
        view: 'evidence',
        title: `table ${id}`,
        evidence: [
          ...[...access.writes.entries()].map(([cluster, locations]) => ({ description: `${cluster} writes ${id}`, locations })),
          ...[...access.reads.entries()].map(([cluster, locations]) => ({ description: `${cluster} reads ${id}`, locations })),
        ],
      },
      movable: { kind: 'table', table: id },
    } satisfies Row;
  });
}

function toEdgeEvidence(edges: readonly { from: string; to: string; kind: string; locations: Location[] }[]): Evidence[] {
  return edges.map((edge) => ({ description: `${edge.from} ${edge.kind === 'import' ? 'imports' : edge.kind} ${edge.to}`, locations: edge.locations }));
}

function toDependencyRows(index: ResultIndex, clusterId: string): Row[] {
  const cluster = index.clusterById.get(clusterId);
  return (cluster?.coupling ?? []).map((coupling) => ({
    id: `dependency:${coupling.cluster}`,
    cells: [coupling.cluster, coupling.outgoing ? String(coupling.outgoing) : '', coupling.incoming ? String(coupling.incoming) : ''],
    detail: `${clusterId} imports ${coupling.outgoing} statements from ${coupling.cluster}; ${coupling.cluster} imports ${coupling.incoming} from ${clusterId}. Enter lists them.`,
    open: {
      view: 'evidence',
      title: `${clusterId} ⇄ ${coupling.cluster}`,
      evidence: [...toEdgeEvidence(index.edgesBetween(clusterId, coupling.cluster)), ...toEdgeEvidence(index.edgesBetween(coupling.cluster, clusterId))],
    },
  }));
}

function toSurfaceRows(index: ResultIndex, clusterId: string): Row[] {
  return index.surfaceOf(clusterId).map((surface) => ({
    id: `api:${surface.module}`,
    cells: [surface.module, String(surface.statements), surface.clusters.join(', ')],
    detail: `${surface.module} is imported ${surface.statements} times by ${surface.clusters.join(', ')}: after a split, this is API.`,
    location: { file: surface.module, line: 1 },
    open: { view: 'evidence', title: `who imports ${surface.module}`, evidence: toEdgeEvidence(surface.edges) },
    movable: { kind: 'module', module: surface.module },
  }));
}

function toEntryPointRows(index: ResultIndex, clusterId: string): Row[] {
  const cluster = index.clusterById.get(clusterId);
  const modules = new Set(cluster?.modules ?? []);
  return index.result.entryPoints
    .filter((entry) => modules.has(entry.location.file))
    .map((entry) => ({
      id: `entry:${entry.id}`,
      cells: [entry.kind, entry.name, entry.framework],
      detail: `${entry.kind} ${entry.name} (${entry.framework}) at ${formatLocation(entry.location)}; reaches ${entry.clusters.join(', ') || 'no other candidate'}${entry.tables.length ? ` and tables ${entry.tables.join(', ')}` : ''}.`,
      location: entry.location,
      open: { view: 'evidence', title: `${entry.kind} ${entry.name}`, evidence: [{ description: 'registered here', locations: [entry.location] }, { description: 'outbound HTTP calls', locations: entry.outboundHttp }] },
    }));
}

function toFindingRow(finding: Finding, key: string): Row {
  return {
    id: key,
    cells: [finding.severity, finding.kind, finding.message],
    tone: finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'info',
    detail: finding.message,
    location: finding.locations[0],
    open: { view: 'evidence', title: `${finding.kind}: ${finding.message}`, evidence: finding.evidence.length > 0 ? finding.evidence : [{ description: 'locations', locations: finding.locations }] },
  };
}

const FINDING_COLUMNS: Column[] = [{ title: 'severity', width: 9 }, { title: 'kind', width: 18 }, { title: 'message' }];

function toScoreRows(index: ResultIndex, clusterId: string): Row[] {
  const score = index.clusterById.get(clusterId)?.score;
  if (!score) return [];
  return [
    { id: 'ease', cells: ['extraction ease', String(score.ease)], tone: 'heading', detail: `Extraction ease ${score.ease}/100: higher is easier to split out.` },
    ...score.factors.map((factor): Row => ({
      id: `factor:${factor.name}`,
      cells: [`  ${factor.name}`, String(Math.round(factor.value * 100) / 100)],
      detail: `${factor.name} = ${factor.value}; ${factor.evidence.length} pieces of evidence. Enter lists them.`,
      location: factor.evidence[0]?.locations[0],
      open: { view: 'evidence', title: `${clusterId}: ${factor.name}`, evidence: factor.evidence },
    })),
  ];
}

/** One section of a candidate's detail. */
export function toSectionListing(index: ResultIndex, clusterId: string, section: Section, collapsed: readonly string[], moved = false): Listing {
  const cluster = index.clusterById.get(clusterId);
  if (!cluster) return { columns: [{ title: '' }], rows: [], empty: `Candidate "${clusterId}" no longer exists: the what-if moves emptied it (u undoes).` };
  switch (section) {
    case 'modules':
      return {
        columns: [{ title: 'module' }, { title: 'lines', width: 7, align: 'right' }, { title: 'out', width: 5, align: 'right' }, { title: 'in', width: 5, align: 'right' }],
        rows: toModuleRows(index, cluster.modules, new Set(collapsed)),
        empty: 'No modules: this candidate only holds tables.',
      };
    case 'tables':
      return {
        columns: [{ title: 'table' }, { title: 'mark', width: 15 }, { title: 'owner', width: 14 }, { title: 'writers', width: 18 }, { title: 'readers', width: 18 }],
        rows: toTableRows(index, clusterId),
        empty: 'No tables: this candidate neither owns nor touches a table.',
      };
    case 'dependencies':
      return {
        columns: [{ title: 'other candidate' }, { title: 'out', width: 6, align: 'right' }, { title: 'in', width: 6, align: 'right' }],
        rows: toDependencyRows(index, clusterId),
        empty: 'No import statements to or from other candidates.',
      };
    case 'api':
      return {
        columns: [{ title: 'module other candidates import' }, { title: 'uses', width: 6, align: 'right' }, { title: 'by', width: 24 }],
        rows: toSurfaceRows(index, clusterId),
        empty: 'No API surface: no other candidate imports a module of this one.',
      };
    case 'entry points':
      return {
        columns: [{ title: 'kind', width: 6 }, { title: 'entry point' }, { title: 'framework', width: 12 }],
        rows: toEntryPointRows(index, clusterId),
        empty: 'No entry points (HTTP routes, queues, cron jobs, CLI commands) registered in this candidate\'s modules.',
      };
    case 'findings':
      return {
        columns: FINDING_COLUMNS,
        rows: (index.findingsByCluster.get(clusterId) ?? []).map((finding, position) => toFindingRow(finding, `finding:${position}`)),
        empty: 'No findings with a location in this candidate.',
      };
    case 'score':
      return {
        columns: [{ title: 'score factor' }, { title: 'value', width: 8, align: 'right' }],
        rows: toScoreRows(index, clusterId),
        empty: moved
          ? 'No score: what-if moves changed this candidate and scores are not recomputed yet (u undoes).'
          : 'No score for this candidate in this result.',
      };
  }
}

/** Finding kinds present in a result, sorted. */
export function toFindingKinds(index: ResultIndex): string[] {
  return [...new Set(index.result.findings.map((finding) => finding.kind))].sort(compareText);
}

/** The findings view, optionally only one kind. */
export function toFindingsListing(index: ResultIndex, kind: string | undefined): Listing {
  return {
    columns: FINDING_COLUMNS,
    rows: index.result.findings.flatMap((finding, position) => (kind === undefined || finding.kind === kind ? [toFindingRow(finding, `finding:${position}`)] : [])),
    empty: kind === undefined ? 'No findings.' : `No findings of kind ${kind}.`,
  };
}

/** Evidence: each description, then its file:line locations. */
export function toEvidenceListing(evidence: readonly Evidence[]): Listing {
  const rows: Row[] = [];
  evidence.forEach((item, position) => {
    rows.push({ id: `evidence:${position}`, cells: [item.description], tone: 'heading', detail: item.description, location: item.locations[0] });
    item.locations.forEach((location, at) => {
      rows.push({ id: `evidence:${position}:${at}`, cells: [`  ${formatLocation(location)}`], detail: `${formatLocation(location)}: e opens it in $EDITOR.`, location });
    });
  });
  return { columns: [{ title: 'evidence' }], rows, empty: 'No evidence recorded.' };
}

/** Modules and tables whose name contains the query (case-insensitive). */
export function toSearchListing(index: ResultIndex, query: string): Listing {
  const needle = query.toLowerCase();
  const rows: Row[] = [];
  if (needle !== '') {
    for (const module of index.result.modules) {
      if (!module.id.toLowerCase().includes(needle)) continue;
      rows.push({
        id: `module:${module.id}`,
        cells: ['module', module.id, module.cluster],
        detail: `${module.id} is in ${module.cluster}. Enter opens it there; m moves it.`,
        location: { file: module.id, line: 1 },
        open: { view: 'candidate', cluster: module.cluster, section: 'modules', collapsed: [] },
        movable: { kind: 'module', module: module.id },
      });
    }
    for (const table of index.result.tables) {
      if (!table.id.toLowerCase().includes(needle)) continue;
      rows.push({
        id: `table:${table.id}`,
        cells: ['table', table.id, table.cluster],
        detail: `table ${table.id} is owned by ${table.cluster}. Enter opens it there; m moves it.`,
        open: { view: 'candidate', cluster: table.cluster, section: 'tables', collapsed: [] },
        movable: { kind: 'table', table: table.id },
      });
    }
  }
  return {
    columns: [{ title: 'kind', width: 7 }, { title: 'name' }, { title: 'candidate', width: 20 }],
    rows,
    empty: needle === '' ? 'Type part of a module path or a table name.' : `Nothing matches "${query}".`,
  };
}

/** The candidate an item is in now. */
export function toCurrentCluster(index: ResultIndex, item: Movable): string | undefined {
  if (item.kind === 'module') return index.clusterOfModule.get(item.module);
  if (item.kind === 'table') return index.result.tables.find((table) => table.id === item.table)?.cluster;
  return undefined;
}

/** How an item is named in messages. */
export function toMovableLabel(item: Movable): string {
  return item.kind === 'module' ? item.module : item.kind === 'folder' ? `${item.folder}/ (folder)` : `table ${item.table}`;
}

/** Row id of the "new candidate" entry of the move picker. */
export const NEW_CANDIDATE_ROW = 'new-candidate';

/** The move picker: every other candidate, then a new one. */
export function toMoveTargetListing(index: ResultIndex, item: Movable): Listing {
  const current = toCurrentCluster(index, item);
  const rows: Row[] = index.result.clusters
    .filter((cluster) => cluster.id !== current)
    .map((cluster) => ({
      id: cluster.id,
      cells: [cluster.kind === 'shared' ? `${cluster.name} (shared kernel)` : cluster.name, String(cluster.modules.length), String(cluster.tables.length)],
      detail: `Move ${toMovableLabel(item)} to ${cluster.name}.`,
    }));
  rows.push({ id: NEW_CANDIDATE_ROW, cells: ['+ new candidate…', '', ''], tone: 'heading', detail: `Move ${toMovableLabel(item)} to a new candidate (you name it).` });
  return { columns: [{ title: `move ${toMovableLabel(item)} to` }, { title: 'modules', width: 8, align: 'right' }, { title: 'tables', width: 7, align: 'right' }], rows, empty: '' };
}
