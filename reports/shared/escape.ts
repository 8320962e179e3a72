/**
 * Escaping for every output format. Everything that comes from the analyzed repository (file
 * names, identifiers, table names, SQL, messages built from them) is hostile input: each format
 * escapes it for the exact context it lands in.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character] as string);
}

function toUnicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * JSON safe inside an HTML `<script>` element: `<`, `>` and `&` become `\u003c`-style escapes (so
 * neither `</script` nor `<!--` can appear), and U+2028/U+2029 are escaped too.
 */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, toUnicodeEscape);
}

/**
 * Inline Markdown text: HTML-significant characters become entities and Markdown punctuation is
 * backslash-escaped, so a name renders literally (no links, emphasis, tables cells or raw HTML).
 * Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (character) => `\\${character}`)
    .replace(/[&<>"]/g, (character) => HTML_ENTITIES[character] as string);
}

/**
 * A relative POSIX path as a URI reference: each segment percent-encoded, including the
 * characters `encodeURIComponent` leaves alone that would end a Markdown link (`(`, `)`, `'`, `!`, `*`).
 */
export function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * A Mermaid label: every character outside a small safe set becomes a Mermaid entity code
 * (`#60;`), so quotes, brackets, pipes, HTML and Markdown in names cannot end the label or inject
 * markup.
 */
export function escapeMermaid(text: string): string {
  let escaped = '';
  for (const character of text.replace(/[\r\n\u2028\u2029]+/g, ' ')) {
    escaped += /[A-Za-z0-9 ,.:/@_-]/.test(character) ? character : `#${character.codePointAt(0)};`;
  }
  return escaped;
}

/** A Graphviz DOT double-quoted string, quotes included: backslashes and quotes escaped, line breaks as `\n`. */
export function quoteDot(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n')}"`;
}

/**
 * SARIF message text: SARIF reads `[text](n)` as an embedded link, so brackets and backslashes
 * from names are backslash-escaped.
 */
export function escapeSarifText(text: string): string {
  return text.replace(/[\\[\]]/g, (character) => `\\${character}`);
}
