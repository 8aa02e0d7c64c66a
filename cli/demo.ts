/**
 * `npm run demo`: a realistic session against the embedded sandbox, started in-process with seeded
 * data and a modest rate limit. Who am I, a page of tickets, a create, an update with a comment, a
 * search count, then a bulk triage of a few thousand tickets (dry run, real run, and a rerun that
 * changes nothing). Works with stdout piped; exits 0 when every step did what it should.
 *
 * Size: --tickets N / DEMO_TICKETS (default 30000), rate limit: --rate-limit N / DEMO_RATE_LIMIT
 * (requests per minute, default 300), --quiet / DEMO_QUIET=1 for no progress output.
 */
import { executeTool } from '../catalog';
import { type ExecuteOptions, type ToolResult } from '../lib/executor';
import { startSandbox } from '../sandbox';
import { summaryText, table } from '../triage/report';
import { triageTickets } from '../triage/run';
import type { TriageChanges, TriageReport } from '../triage/types';
import { createProgress } from './progress';

interface DemoOptions {
  tickets: number;
  rateLimit: number;
  quiet: boolean;
}

function readOptions(argv: string[]): DemoOptions {
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (value: string | undefined, fallback: number, what: string) => {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number; got "${value}"`);
    return n;
  };
  return {
    tickets: number(flag('--tickets') ?? process.env.DEMO_TICKETS, 30_000, 'tickets'),
    rateLimit: number(flag('--rate-limit') ?? process.env.DEMO_RATE_LIMIT, 300, 'rate limit'),
    quiet: argv.includes('--quiet') || process.env.DEMO_QUIET === '1',
  };
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

class DemoFailure extends Error {}

/** A value as a shell would need it: bare when safe, single-quoted otherwise. */
const shellQuote = (value: string) => (/^[\w.,:@%+=\/-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new DemoFailure(message);
}

export async function runDemo(options: DemoOptions): Promise<{ elapsedMs: number; first: TriageReport; second: TriageReport }> {
  const started = Date.now();
  out('zendesk-blocks demo: the Zendesk Support API as declarative operations, run by one executor,');
  out('against the embedded Zendesk sandbox (a local HTTP server that answers like Zendesk).');
  out();
  const sandbox = await startSandbox({ port: 0, seed: 7, tickets: options.tickets, users: 400, organizations: 60, rateLimit: options.rateLimit, rateLimitBurst: 20, jobDelayMs: 40 });
  try {
    out(`Sandbox: ${fmt(options.tickets)} tickets seeded, rate limit ${options.rateLimit ? `${options.rateLimit} requests/min (burst 20)` : 'none'}, ready in ${seconds(Date.now() - started)}`);
    out(`         ${sandbox.baseUrl}`);
    out();
    const credentials = { subdomain: sandbox.credentials.subdomain, email: sandbox.credentials.email, apiToken: sandbox.credentials.apiToken };
    const connection: ExecuteOptions = { baseUrl: sandbox.baseUrl };
    let stepNo = 0;
    const step = async (title: string, toolId: string, params: Record<string, unknown>): Promise<Record<string, any>> => {
      stepNo += 1;
      const shown = Object.entries(params).map(([k, v]) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${shellQuote(String(v))}`).join(' ');
      out(`${stepNo}. ${title}`);
      out(`   $ zendesk-blocks run ${toolId.replace(/^zendesk_/, '')} ${shown}`.trimEnd());
      const t = Date.now();
      const result: ToolResult = await executeTool(toolId, { ...credentials, ...params }, connection);
      if (!result.success) throw new DemoFailure(`${toolId} failed: ${result.error.message}`);
      out(`   (${Date.now() - t} ms)`);
      return result.output;
    };

    const me = await step('Who am I?', 'zendesk_get_current_user', {});
    out(`   -> ${me.user.name} <${me.user.email}>, ${me.user.role}, id ${me.user_id}`);
    out();

    const page = await step('A page of tickets, most recently updated first', 'zendesk_get_tickets', { perPage: '5', sort: '-updated_at' });
    for (const t of page.tickets as Record<string, any>[]) {
      out(`   #${String(t.id).padEnd(6)} ${String(t.status).padEnd(8)} ${String(t.priority ?? '-').padEnd(7)} ${String(t.subject).slice(0, 60)}`);
    }
    out(`   more pages: ${page.paging.has_more} (cursor ${String(page.paging.after_cursor).slice(0, 16)}...)`);
    out();

    const created = await step('Create a ticket', 'zendesk_create_ticket', {
      subject: 'Invoice shows the wrong VAT rate',
      description: 'Hello, my March invoice applies 25% VAT instead of 20%. Can you correct it? Thanks, Dana',
      priority: 'normal',
      tags: 'billing, vat',
    });
    const ticketId = created.ticket_id as number;
    out(`   -> ticket #${ticketId} "${created.ticket.subject}" is ${created.ticket.status}, tags [${created.ticket.tags.join(', ')}]`);
    out();

    const updated = await step('Update it with a comment', 'zendesk_update_ticket', {
      ticketId: String(ticketId),
      status: 'pending',
      comment: 'Thanks Dana, we are correcting the invoice and will send it again today.',
    });
    out(`   -> #${ticketId} is now ${updated.ticket.status}; it has ${sandbox.state.commentsFor(ticketId).length} comments`);
    out();

    const query = 'status<solved tags:billing';
    const counted = await step('How many unsolved billing tickets?', 'zendesk_search_count', { query: `type:ticket ${query}` });
    out(`   -> ${fmt(counted.count)} tickets: more than the search API's 1,000-result window, so triage lists them through the search export`);
    out();

    const billing = [...sandbox.state.groups.map.values()].find((g) => g.name === 'Billing');
    check(billing, 'the sandbox has no Billing group');
    const changes: TriageChanges = {
      priority: 'high',
      groupId: billing.id,
      addTags: ['triaged'],
      comment: 'Triage: routed to the Billing team with high priority. We will get back to you shortly.',
    };
    const cli = `zendesk-blocks triage --query '${query}' --set priority=high --group ${billing.id} --add-tags triaged --comment '...'`;
    const target = { ...credentials, connection };
    const triage = async (dryRun: boolean) => {
      const progress = createProgress({ quiet: options.quiet });
      try {
        return await triageTickets(target, { query, changes, dryRun, onProgress: (e) => progress.triage(e) });
      } finally {
        progress.stop();
      }
    };

    stepNo += 1;
    out(`${stepNo}. Bulk triage, dry run first: what would change?`);
    out(`   $ ${cli} --dry-run`);
    const dry = await triage(true);
    out(summaryText({ ...dry, sample: dry.sample.slice(0, 3) }).replace(/^/gm, '   '));
    check(dry.updated === 0 && dry.wouldUpdate > 0, 'the dry run should update nothing and find tickets to update');
    const untouched = sandbox.state.tickets.get(dry.sample[0].id);
    check(untouched && !untouched.tags.includes('triaged'), 'the dry run changed a ticket');
    out();

    stepNo += 1;
    out(`${stepNo}. Bulk triage: priority high, group Billing, tag "triaged", and an internal note on every ticket`);
    out(`   $ ${cli}`);
    const requestsBefore = sandbox.stats.total;
    const first = await triage(false);
    out(summaryText(first).replace(/^/gm, '   '));
    out(`   sandbox: ${fmt(sandbox.stats.total - requestsBefore)} requests received, ${sandbox.stats.rateLimited} answered 429 so far`);
    check(first.failed === 0, `${first.failed} tickets failed`);
    check(first.updated === dry.wouldUpdate, `updated ${first.updated}, expected ${dry.wouldUpdate}`);
    const wrong = first.tickets.filter((t) => {
      const record = sandbox.state.tickets.get(t.id)!;
      return t.outcome === 'updated' && (record.priority !== 'high' || record.group_id !== billing.id || !record.tags.includes('triaged') || !record.tags.includes(first.marker!));
    });
    check(wrong.length === 0, `${wrong.length} tickets reported updated do not show the change`);
    out(`   verified in the sandbox: all ${fmt(first.updated)} updated tickets show the change and the marker tag ${first.marker}`);
    out();

    stepNo += 1;
    out(`${stepNo}. The same triage again: the marker tag makes it a no-op`);
    out(`   $ ${cli}`);
    const commentsBefore = first.tickets.slice(0, 200).map((t) => sandbox.state.commentsFor(t.id).length);
    const second = await triage(false);
    out(summaryText(second).replace(/^/gm, '   '));
    const commentsAfter = first.tickets.slice(0, 200).map((t) => sandbox.state.commentsFor(t.id).length);
    check(second.updated === 0 && second.failed === 0, `the rerun updated ${second.updated} and failed ${second.failed}`);
    check(second.alreadyTriaged === first.updated, `the rerun saw ${second.alreadyTriaged} already triaged, expected ${first.updated}`);
    check(commentsBefore.every((n, i) => n === commentsAfter[i]), 'the rerun added comments');
    out(`   verified: no ticket got a second comment (${fmt(second.alreadyTriaged)} skipped as already triaged)`);
    out();

    const elapsedMs = Date.now() - started;
    out('Session summary');
    out(
      table([
        ['', 'value'],
        ['tickets triaged', fmt(first.updated)],
        ['requests made', fmt(sandbox.stats.total)],
        ['429s seen', fmt(sandbox.stats.rateLimited)],
        ['rate limit', options.rateLimit ? `${options.rateLimit}/min, paced` : 'none'],
        ['time', seconds(elapsedMs)],
      ]).replace(/^/gm, '  '),
    );
    return { elapsedMs, first, second };
  } finally {
    await sandbox.close();
  }
}

if (require.main === module) {
  let options: DemoOptions;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`demo: ${(error as Error).message}\n`);
    process.exit(2);
  }
  runDemo(options).then(
    () => process.stdout.write('', () => process.exit(0)),
    (error) => {
      process.stderr.write(`demo failed: ${error instanceof DemoFailure ? error.message : (error as Error).stack}\n`);
      process.stdout.write('', () => process.exit(1));
    },
  );
}
