/** Options the CLI passes to every reporter; each reporter reads the ones it knows. */
export type ReportOptions = {
  /** Diagram level of mermaid and dot: candidate services (default) or their modules, grouped by service. */
  level?: 'cluster' | 'module';
  /**
   * Prepended to repository paths in links (Markdown, HTML) and SARIF locations: where the
   * analyzed root is, seen from where the report is read (`../`, `services/api/`, or a URL such as
   * `https://github.com/org/repo/blob/main/`). Empty or absent: paths relative to the analyzed root.
   */
  linkBase?: string;
};

/** The link base with a trailing slash when it is not empty. */
export function toLinkBase(options: ReportOptions): string {
  const base = options.linkBase ?? '';
  return base === '' || base.endsWith('/') ? base : `${base}/`;
}
