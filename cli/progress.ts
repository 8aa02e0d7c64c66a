/**
 * Progress for long commands: bars (cli-progress) when stderr is a terminal, plain lines on stderr
 * otherwise (one per search page, and one per 10% of the updates), so logs stay readable.
 */
import cliProgress from 'cli-progress';
import type { JobProgress } from '../lib/jobs';
import type { OffboardProgress } from '../offboard/types';
import type { TriageProgress } from '../triage/types';

export interface ProgressReporter {
  /** Feed every triage event here. */
  triage(event: TriageProgress): void;
  /** Feed job progress (bulk operations with --wait). */
  jobs(progress: JobProgress): void;
  /** Feed every offboarding event here. */
  offboard(event: OffboardProgress): void;
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Force bars (true) or lines (false); default: bars on a terminal. */
  bars?: boolean;
  /** No output at all. */
  quiet?: boolean;
}

const silent: ProgressReporter = { triage: () => undefined, jobs: () => undefined, offboard: () => undefined, stop: () => undefined };

export function createProgress(options: ProgressOptions = {}): ProgressReporter {
  if (options.quiet) return silent;
  const stream = options.stream ?? process.stderr;
  return (options.bars ?? Boolean(stream.isTTY)) ? barProgress(stream) : lineProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): ProgressReporter {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: ' {label} |{bar}| {value}/{total} {unit} {extra}',
      barCompleteChar: '\u2588',
      barIncompleteChar: '\u2591',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 20,
      fps: 15,
    },
    cliProgress.Presets.shades_classic,
  );
  let search: cliProgress.SingleBar | undefined;
  let update: cliProgress.SingleBar | undefined;
  const stepBars = new Map<string, cliProgress.SingleBar>();
  let stopped = false;
  const jobs = (p: JobProgress, unit = 'items') => {
    const extra = `jobs ${p.jobsFinished}/${p.jobs}`;
    if (!update) update = multi.create(Math.max(1, p.total), 0, { label: 'update', unit, extra });
    update.setTotal(Math.max(1, p.total));
    update.update(p.done, { extra });
  };
  return {
    triage(event) {
      if (event.phase === 'count') {
        search = multi.create(Math.max(1, event.expected ?? 1), 0, { label: 'search', unit: 'found', extra: '' });
      } else if (event.phase === 'search') {
        search ??= multi.create(Math.max(1, event.expected ?? event.found), 0, { label: 'search', unit: 'found', extra: '' });
        // The count is taken before the export and may differ from it a little: grow or shrink to what was found at the end.
        search.setTotal(Math.max(1, event.expected ?? event.found, event.found));
        search.update(event.found, { extra: `page ${event.pages}` });
      } else if (event.phase === 'update') {
        jobs(event, 'tickets');
      } else if (event.phase === 'done') {
        search?.setTotal(Math.max(1, event.report.tickets.length));
        search?.update(event.report.tickets.length);
      }
    },
    jobs: (p) => jobs(p),
    offboard(event) {
      const line = offboardLine(event);
      // The bars' log is written on their next redraw; before the first bar there is none.
      if (line) {
        if (stepBars.size) multi.log(`${line}\n`);
        else stream.write(`${line}\n`);
      }
      if (event.phase !== 'jobs') return;
      // One bar per step that runs jobs (the tickets, then the memberships).
      let bar = stepBars.get(event.step);
      const extra = `jobs ${event.jobsFinished}/${event.jobs}`;
      if (!bar) stepBars.set(event.step, (bar = multi.create(Math.max(1, event.total), 0, { label: event.step, unit: event.step, extra })));
      bar.setTotal(Math.max(1, event.total));
      bar.update(event.done, { extra });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // Lines logged since the last redraw are written by a redraw, which stop() does not do.
      if (stepBars.size) multi.update();
      multi.stop();
    },
  };
}

function lineProgress(stream: NodeJS.WriteStream): ProgressReporter {
  let lastDecile = -1;
  let finalWritten = false;
  let jobsOf: string | undefined;
  const write = (line: string) => stream.write(`${line}\n`);
  const jobs = (p: JobProgress, unit = 'items') => {
    const decile = p.total ? Math.floor((p.done / p.total) * 10) : 10;
    const final = p.jobsFinished === p.jobs;
    if (final ? finalWritten : decile === lastDecile || decile >= 10) return;
    lastDecile = decile;
    finalWritten = final;
    write(`update: ${p.done}/${p.total} ${unit} (${Math.round((p.done / Math.max(1, p.total)) * 100)}%), jobs ${p.jobsFinished}/${p.jobs} done`);
  };
  return {
    triage(event) {
      if (event.phase === 'count') {
        const n = event.expected ?? 'an unknown number of';
        write(`search: ${n} ticket(s) match the query${event.marker ? ` (tickets tagged ${event.marker} are skipped)` : ''}`);
      } else if (event.phase === 'search') write(`search: page ${event.pages}, ${event.found} ticket(s) to consider`);
      else if (event.phase === 'update') jobs(event, 'tickets');
    },
    jobs: (p) => jobs(p),
    offboard(event) {
      const line = offboardLine(event);
      if (line) write(line);
      if (event.phase !== 'jobs') return;
      // Each step's jobs are reported on their own: a line per 10% and one when they are all done.
      if (event.step !== jobsOf) {
        jobsOf = event.step;
        lastDecile = -1;
        finalWritten = false;
      }
      jobs(event, event.step);
    },
    stop: () => undefined,
  };
}

/** The line an offboarding event is shown as (jobs have their own bars or lines). */
function offboardLine(event: OffboardProgress): string | undefined {
  switch (event.phase) {
    case 'resolved': {
      const u = event.user;
      return `user: ${u.id}${u.name ? ` ${u.name}` : ''}${u.email ? ` <${u.email}>` : ''}${u.role ? ` (${u.role})` : ''}`;
    }
    case 'search':
      return `tickets: search page ${event.pages}, ${event.found} ticket(s) found`;
    case 'stepDone':
      return `${event.step.step}: ${event.step.status} (${event.step.detail})`;
    default:
      return undefined;
  }
}
