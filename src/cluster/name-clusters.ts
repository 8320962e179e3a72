import { compareText } from '../model/diagnostics.js';

/** Path words that say where code sits in a layer, not what domain it serves. */
const GENERIC_WORDS = new Set([
  'src', 'lib', 'libs', 'app', 'apps', 'source', 'sources', 'server', 'client', 'shared', 'common', 'core', 'base',
  'service', 'services', 'module', 'modules', 'model', 'models', 'route', 'routes', 'router', 'routers', 'controller',
  'controllers', 'handler', 'handlers', 'repository', 'repositories', 'repo', 'repos', 'store', 'stores', 'util', 'utils',
  'helper', 'helpers', 'index', 'main', 'type', 'types', 'dto', 'dtos', 'entity', 'entities', 'schema', 'schemas',
  'api', 'apis', 'internal', 'impl', 'job', 'jobs', 'worker', 'workers', 'component', 'components', 'view', 'views',
  'page', 'pages', 'feature', 'features', 'domain', 'domains', 'package', 'packages', 'plugin', 'plugins', 'config',
  'constants', 'const', 'interface', 'interfaces', 'query', 'queries', 'mutation', 'mutations', 'resolver', 'resolvers',
  'middleware', 'middlewares', 'validator', 'validators', 'validation', 'mapper', 'mappers', 'dao', 'daos', 'data',
  'db', 'database', 'test', 'tests', 'spec', 'mock', 'mocks', 'v1', 'v2', 'v3', 'js', 'ts', 'tsx', 'jsx', 'mjs', 'cjs',
  'mts', 'cts', 'the', 'and', 'for', 'with', 'from', 'to', 'of', 'get', 'set', 'new', 'create', 'update', 'delete',
  'list', 'default', 'util', 'provider', 'providers', 'factory', 'factories', 'manager', 'managers', 'adapter', 'adapters',
  'infra', 'infrastructure', 'application', 'presentation', 'http', 'rest', 'web', 'ui', 'layout', 'layouts', 'hooks',
  'hook', 'scripts', 'script', 'migrations', 'migration', 'seed', 'seeds', 'generated', 'dist', 'build', 'env',
  // verbs of migration names and hooks (add-column, useThing): they say what code does, not whose it is
  'add', 'remove', 'rename', 'change', 'drop', 'alter', 'fix', 'use', 'make', 'handle', 'init', 'setup', 'run', 'load',
  'save', 'fetch', 'column', 'columns', 'index', 'table', 'tables', 'field', 'fields', 'null', 'not', 'all', 'one', 'many',
]);

/** True for a path word that names a layer or a technical folder rather than a domain (`src`, `services`, `utils`). */
export function isGenericPathWord(word: string): boolean {
  return GENERIC_WORDS.has(word.toLowerCase());
}

/** Splits a path into lower-case words: folders and the file stem, split on case, dashes, dots and underscores. */
export function toPathWords(modulePath: string): string[] {
  const segments = modulePath.split('/');
  const fileName = segments.pop() ?? '';
  const stem = fileName.replace(/\.[^.]+$/, '');
  const words: string[] = [];
  for (const part of [...segments, stem]) {
    for (const word of part
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)) {
      const lower = word.toLowerCase();
      if (lower.length >= 3 && !GENERIC_WORDS.has(lower) && !/^\d+$/.test(lower)) words.push(lower);
    }
  }
  return words;
}

/**
 * Names clusters after the words that set them apart: each word's share of the cluster's
 * modules, weighed by how rare it is elsewhere (tf-idf over path words). Names are unique;
 * a cluster with no telling word is named after its largest folder, then numbered.
 */
export function nameClusters(clusters: { key: string; modules: string[] }[], reserved: ReadonlySet<string> = new Set()): Map<string, string> {
  const documentFrequency = new Map<string, number>();
  const wordsByCluster = new Map<string, Map<string, number>>();
  for (const cluster of clusters) {
    const counts = new Map<string, number>();
    for (const modulePath of cluster.modules) {
      for (const word of new Set(toPathWords(modulePath))) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    wordsByCluster.set(cluster.key, counts);
    for (const word of counts.keys()) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  const ranked = clusters.map((cluster) => {
    const counts = wordsByCluster.get(cluster.key) ?? new Map<string, number>();
    const candidates = [...counts.entries()]
      .map(([word, count]) => ({
        word,
        score: (count / Math.max(1, cluster.modules.length)) * Math.log(1 + clusters.length / (documentFrequency.get(word) ?? 1)),
      }))
      .sort((a, b) => b.score - a.score || compareText(a.word, b.word));
    return { cluster, candidates };
  });
  // Larger clusters choose first, so they get their best word.
  ranked.sort((a, b) => b.cluster.modules.length - a.cluster.modules.length || compareText(a.cluster.key, b.cluster.key));
  const used = new Set(reserved);
  const names = new Map<string, string>();
  for (const { cluster, candidates } of ranked) {
    let name = candidates.find((candidate) => !used.has(candidate.word))?.word;
    if (name === undefined) {
      const folder = largestFolder(cluster.modules);
      name = folder;
      for (let suffix = 2; used.has(name); suffix += 1) name = `${folder}-${suffix}`;
    }
    used.add(name);
    names.set(cluster.key, name);
  }
  return names;
}

function largestFolder(modules: string[]): string {
  const counts = new Map<string, number>();
  for (const modulePath of modules) {
    const segments = modulePath.split('/');
    const folder = segments.length > 1 ? (segments[segments.length - 2] ?? 'root') : 'root';
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
  return (best?.[0] ?? 'cluster').toLowerCase().replace(/[^a-z0-9-]+/g, '-') || 'cluster';
}
