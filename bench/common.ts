/** Helpers shared by the benchmark sections: statistics, memory sampling, child processes, machine info. */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** One line of the results table. */
export interface Row {
  figure: string;
  value: string;
  goal?: string;
  /** true = met, false = missed, undefined = no goal. */
  met?: boolean;
}

export interface SectionResult {
  section: string;
  title: string;
  rows: Row[];
  /** Every figure of the section, for results.json. */
  data: Record<string, unknown>;
  notes: string[];
  durationMs: number;
}

export const MB = 1024 * 1024;

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number; got "${raw}"`);
  return n;
}

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface LatencySummary {
  count: number;
  medianMs: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
}

export function summarize(latenciesMs: readonly number[]): LatencySummary {
  const s = [...latenciesMs].sort((a, b) => a - b);
  const sum = s.reduce((a, b) => a + b, 0);
  return {
    count: s.length,
    medianMs: round(percentile(s, 50), 4),
    p90Ms: round(percentile(s, 90), 4),
    p99Ms: round(percentile(s, 99), 4),
    meanMs: round(sum / Math.max(1, s.length), 4),
    minMs: round(s[0] ?? Number.NaN, 4),
    maxMs: round(s[s.length - 1] ?? Number.NaN, 4),
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const ms = (n: number, digits = 1) => `${n.toFixed(digits)} ms`;
export const us = (millis: number) => `${Math.round(millis * 1000)} µs`;
/** A duration given in ms: µs below 1 ms, else ms. */
export const dur = (millis: number) => (millis < 1 ? us(millis) : `${millis.toFixed(millis < 10 ? 2 : 1)} ms`);
export const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
export const seconds = (millis: number, digits = 1) => `${(millis / 1000).toFixed(digits)} s`;
export const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs a collection of the process's garbage when the child was started with --expose-gc. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

export interface MemoryPeak {
  baselineRss: number;
  baselineHeapUsed: number;
  peakRss: number;
  peakHeapUsed: number;
  /** Peaks above the baseline, bytes. */
  rssDelta: number;
  heapUsedDelta: number;
  samples: number;
  intervalMs: number;
}

/**
 * Samples rss and heapUsed every `intervalMs` from now until stop(); the baseline is taken at start
 * (call collectGarbage() first). Also samples once more at stop, so a short run still has a peak.
 */
export function startMemorySampler(intervalMs = 20): { stop(): MemoryPeak } {
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples += 1;
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return {
        baselineRss: base.rss,
        baselineHeapUsed: base.heapUsed,
        peakRss,
        peakHeapUsed: peakHeap,
        rssDelta: peakRss - base.rss,
        heapUsedDelta: peakHeap - base.heapUsed,
        samples,
        intervalMs,
      };
    },
  };
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
  };
}

/** Progress lines go to stderr, so stdout holds only the table. */
export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const CHILD = path.join(__dirname, 'child.ts');

/**
 * Runs one task of bench/child.ts in a fresh Node process (same tsx loader, plus --expose-gc) and
 * resolves to what it sends back. A fresh process per task keeps heaps, JIT state and the per-account
 * pacers of one task out of the next one's figures.
 */
export function runChild<T>(task: string, args: string[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [task, ...args], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: { ok: true; value: T } | { ok: false; error: string } | undefined;
    child.on('message', (message) => {
      result = message as typeof result;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result?.ok) resolve(result.value);
      else reject(new Error(result && !result.ok ? result.error : `bench task ${task} exited with ${signal ?? code} and sent no result`));
    });
  });
}
