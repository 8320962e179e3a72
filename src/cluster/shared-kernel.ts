import type { ModuleId } from '../model/facts.js';
import type { EdgeKind } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import type { ModuleGraph } from '../graph/build-graph.js';
import { runLouvain } from './consensus.js';
import { isGenericPathWord } from './name-clusters.js';
import { toWeightedGraph } from './weighted-graph.js';

/** What the kernel search needs. */
export interface KernelOptions {
  resolution: number;
  seed: number;
  weights: Readonly<Record<EdgeKind, number>>;
  /** Modules pinned to the shared kernel (always kernel). */
  pinnedShared?: ReadonlySet<ModuleId>;
  /** Modules pinned to a domain (never kernel). */
  pinnedDomain?: ReadonlySet<ModuleId>;
}

/** Fan-in that makes a module a kernel candidate however big the repo (ACDC sets utilities aside above 20). */
const MAXIMUM_FAN_IN_THRESHOLD = 20;
/** Communities a kernel module's importers must span, at most, however many there are. */
const MAXIMUM_SPREAD_THRESHOLD = 5;

/** Folder names that hold infrastructure by convention (ACDC's "support library"). */
const KERNEL_FOLDERS = new Set([
  'shared', 'common', 'commons', 'config', 'configs', 'util', 'utils', 'helpers', 'infra', 'infrastructure', 'kernel',
  'platform', 'db', 'database', 'logger', 'logging', 'telemetry',
]);
/** `lib` is also a source root (src/lib/features/…): it counts only as the module's own folder. */
const KERNEL_PARENT_FOLDERS = new Set(['lib', 'libs']);

/**
 * True when a module sits in an infrastructure folder above any domain word: `src/lib/db/knex.ts`,
 * `packages/db/src/pool.ts`, `src/common/pagination.ts`; not `src/checkout/utils/format.ts`.
 */
export function isInKernelFolder(modulePath: string): boolean {
  const folders = modulePath.split('/').slice(0, -1);
  for (const [index, folder] of folders.entries()) {
    const lower = folder.toLowerCase();
    if (KERNEL_FOLDERS.has(lower)) return true;
    if (KERNEL_PARENT_FOLDERS.has(lower) && index === folders.length - 1) return true;
    if (!isGenericPathWord(lower)) return false;
  }
  return false;
}

/** Import structure the kernel rules read. */
interface ImportStructure {
  importers: Map<ModuleId, Set<ModuleId>>;
  dependencies: Map<ModuleId, Set<ModuleId>>;
  stateful: Set<ModuleId>;
}

function toImportStructure(graph: ModuleGraph): ImportStructure {
  const importers = new Map<ModuleId, Set<ModuleId>>();
  const dependencies = new Map<ModuleId, Set<ModuleId>>();
  const stateful = new Set<ModuleId>();
  for (const edge of graph.edges) {
    if (edge.kind === 'reads' || edge.kind === 'writes') stateful.add(edge.from as ModuleId);
    if (edge.kind !== 'import' && edge.kind !== 'type-import') continue;
    const to = edge.to as ModuleId;
    const from = edge.from as ModuleId;
    if (!dependencies.has(from)) dependencies.set(from, new Set());
    dependencies.get(from)?.add(to);
    // A barrel is not a real importer: the followed edges from its importers carry the dependency.
    if (graph.barrels.has(from) && edge.through === undefined) continue;
    if (!importers.has(to)) importers.set(to, new Set());
    importers.get(to)?.add(from);
  }
  return { importers, dependencies, stateful };
}

/** Every module reachable from `starts` along `next`, not walking into the kernel (the starts themselves excluded). */
function walkOutsideKernel(starts: Iterable<ModuleId>, next: Map<ModuleId, Set<ModuleId>>, kernel: ReadonlySet<ModuleId>): Set<ModuleId> {
  const seen = new Set<ModuleId>();
  const stack = [...starts];
  while (stack.length > 0) {
    const module = stack.pop() as ModuleId;
    for (const neighbour of next.get(module) ?? []) {
      if (seen.has(neighbour) || kernel.has(neighbour)) continue;
      seen.add(neighbour);
      stack.push(neighbour);
    }
  }
  return seen;
}

/** Modules that read or write a table, or import (outside the kernel) one that does. */
function toStateReaching(structure: ImportStructure, kernel: ReadonlySet<ModuleId>): Set<ModuleId> {
  const stateful = [...structure.stateful].filter((module) => !kernel.has(module));
  return new Set([...stateful, ...walkOutsideKernel(stateful, structure.importers, kernel)]);
}

/**
 * For every module outside the kernel, the communities it reaches by imports without walking
 * through the kernel, itself included (only communities `counted` accepts). One pass over the
 * strongly connected components in reverse topological order (Tarjan's algorithm yields them
 * so), instead of one walk per module: linear in the graph, where walks were quadratic.
 */
export function toReachedCommunities(
  modules: readonly ModuleId[],
  dependencies: Map<ModuleId, Set<ModuleId>>,
  kernel: ReadonlySet<ModuleId>,
  communityOf: (module: ModuleId) => number | undefined,
): Map<ModuleId, ReadonlySet<number>> {
  const reached = new Map<ModuleId, ReadonlySet<number>>();
  const index = new Map<ModuleId, number>();
  const low = new Map<ModuleId, number>();
  const onStack = new Set<ModuleId>();
  const stack: ModuleId[] = [];
  let counter = 0;
  const next = (module: ModuleId): ModuleId[] => [...(dependencies.get(module) ?? [])].filter((dependency) => !kernel.has(dependency));
  for (const root of modules) {
    if (kernel.has(root) || index.has(root)) continue;
    const frames: { module: ModuleId; neighbours: ModuleId[]; at: number }[] = [];
    const open = (module: ModuleId): void => {
      index.set(module, counter);
      low.set(module, counter);
      counter += 1;
      stack.push(module);
      onStack.add(module);
      frames.push({ module, neighbours: next(module), at: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as (typeof frames)[number];
      if (frame.at < frame.neighbours.length) {
        const neighbour = frame.neighbours[frame.at] as ModuleId;
        frame.at += 1;
        if (!index.has(neighbour)) open(neighbour);
        else if (onStack.has(neighbour)) low.set(frame.module, Math.min(low.get(frame.module) as number, index.get(neighbour) as number));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.module, Math.min(low.get(parent.module) as number, low.get(frame.module) as number));
      if (low.get(frame.module) !== index.get(frame.module)) continue;
      // frame.module roots a component: pop it; every component it points to is already done.
      const component: ModuleId[] = [];
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member);
        component.push(member);
        if (member === frame.module) break;
      }
      const communities = new Set<number>();
      for (const member of component) {
        const own = communityOf(member);
        if (own !== undefined) communities.add(own);
        for (const neighbour of next(member)) for (const community of reached.get(neighbour) ?? []) communities.add(community);
      }
      for (const member of component) reached.set(member, communities);
    }
  }
  return reached;
}

/**
 * The shared kernel: what every domain leans on (logger, config, db clients, errors) and what
 * wires the domains together (composition roots). Rules, checked over three rounds as a sharper
 * partition without the kernel makes the next round's communities better:
 * - widely used: imported by at least max(3, min(20, 4 % of modules)) modules spread over at
 *   least max(3, min(5, a quarter)) of the communities of size >= 3, unless the stateful code it depends on
 *   lies in one or two communities (then it belongs to that domain: an auth guard of accounts);
 * - composition root: imported by nothing but the kernel, importing from at least max(3, half)
 *   of the communities with none holding half of its imports (a feature module or route that
 *   mostly wires its own domain is not a root); or an entry (imported by nothing) whose imports
 *   reach nine tenths of them (the application's root; a service's own root reaches a few);
 * - infrastructure folder: in a conventional folder (lib/db, common, utils, config…) above any
 *   domain word, depending on nothing but the kernel;
 * - leaf of the kernel: imported only by the kernel (or by nothing) and importing only the kernel;
 *   a barrel re-exporting only the kernel; a module importing only the kernel in a folder at
 *   least half kernel.
 * Modules that read or write tables are never kernel: state belongs to a domain.
 */
export function findSharedKernel(graph: ModuleGraph, options: KernelOptions): Set<ModuleId> {
  const structure = toImportStructure(graph);
  const { importers, dependencies, stateful } = structure;
  const pinnedDomain = options.pinnedDomain ?? new Set<ModuleId>();
  const mayBeKernel = (module: ModuleId): boolean => !stateful.has(module) && !pinnedDomain.has(module);
  const minimumFanIn = Math.max(3, Math.min(MAXIMUM_FAN_IN_THRESHOLD, Math.ceil(graph.modules.length * 0.04)));
  const widelyUsed = [...importers.entries()]
    .filter(([module, from]) => from.size >= minimumFanIn && mayBeKernel(module) && !graph.barrels.has(module))
    .map(([module]) => module)
    .sort(compareText);
  const kernel = new Set<ModuleId>(options.pinnedShared ?? []);
  const kernelFolder = graph.modules.filter((module) => isInKernelFolder(module.id) && mayBeKernel(module.id)).map((module) => module.id);

  for (let round = 0; round < 3; round += 1) {
    const communities = runLouvain(toWeightedGraph(graph, kernel, options.weights), options.resolution, options.seed);
    const sizes = new Map<number, number>();
    for (const community of communities.values()) sizes.set(community, (sizes.get(community) ?? 0) + 1);
    const countBySignificant = (modules: Iterable<ModuleId>): Map<number, number> => {
      const counts = new Map<number, number>();
      for (const module of modules) {
        if (kernel.has(module)) continue;
        const community = communities.get(module);
        if (community !== undefined && (sizes.get(community) ?? 0) >= 3) counts.set(community, (counts.get(community) ?? 0) + 1);
      }
      return counts;
    };
    const significant = [...sizes.values()].filter((size) => size >= 3).length;
    const minimumSpread = Math.max(3, Math.min(MAXIMUM_SPREAD_THRESHOLD, Math.ceil(significant * 0.25)));
    const reachesState = toStateReaching(structure, kernel);
    let reachedCommunities: Map<ModuleId, ReadonlySet<number>> | undefined;
    /** The significant communities an entry's imports reach outside the kernel (the entry itself not counted). */
    const reachedFrom = (entry: ModuleId): number => {
      reachedCommunities ??= toReachedCommunities(
        graph.modules.map((module) => module.id),
        dependencies,
        kernel,
        (module) => {
          const community = communities.get(module);
          return community !== undefined && (sizes.get(community) ?? 0) >= 3 ? community : undefined;
        },
      );
      const union = new Set<number>();
      for (const dependency of dependencies.get(entry) ?? []) {
        if (kernel.has(dependency)) continue;
        for (const community of reachedCommunities.get(dependency) ?? []) union.add(community);
      }
      return union.size;
    };
    let changed = false;
    for (const candidate of widelyUsed) {
      if (kernel.has(candidate)) continue;
      const statefulDependencies = [...(dependencies.get(candidate) ?? [])].filter((dependency) => reachesState.has(dependency));
      const boundTo = countBySignificant(statefulDependencies).size;
      if (boundTo === 1 || boundTo === 2) continue;
      if (countBySignificant(importers.get(candidate) ?? []).size >= minimumSpread) {
        kernel.add(candidate);
        changed = true;
      }
    }
    for (const module of graph.modules) {
      if (kernel.has(module.id) || !mayBeKernel(module.id)) continue;
      if (![...(importers.get(module.id) ?? [])].every((importer) => kernel.has(importer))) continue;
      const isEntry = (importers.get(module.id)?.size ?? 0) === 0;
      const counts = countBySignificant(dependencies.get(module.id) ?? []);
      const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
      const spread = [...counts.values()].every((count) => count * 2 < total);
      const direct = spread && counts.size >= Math.max(3, Math.ceil(significant / 2));
      const whole = isEntry && !direct && reachedFrom(module.id) >= Math.max(3, Math.ceil(significant * 0.9));
      if (direct || whole) {
        // No walk reaches this module (all its importers are kernel), so what others reach stays as computed.
        kernel.add(module.id);
        changed = true;
      }
    }
    changed = closeKernel(graph, kernel, kernelFolder, structure, mayBeKernel) || changed;
    if (!changed) break;
  }
  return kernel;
}

/** Infrastructure-folder modules, leaves, barrels and folder mates of the kernel join it, until nothing changes. */
function closeKernel(
  graph: ModuleGraph,
  kernel: Set<ModuleId>,
  kernelFolder: readonly ModuleId[],
  structure: ImportStructure,
  mayBeKernel: (module: ModuleId) => boolean,
): boolean {
  const onlyKernel = (modules: ReadonlySet<ModuleId> | undefined): boolean => [...(modules ?? [])].every((module) => kernel.has(module));
  const byFolder = new Map<string, ModuleId[]>();
  for (const { id } of graph.modules) {
    const folder = id.slice(0, Math.max(0, id.lastIndexOf('/')));
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    byFolder.get(folder)?.push(id);
  }
  const isFolderMostlyKernel = (module: ModuleId): boolean => {
    const mates = (byFolder.get(module.slice(0, Math.max(0, module.lastIndexOf('/')))) ?? []).filter((mate) => mate !== module);
    return mates.length >= 2 && mates.filter((mate) => kernel.has(mate)).length * 2 >= mates.length;
  };
  let any = false;
  for (let changed = true; changed; ) {
    changed = false;
    for (const module of kernelFolder) {
      if (kernel.has(module) || !onlyKernel(structure.dependencies.get(module))) continue;
      kernel.add(module);
      changed = true;
    }
    if (kernel.size === 0) break;
    for (const { id } of graph.modules) {
      if (kernel.has(id) || !mayBeKernel(id)) continue;
      const from = structure.importers.get(id);
      const to = structure.dependencies.get(id);
      if (!onlyKernel(to)) continue;
      const isLeaf = (from?.size ?? 0) + (to?.size ?? 0) > 0 && onlyKernel(from);
      const isKernelBarrel = graph.barrels.has(id) && (to?.size ?? 0) > 0;
      if (!isLeaf && !isKernelBarrel && !isFolderMostlyKernel(id)) continue;
      kernel.add(id);
      changed = true;
    }
    any ||= changed;
  }
  return any;
}
