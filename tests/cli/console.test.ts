/**
 * `zendesk-blocks console`, driven through its input stream as a terminal: completion of operations
 * and params, `.help`, a call with `_`, an error as the CLI gives it, and the persistent history.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { startConsole } from '../../cli/console';
import { openTarget, type Target } from '../../cli/target';
import { cli } from './run-cli';

let target: Target;
let dir: string;

beforeAll(async () => {
  target = await openTarget({ sandbox: true, sandboxTickets: '30' }, new Command());
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-console-'));
});
afterAll(async () => {
  await target?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/** A console on a fake terminal: keys in, the screen's text out. */
async function terminal(historyFile = '') {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk) => (screen += chunk.toString()));
  const server = await startConsole({ target, input, output, terminal: true, useColors: false, historyFile, label: 'the embedded sandbox' });
  const text = () => screen.replace(ANSI, '');
  /** Waits until the screen, from `from` on, matches. */
  const until = async (pattern: RegExp | string, from = 0, timeoutMs = 15_000) => {
    const started = Date.now();
    for (;;) {
      const shown = text().slice(from);
      if (typeof pattern === 'string' ? shown.includes(pattern) : pattern.test(shown)) return shown;
      if (Date.now() - started > timeoutMs) throw new Error(`the console never showed ${pattern}; it shows:\n${shown}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  /** Types keys one chunk at a time (a terminal sends a Tab on its own). */
  const keys = async (...chunks: string[]) => {
    for (const chunk of chunks) {
      input.write(chunk);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };
  /** Types a line and returns what the console printed for it, up to its next prompt. */
  const line = async (code: string) => {
    const from = text().length;
    await keys(`${code}\r`);
    const shown = await until(/\n(zendesk> )$/, from);
    return shown.slice(shown.indexOf('\n') + 1).replace(/zendesk> $/, '');
  };
  const close = async () => {
    const done = new Promise((resolve) => server.once('done', resolve));
    await keys('.exit\r');
    await done;
  };
  return { server, text, until, keys, line, close };
}

describe('zendesk-blocks console', () => {
  it('completes operation names, and the params of the operation being called', async () => {
    const t = await terminal();
    await t.until('zendesk> ');
    expect(t.text()).toContain('Zendesk console on the embedded sandbox');
    let from = t.text().length;
    await t.keys('get_ticke', '\t', '\t');
    expect(await t.until(/get_ticket\s+get_tickets/, from)).toBeTruthy();
    await t.keys('\x15'); // Ctrl+U: clear the line
    from = t.text().length;
    await t.keys('await get_ticket({ tic', '\t');
    await t.until('await get_ticket({ ticketId', from);
    expect(await t.line(': 3 })')).toContain(`ticket_id: 3`);
    // Inside run('...'), the names; inside its object, that operation's params; ones given are not offered again.
    from = t.text().length;
    await t.keys("run('update_tickets_b", '\t');
    await t.until("run('update_tickets_bulk", from);
    await t.keys("', { ticketIds: '1', ", '\t', '\t');
    const shown = await t.until(/assigneeId[\s\S]*zendesk> /, from);
    const offered = shown.slice(shown.indexOf('\n'), shown.lastIndexOf('zendesk> ')).split(/\s+/).filter(Boolean);
    expect(offered).toEqual(expect.arrayContaining(['status', 'priority', 'assigneeId', 'groupId', 'tags']));
    expect(offered).not.toContain('ticketIds');
    await t.keys('\x15');
    from = t.text().length;
    await t.keys('.help update_t', '\t', '\t');
    await t.until(/update_ticket\s+update_tickets_bulk/, from);
    await t.keys('\x15');
    await t.close();
  });

  it('prints an operation\'s docs with .help, and the console\'s own with .help alone', async () => {
    const t = await terminal();
    await t.until('zendesk> ');
    const help = await t.line('.help get_ticket');
    expect(help).toContain('zendesk_get_ticket (get_ticket): Get ticket');
    expect(help).toContain('Params (keys of the object `get_ticket({...})` takes):');
    expect(help).toMatch(/ticketId\s+numeric id\s+required/);
    expect(help).toContain('await get_ticket({ ticketId: "12345" })');
    expect(help).not.toContain('--ticket-id');
    const overview = await t.line('.help');
    expect(overview).toContain('update_tickets_bulk');
    expect(overview).toContain('run(name, params, options)');
    expect(await t.line('.help get_tiket')).toContain('error: Unknown operation "get_tiket". Did you mean: get_ticket, get_tickets?');
    await t.close();
  });

  it('runs a call, keeps its result in _, and gives the CLI\'s errors', async () => {
    const t = await terminal();
    await t.until('zendesk> ');
    const subject = target.sandbox!.state.ticket(5)!.subject;
    const result = await t.line('await get_ticket({ ticketId: 5 })');
    expect(result).toContain('success: true');
    expect(result).toContain(`subject: '${subject}'`);
    expect(await t.line('_.output.ticket.subject')).toBe(`'${subject}'\n`);
    expect(await t.line("(await run('zendesk_get_ticket', { ticketId: '6' })).output.ticket.id")).toBe('6\n');

    const failed = await t.line("await get_ticket({ ticketId: 'abc' })");
    expect(failed).toMatch(/^error: ticketId must be a numeric id \(digits only\), e\.g\. 12345; got abc\.\n/);
    expect(failed).toContain("code: 'invalid_input'");
    expect(await t.line('_.error.param')).toBe("'ticketId'\n");
    expect(await t.line('(await get_ticket({ ticketId: 999999 })).error.code')).toBe("'not_found'\n");
    expect(await t.line("await run('get_tiket')")).toContain('UsageError: Unknown operation "get_tiket". Did you mean: get_ticket, get_tickets?');
    expect(await t.line('await get_ticket({ ticketId: 5 }, { everything: true })')).toContain('Unknown option everything');
    // A job's progress while it runs, then its result.
    const bulk = await t.line("(await update_tickets_bulk({ ticketIds: '1,2,3', tags: 'console' }, { waitForJob: true })).output.job_status.status");
    expect(bulk).toMatch(/update: \d+\/3 items/);
    expect(bulk.trim().split('\n').pop()).toBe("'completed'");
    await t.close();
  });

  it('keeps its history in a file, for the next console', async () => {
    const file = path.join(dir, 'data', 'console_history');
    const first = await terminal(file);
    await first.until('zendesk> ');
    await first.line('await search_count({ query: "status:open" })');
    await first.close();
    expect(fs.readFileSync(file, 'utf8')).toContain('await search_count({ query: "status:open" })');

    const second = await terminal(file);
    await second.until('zendesk> ');
    const from = second.text().length;
    await second.keys('\x1b[A', '\x1b[A'); // the up arrow recalls the lines before (.exit, then the call)
    await second.until('await search_count({ query: "status:open" })', from);
    await second.keys('\x15');
    await second.close();
  });

  it('runs a script piped in, line after line, as a command', async () => {
    const script = ['await get_ticket({ ticketId: 2 })', '_.output.ticket.id + 1', "await get_ticket({ ticketId: 'x' })", ''].join('\n');
    const { code, stdout } = await cli(['console', '--sandbox', '--sandbox-tickets', '10', '--no-history'], { input: script });
    expect(code).toBe(0);
    const results = stdout.split('zendesk> ').slice(1);
    expect(results[0]).toContain('ticket_id: 2');
    expect(results[1].trim()).toBe('3');
    expect(results[2]).toMatch(/^error: ticketId must be a numeric id/);
  });

  it('says what is missing without credentials, as the CLI does', async () => {
    const { code, stderr } = await cli(['console', '--no-history']);
    expect(code).toBe(2);
    expect(stderr).toContain('No Zendesk subdomain: pass --subdomain or set ZENDESK_SUBDOMAIN (or use --sandbox).');
  });
});
