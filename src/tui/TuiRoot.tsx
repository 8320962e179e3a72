import { useEffect, useState } from 'react';
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import type { AnalysisResult } from '../model/result.js';
import { STAGES, type ProgressEvent, type ProgressListener } from '../pipeline/progress.js';
import { App, type AppProps } from './App.js';
import { fitText } from './layout.js';

/** Width of the progress bar in cells. */
const BAR_WIDTH = 30;

/** Properties of {@link ProgressView}. */
export interface ProgressViewProps {
  /** What is being analyzed. */
  label: string;
  /** The latest progress event, if any. */
  progress: ProgressEvent | undefined;
  width: number;
}

/** The analysis under way: each stage (done, current, to come) and a bar of files parsed / total. */
export function ProgressView({ label, progress, width }: ProgressViewProps): React.JSX.Element {
  const current = progress ? STAGES.indexOf(progress.stage) : -1;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{fitText(`seams: analyzing ${label}`, width)}</Text>
      <Text dimColor>{fitText(progress ? ' ' : '  loading the analyzers…', width)}</Text>
      {STAGES.map((stage, position) => {
        const mark = position < current ? '✓' : position === current ? '▸' : ' ';
        let bar = '';
        if (position === current && progress?.total !== undefined) {
          const done = progress.done ?? 0;
          const filled = progress.total === 0 ? BAR_WIDTH : Math.round((done / progress.total) * BAR_WIDTH);
          bar = ` [${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${done}/${progress.total} files`;
        }
        return (
          <Text key={stage} bold={position === current} dimColor={position > current}>
            {fitText(`  ${mark} ${stage.padEnd(12)}${bar}`, width)}
          </Text>
        );
      })}
      <Text> </Text>
      <Text dimColor>{fitText('Ctrl-C or q cancels. To skip this wait next time: seams analyze <dir> -o result.json; seams tui result.json', width)}</Text>
    </Box>
  );
}

/** Properties of {@link TuiRoot}: the App's, with a loader in place of the result. */
export interface TuiRootProps extends Omit<AppProps, 'result'> {
  /** Produces the result, reporting progress; rejected errors end the TUI with that error. */
  load: (onProgress: ProgressListener) => Promise<AnalysisResult>;
  /** Called when the user quits while loading. */
  onCancel: () => void;
}

/** Shows the analysis progress, then the TUI on its result. */
export function TuiRoot(props: TuiRootProps): React.JSX.Element {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [result, setResult] = useState<AnalysisResult | undefined>(undefined);
  const [progress, setProgress] = useState<ProgressEvent | undefined>(undefined);
  useEffect(() => {
    let active = true;
    props.load((event) => {
      if (active) setProgress(event);
    }).then(
      (loaded) => {
        if (active) setResult(loaded);
      },
      (error: unknown) => {
        if (active) exit(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      active = false;
    };
  }, []);
  useInput(
    (input) => {
      if (input === 'q') {
        props.onCancel();
        exit();
      }
    },
    { isActive: result === undefined },
  );
  if (result === undefined) return <ProgressView label={props.label} progress={progress} width={props.size?.columns ?? (stdout.columns || 80)} />;
  const { load: _load, onCancel: _onCancel, ...appProps } = props;
  return <App {...appProps} result={result} />;
}
