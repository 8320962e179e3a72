import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One timed run of a child process. */
export interface Measurement {
  /** Wall time from spawn to exit, in milliseconds. */
  milliseconds: number;
  /** Peak resident set size of the child, in bytes (undefined when it could not be read). */
  peakRss: number | undefined;
  /** How the peak was read: GNU time's %M, or polling /proc/<pid>/status VmHWM. */
  rssSource: 'time' | 'proc' | 'none';
  exitCode: number | null;
  timedOut: boolean;
  /** The last lines of stderr (for a failed run). */
  stderrTail: string;
}

/** A command to time. `stdoutFile` receives its stdout (else it is discarded). */
export interface TimedCommand {
  command: string;
  args: string[];
  cwd?: string;
  stdoutFile?: string;
  timeoutMs?: number;
}

const GNU_TIME = '/usr/bin/time';

/** True when GNU time is installed (it reports the child's peak RSS exactly). */
export function hasGnuTime(): boolean {
  try {
    fs.accessSync(GNU_TIME, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** VmHWM (peak RSS) of a live process from /proc, in bytes. */
function readVmHwm(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command as a child process and measures its wall time and peak RSS: through GNU time
 * (`/usr/bin/time -f %M`) when present, else by polling /proc/<pid>/status VmHWM every 20 ms
 * (a high-water mark, so polling misses at most the last 20 ms).
 */
export async function measure(command: TimedCommand, useGnuTime = hasGnuTime()): Promise<Measurement> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seams-measure-'));
  const rssFile = path.join(scratch, 'rss');
  const stdout = command.stdoutFile ? fs.openSync(command.stdoutFile, 'w') : 'ignore';
  const [file, args] = useGnuTime ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command.command, ...command.args]] : [command.command, command.args];
  const started = performance.now();
  const child = spawn(file, args, { cwd: command.cwd, stdio: ['ignore', stdout, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let polled: number | undefined;
  const poll = useGnuTime || child.pid === undefined ? undefined : setInterval(() => {
    const value = readVmHwm(child.pid as number);
    if (value !== undefined) polled = Math.max(polled ?? 0, value);
  }, 20);
  let timedOut = false;
  const timer = command.timeoutMs ? setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, command.timeoutMs) : undefined;
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const milliseconds = performance.now() - started;
  if (poll) clearInterval(poll);
  if (timer) clearTimeout(timer);
  if (typeof stdout === 'number') fs.closeSync(stdout);
  let peakRss = polled;
  let rssSource: Measurement['rssSource'] = polled === undefined ? 'none' : 'proc';
  if (useGnuTime) {
    const kib = Number(fs.existsSync(rssFile) ? /(\d+)\s*$/.exec(fs.readFileSync(rssFile, 'utf8'))?.[1] : undefined);
    peakRss = Number.isFinite(kib) ? kib * 1024 : undefined;
    rssSource = peakRss === undefined ? 'none' : 'time';
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  return { milliseconds, peakRss, rssSource, exitCode, timedOut, stderrTail: stderr.split('\n').slice(-6).join('\n') };
}

/** Median of numbers (the lower middle for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}
