import { render } from 'ink-testing-library';
import type { AnalysisResult, Location } from '../../src/model/result.js';
import { App, type TerminalSize } from '../../src/tui/App.js';
import type { Status } from '../../src/tui/tui-state.js';

/** Keys as the terminal sends them. */
export const KEYS = {
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  tab: '\t',
  shiftTab: '\u001b[Z',
  backspace: '\u007f',
  pageDown: '\u001b[6~',
  ctrlR: '\u0012',
} as const;

/** A rendered App driven by keys. */
export interface AppDriver {
  /** Sends keys one write at a time and waits until the frame has settled. */
  press(...keys: string[]): Promise<void>;
  /** The last frame, lines right-trimmed. */
  frame(): string;
  /** Locations the editor was asked to open. */
  opened: Location[];
  unmount(): void;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 15));

/** Renders the App at a fixed size with a fake editor. */
export async function renderApp(result: AnalysisResult, options: { size?: TerminalSize; boundariesPath?: string; cwd?: string } = {}): Promise<AppDriver> {
  const opened: Location[] = [];
  const openLocation = (location: Location): Status => {
    opened.push(location);
    return { text: `(test) opened ${location.file}:${location.line}`, tone: 'info' };
  };
  const app = render(
    <App
      result={result}
      label="fixtures/ecommerce"
      color={false}
      size={options.size ?? { columns: 100, rows: 30 }}
      boundariesPath={options.boundariesPath ?? '/nonexistent/seams.boundaries.json'}
      cwd={options.cwd ?? '/nonexistent'}
      openLocation={openLocation}
    />,
  );
  await settle();
  return {
    async press(...keys) {
      for (const key of keys) {
        app.stdin.write(key);
        await settle();
      }
    },
    frame() {
      return (app.lastFrame() ?? '')
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n');
    },
    opened,
    unmount: () => app.unmount(),
  };
}
