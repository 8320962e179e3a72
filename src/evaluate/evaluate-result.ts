import type { AnalysisResult } from '../model/result.js';
import { compareText } from '../model/diagnostics.js';
import { createRandom } from '../cluster/consensus.js';
import { adjustedMutualInformation, adjustedRandIndex, moJoFm } from './partition-agreement.js';
import type { Truth } from './truth.js';
import { chooseFolderDepth, toFolderPartition } from '../score/folder-partition.js';

/** Agreement of one partition with the truth. */
export interface AgreementScores {
  /** Adjusted Rand index (chance-corrected; the headline). */
  ari: number;
  /** Adjusted mutual information (arithmetic mean normalisation). */
  ami: number;
  /** MoJoFM in percent (lenient on over-splitting). */
  mojoFm: number;
  /** Clusters over the evaluated items. */
  clusters: number;
}

/** How one kind of item (modules or tables) compares with the truth. */
export interface EvaluationPart {
  /** Items labelled by the truth and present in the result. */
  items: number;
  /** Truth items the result does not have (first few, sorted). */
  missing: string[];
  missingCount: number;
  truthClusters: number;
  seams: AgreementScores;
  /** Folders cut at the depth whose cluster count is nearest to seams' (tables: their accessors' majority folder). */
  folders: AgreementScores & { depth: number };
  /** Leaf folders: every module in its own directory (tables: their accessors' majority directory). */
  leafFolders: AgreementScores;
  /** Random partitions with seams' cluster sizes: the mean over RANDOM_BASELINE_RUNS shuffles. */
  random: AgreementScores;
}

/** The evaluation of a result against a labelled decomposition. */
export interface Evaluation {
  modules: EvaluationPart;
  tables: EvaluationPart;
}

/** Shuffles the random baseline is averaged over. */
export const RANDOM_BASELINE_RUNS = 20;
/** How many missing items an evaluation lists. */
const MISSING_SHOWN = 20;

function toScores(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>): AgreementScores {
  const clusters = new Set<string>();
  for (const item of truth.keys()) {
    const label = predicted.get(item);
    if (label !== undefined) clusters.add(label);
  }
  return {
    ari: adjustedRandIndex(predicted, truth),
    ami: adjustedMutualInformation(predicted, truth),
    mojoFm: moJoFm(predicted, truth),
    clusters: clusters.size,
  };
}

/** A random relabelling with the same cluster sizes over the truth items. */
function shuffleLabels(predicted: ReadonlyMap<string, string>, items: readonly string[], random: () => number): Map<string, string> {
  const labels = items.map((item) => predicted.get(item) as string);
  for (let index = labels.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [labels[index], labels[other]] = [labels[other] as string, labels[index] as string];
  }
  return new Map(items.map((item, index) => [item, labels[index] as string]));
}

function toRandomScores(predicted: ReadonlyMap<string, string>, truth: ReadonlyMap<string, string>, seed: number): AgreementScores {
  const items = [...truth.keys()].filter((item) => predicted.has(item)).sort(compareText);
  const random = createRandom(seed);
  const sum = { ari: 0, ami: 0, mojoFm: 0, clusters: 0 };
  for (let run = 0; run < RANDOM_BASELINE_RUNS; run += 1) {
    const scores = toScores(shuffleLabels(predicted, items, random), truth);
    sum.ari += scores.ari;
    sum.ami += scores.ami;
    sum.mojoFm += scores.mojoFm;
    sum.clusters = scores.clusters;
  }
  return { ari: sum.ari / RANDOM_BASELINE_RUNS, ami: sum.ami / RANDOM_BASELINE_RUNS, mojoFm: sum.mojoFm / RANDOM_BASELINE_RUNS, clusters: sum.clusters };
}

function toPart(
  predicted: ReadonlyMap<string, string>,
  folders: { atDepth: ReadonlyMap<string, string>; depth: number; leaf: ReadonlyMap<string, string> },
  truth: ReadonlyMap<string, string>,
  seed: number,
): EvaluationPart {
  const missing = [...truth.keys()].filter((item) => !predicted.has(item)).sort(compareText);
  return {
    items: truth.size - missing.length,
    missing: missing.slice(0, MISSING_SHOWN),
    missingCount: missing.length,
    truthClusters: new Set([...truth].filter(([item]) => predicted.has(item)).map(([, label]) => label)).size,
    seams: toScores(predicted, truth),
    folders: { ...toScores(folders.atDepth, truth), depth: folders.depth },
    leafFolders: toScores(folders.leaf, truth),
    random: toRandomScores(predicted, truth, seed),
  };
}

/**
 * Compares a result's modules and tables with a labelled decomposition: ARI, AMI and MoJoFM
 * for seams, for the folder partition at the depth with the nearest cluster count, for leaf
 * folders, and for random partitions of seams' cluster sizes. Only items both sides have are scored. Pure and
 * deterministic (the random baseline is seeded).
 */
export function evaluateResult(result: Pick<AnalysisResult, 'modules' | 'tables' | 'edges'>, truth: Truth, seed = 1): Evaluation {
  const trueModules = new Map(Object.entries(truth.modules));
  const trueTables = new Map(Object.entries(truth.tables));
  const modules = new Map(result.modules.map((module) => [module.id, module.cluster]));
  const tables = new Map(result.tables.map((table) => [table.id, table.cluster]));
  const evaluated = [...trueModules.keys()].filter((item) => modules.has(item));
  const seamsCount = new Set(evaluated.map((item) => modules.get(item))).size;
  const depth = chooseFolderDepth(evaluated.length > 0 ? evaluated : result.modules.map((module) => module.id), seamsCount);
  const folders = toFolderPartition(result, depth);
  const leaf = toFolderPartition(result, Number.POSITIVE_INFINITY);
  return {
    modules: toPart(modules, { atDepth: folders.modules, depth, leaf: leaf.modules }, trueModules, seed),
    tables: toPart(tables, { atDepth: folders.tables, depth, leaf: leaf.tables }, trueTables, seed),
  };
}
