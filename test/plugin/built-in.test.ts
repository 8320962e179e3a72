import { test } from 'node:test';
import assert from 'node:assert/strict';
// Only the imports analyzer, not the registry: lint loads it alone and must still get workers.
import { importsAnalyzer } from '../../analyzers/imports/index.js';
import { defineAnalyzer, isBuiltIn } from '../../src/plugin/index.js';

test('built-in analyzers are known as such without the registry; copies and plugins are not', () => {
  assert.equal(isBuiltIn(importsAnalyzer), true);
  assert.equal(isBuiltIn({ ...importsAnalyzer }), false);
  const plugin = defineAnalyzer({ id: 'mine', description: 'a plugin', options: importsAnalyzer.options, isEnabled: () => true, visit: () => undefined });
  assert.equal(isBuiltIn(plugin), false);
});
