import { defineReporter } from '../src/plugin/index.js';

/** The result as JSON: two-space indented, keys in contract order, a final newline. */
export const jsonReporter = defineReporter({
  id: 'json',
  description: 'the full result (schema/result.schema.json)',
  mediaType: 'application/json',
  render(result) {
    return `${JSON.stringify(result, null, 2)}\n`;
  },
});
