/**
 * The benchmark suite: `npm run bench` (all sections) or `npm run bench -- --only overhead,listing`.
 * Everything runs on this machine against the embedded sandbox; each measurement runs in a fresh
 * child process. Prints a markdown table on stdout (progress on stderr) and writes every figure of
 * the run, with the machine's details, to bench/results.json. Not part of `npm test`.
 *
 * Sections: overhead, listing, triage, creates, throughput, pacing. Knobs (environment):
 *   BENCH_OVERHEAD_CALLS (6000)      calls per variant in section 1
 *   BENCH_OVERHEAD_CODE (dist)       section 1 times the built package (dist/, rebuilt first), or `source`
 *   BENCH_LISTING_TICKETS (100000)   tickets listed in section 2
 *   BENCH_LISTING_RUNS (2)           runs per client in section 2 (ABBA order)
 *   BENCH_TRIAGE_TICKETS (10000)     tickets triaged in section 3
 *   BENCH_TRIAGE_RATE (300)          sandbox rate limit, requests/minute, in section 3
 *   BENCH_TRIAGE_BURST (50)          sandbox token bucket size in section 3
 *   BENCH_CREATES (1000)             creates in section 4
 *   BENCH_CREATE_CONCURRENCY (8)     concurrent creates in section 4
 *   BENCH_THROUGHPUT_MS (4000)       duration of section 5 (two phases)
 *   BENCH_PACING_MS (120000)         duration of each run of section 6 (needs redis-server)
 *   BENCH_PACING_RATE (300)          sandbox rate limit, requests/minute, in section 6
 *   BENCH_RESULTS (bench/results.json) where to write the results
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log, machineInfo, type Row, type SectionResult } from './common';
import { createsSection } from './creates';
import { listingSection } from './listing';
import { overheadSection } from './overhead';
import { pacingSection } from './pacing';
import { throughputSection } from './throughput';
import { triageSection } from './triage';

const SECTIONS: Record<string, () => Promise<SectionResult>> = {
  overhead: overheadSection,
  listing: listingSection,
  triage: triageSection,
  creates: createsSection,
  throughput: throughputSection,
  pacing: pacingSection,
};

function selectedSections(argv: string[]): string[] {
  let only: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--only') only = argv[++i];
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log(`usage: npm run bench [-- --only ${Object.keys(SECTIONS).join(',')}]`);
      process.exit(0);
    } else throw new Error(`unknown argument "${arg}"; usage: npm run bench [-- --only ${Object.keys(SECTIONS).join(',')}]`);
  }
  if (only === undefined) return Object.keys(SECTIONS);
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in SECTIONS));
  if (unknown.length || names.length === 0) throw new Error(`--only takes a comma-separated list of: ${Object.keys(SECTIONS).join(', ')}; got "${only}"`);
  return Object.keys(SECTIONS).filter((n) => names.includes(n));
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function markdownTable(results: SectionResult[]): string {
  const lines = ['| Section | Figure | Measured | Goal | Met |', '|---|---|---|---|---|'];
  for (const r of results) {
    r.rows.forEach((row: Row, i) => {
      const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
      lines.push(`| ${i === 0 ? cell(r.title) : ''} | ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.goal ?? '')} | ${met} |`);
    });
  }
  return lines.join('\n');
}

async function main() {
  const names = selectedSections(process.argv.slice(2));
  const machine = machineInfo();
  const started = Date.now();
  log(`sections: ${names.join(', ')}; ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}`);
  const results: SectionResult[] = [];
  const failures: { section: string; error: string }[] = [];
  // Other work on the machine moves latencies: the load average after each section goes into the results.
  const loadAfter: Record<string, number[]> = {};
  for (const name of names) {
    try {
      const r = await SECTIONS[name]();
      loadAfter[name] = os.loadavg().map((n) => Math.round(n * 100) / 100);
      log(`${name}: done in ${(r.durationMs / 1000).toFixed(1)} s (load average ${loadAfter[name].join(', ')})`);
      results.push(r);
    } catch (error) {
      const message = (error as Error).message;
      log(`${name}: FAILED: ${message}`);
      failures.push({ section: name, error: message });
    }
  }
  const totalMs = Date.now() - started;
  const table = markdownTable(results);
  const notes = results.flatMap((r) => r.notes.map((n) => `${r.section}: ${n}`));
  const out = {
    machine,
    sections: names,
    totalSeconds: Math.round(totalMs / 100) / 10,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('BENCH_'))),
    results: Object.fromEntries(
      results.map((r) => [r.section, { title: r.title, durationMs: r.durationMs, loadAverageAfter: loadAfter[r.section], rows: r.rows, notes: r.notes, data: r.data }]),
    ),
    failures,
    table,
  };
  const file = process.env.BENCH_RESULTS ?? path.join(__dirname, 'results.json');
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);

  console.log(
    `\nMachine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.totalMemoryGB} GB, node ${machine.node}, ${machine.date}; ` +
      `load average at start ${machine.loadAverageAtStart.join(', ')}\n`,
  );
  console.log(table);
  for (const n of notes) console.log(`\n- ${n}`);
  for (const f of failures) console.log(`\n- ${f.section} FAILED: ${f.error}`);
  console.log(`\nTotal ${(totalMs / 1000).toFixed(0)} s. Every figure: ${path.relative(process.cwd(), file)}`);
  if (failures.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
