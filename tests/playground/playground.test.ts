/**
 * The playground in a real headless Chromium, against the embedded sandbox over HTTP: the block's own
 * form, the request preview, runs, errors on their fields, job progress, per-item tables, the next
 * page, permalinks that outlive the server, and pages of other sites refused.
 */
import fs from 'node:fs';
import http, { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { fieldRequiredFor, fieldVisibleFor, zendeskBlock } from '../../blocks';
import { operationDoc } from '../../blocks/docs';
import { getTool } from '../../catalog';
import { type Playground, startPlayground } from '../../playground/server';
import { type Sandbox, startSandbox } from '../../sandbox';
import { type Browser, launchBrowser } from './browser';

jest.setTimeout(60_000);

// What the page functions below see, in the browser (the tests' own types have no DOM).
declare const document: any;
declare const window: any;
declare const MutationObserver: any;
type HTMLElement = any;
type HTMLDetailsElement = any;
type HTMLTextAreaElement = any;
type HTMLOptionElement = any;

const ROOT = path.resolve(__dirname, '..', '..');
let sandbox: Sandbox;
let playground: Playground;
let browser: Browser;
let dir: string;
let db: string;
const refused: string[] = [];

const sandboxTarget = () => {
  const { subdomain, email, apiToken } = sandbox.credentials;
  return { credentials: { subdomain, email, apiToken }, options: { baseUrl: sandbox.baseUrl }, label: 'sandbox', sandbox: true };
};

beforeAll(async () => {
  // Jobs slow enough for their progress to be seen: queued 250 ms, then five steps 250 ms apart.
  sandbox = await startSandbox({ port: 0, tickets: 300, users: 30, organizations: 5, jobDelayMs: 250, seed: 5 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-playground-'));
  db = path.join(dir, 'history.db');
  playground = await startPlayground({ target: sandboxTarget(), db, log: (line) => refused.push(line) });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
  await sandbox?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(url = playground.url): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(url);
  await page.waitForSelector('body[data-ready]');
  return page;
}

/** The field ids the page shows, in order. */
const shownFields = (page: Page) =>
  page.$$eval('[data-field-wrapper]', (wrappers) => wrappers.filter((w) => !(w as HTMLElement).hidden).map((w) => (w as HTMLElement).dataset.fieldWrapper!));

/** The field ids the block says are shown for an operation (advanced ones only in advanced mode). */
const blockFields = (operation: string, advanced: boolean) =>
  zendeskBlock.subBlocks.filter((f) => fieldVisibleFor(f, operation) && (advanced || f.mode !== 'advanced')).map((f) => f.id);

/** Runs the form and waits for the run's permalink; returns the run id. */
async function run(page: Page): Promise<number> {
  const before = await page.$eval('#permalink', (a) => a.textContent).catch(() => null);
  await page.click('#run');
  await page.waitForFunction((previous) => {
    const link = document.querySelector('#permalink');
    return link && link.textContent !== previous && document.querySelector('#run:not([disabled])');
  }, before);
  return Number((await page.textContent('#permalink'))!.replace(/\D/g, ''));
}

const apiRun = async (id: number): Promise<any> => (await fetch(`${playground.url}api/runs/${id}`)).json();
const runCount = async (): Promise<number> => ((await (await fetch(`${playground.url}api/runs`)).json()) as unknown[]).length;

describe('the playground in Chromium', () => {
  it('shows exactly the chosen operation\'s fields, previews its request, runs it and shows the output', async () => {
    const page = await open();
    for (const operation of ['zendesk_get_ticket', 'zendesk_update_ticket', 'zendesk_create_users_bulk']) {
      await page.selectOption('#f-operation', operation);
      await page.uncheck('#advanced').catch(() => undefined);
      expect(new Set(await shownFields(page))).toEqual(new Set(blockFields(operation, false)));
      if (await page.isVisible('#advanced')) {
        await page.check('#advanced');
        expect(new Set(await shownFields(page))).toEqual(new Set(blockFields(operation, true)));
      }
      // Required markers where the block says the field is required for this operation.
      const marked = await page.$$eval('[data-field-wrapper]:not([hidden])', (ws) =>
        ws.filter((w) => !(w.querySelector('.required') as HTMLElement).hidden).map((w) => (w as HTMLElement).dataset.fieldWrapper),
      );
      expect(new Set(marked)).toEqual(new Set(zendeskBlock.subBlocks.filter((f) => fieldRequiredFor(f, operation)).map((f) => f.id)));
    }
    // Each kind of field as the block describes it.
    await page.selectOption('#f-operation', 'zendesk_update_ticket');
    expect(await page.getAttribute('#f-apiToken', 'type')).toBe('password');
    expect(await page.$eval('#f-ticketCustomFields', (e) => [e.tagName, e.className, (e as HTMLTextAreaElement).placeholder.length > 0])).toEqual(['TEXTAREA', 'code', true]);
    expect(await page.$eval('#f-comment', (e) => e.tagName)).toBe('TEXTAREA');
    const statusOptions = await page.$$eval('#f-status option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(statusOptions).toEqual(zendeskBlock.subBlocks.find((f) => f.id === 'status')!.options!.map((o) => o.id));
    const groups = await page.$$eval('#f-operation optgroup', (gs) => gs.map((g) => g.getAttribute('label')));
    expect(groups).toEqual([...new Set(zendeskBlock.subBlocks[0].options!.map((o) => o.group))]);

    // Pick, fill, preview, run.
    await page.selectOption('#f-operation', 'zendesk_get_ticket');
    await page.fill('#f-ticketId', '12');
    await page.waitForFunction(() => document.querySelector('#preview-path')?.textContent === '/api/v2/tickets/12');
    expect(await page.textContent('.request-line .method')).toBe('GET');
    const curl = (await page.textContent('#preview-curl'))!;
    expect(curl).toContain(`${sandbox.baseUrl}/tickets/12`);
    expect(curl).toContain('$ZENDESK_API_TOKEN');
    expect(curl).not.toContain(sandbox.credentials.apiToken);
    // The docs of the operation, from the same definitions as docs/zendesk.md.
    expect(await page.textContent('#docs-title')).toContain('zendesk_get_ticket');
    const doc = operationDoc(getTool('zendesk_get_ticket')!);
    const docs = (await page.textContent('#docs-body'))!;
    expect(docs).toContain(doc.description);
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'zendesk.md'), 'utf8')).toContain(doc.description);
    for (const row of doc.outputs) expect(docs).toContain(row.name);

    const id = await run(page);
    expect(await page.textContent('.status.ok')).toContain('Success');
    const tree = (await page.textContent('#output-tree'))!;
    expect(tree).toContain(`"${sandbox.state.ticket(12)!.subject}"`);
    expect(page.url()).toBe(`${playground.url}runs/${id}`);
    expect(await page.textContent('#runs')).toContain(`#${id} get_ticket`);
    // Keyboard: the tree's branches fold with Enter, and Ctrl+Enter runs the form.
    await page.focus('#output-tree summary');
    await page.keyboard.press('Enter');
    expect(await page.$eval('#output-tree details', (d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.keyboard.press('Enter');
    await page.fill('#f-ticketId', '13');
    await page.focus('#f-ticketId');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((previous) => document.querySelector('#permalink')?.textContent !== `Run #${previous}`, id);
    expect(await page.textContent('#output-tree')).toContain(`"${sandbox.state.ticket(13)!.subject}"`);
    await page.waitForFunction(() => document.querySelector('#preview-path')?.textContent === '/api/v2/tickets/13');

    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    const shot = path.join(dir, 'playground.png');
    await page.screenshot({ path: shot });
    // `npm run screenshot` refreshes the README's picture from this test.
    if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(shot, path.join(ROOT, 'docs', 'playground.png'));
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('shows an invalid id on its field, and a param on the field that fills it', async () => {
    const page = await open(`${playground.url}?operation=zendesk_get_ticket`);
    await page.fill('#f-ticketId', 'abc');
    await run(page);
    expect(await page.textContent('.status.error')).toContain('invalid_input');
    expect(await page.textContent('[data-field-wrapper=ticketId] .field-error')).toBe('ticketId must be a numeric id (digits only), e.g. 12345; got abc.');
    expect(await page.getAttribute('#f-ticketId', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-ticketId');
    // Fixing the field clears its error.
    await page.fill('#f-ticketId', '5');
    expect(await page.textContent('[data-field-wrapper=ticketId] .field-error')).toBe('');

    // Bulk triage's `query` param fills the `ticketQuery` field: its error shows there.
    await page.selectOption('#f-operation', 'zendesk_triage_tickets');
    await page.selectOption('#f-status', 'pending');
    await run(page);
    expect(await page.textContent('[data-field-wrapper=ticketQuery] .field-error')).toMatch(/^query is required/);
    await page.close();
  });

  it('streams a bulk job\'s progress, then shows every item; bulk triage shows its per-ticket report', async () => {
    const page = await open(`${playground.url}?operation=zendesk_update_tickets_bulk`);
    await page.fill('#f-ticketIds', Array.from({ length: 250 }, (_, i) => i + 1).join(','));
    await page.fill('#f-ticketTagsToAdd', 'playground-bulk');
    // Every progress the page shows, recorded as it shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      window.seen = seen;
      new MutationObserver(() => {
        const box = document.getElementById('progress');
        if (box?.dataset.done) seen.push(`${box.dataset.done}/${box.dataset.total}`);
      }).observe(document.getElementById('result-body')!, { subtree: true, childList: true, attributes: true });
    });
    await page.waitForFunction(() => document.querySelector('#preview-body .note')?.textContent?.includes('3 jobs'));
    const id = await run(page);
    const seen: string[] = await page.evaluate(() => window.seen);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.some((s) => Number(s.split('/')[0]) < 250)).toBe(true); // seen before the end
    expect(seen[seen.length - 1]).toBe('250/250');
    const rows = await page.$$eval('table.items[data-path="job_status.results"] tbody tr', (trs) => trs.length);
    expect(rows).toBe(250);
    const stored = await apiRun(id);
    expect(stored.result.output.job_status.results).toHaveLength(250);

    await page.selectOption('#f-operation', 'zendesk_triage_tickets');
    await page.fill('#f-ticketQuery', 'tags:playground-bulk');
    await page.fill('#f-addTags', 'triaged');
    await page.selectOption('#f-dryRun', 'true');
    const triage = await run(page);
    const report = (await apiRun(triage)).result.output;
    expect(report.matched).toBeGreaterThan(0);
    const cells = await page.$$eval('table.items[data-path="tickets"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(cells).toEqual(report.tickets.map((t: { id: number; outcome: string; reason: string | null }) => [String(t.id), t.outcome, t.reason ?? '']));
    await page.close();
  });

  it('continues a listing with the next-page button', async () => {
    const page = await open(`${playground.url}?operation=zendesk_get_tickets`);
    await page.check('#advanced');
    await page.fill('#f-perPage', '5');
    const first = await run(page);
    const firstIds = (await apiRun(first)).result.output.tickets.map((t: { id: number }) => t.id);
    expect(firstIds).toEqual([1, 2, 3, 4, 5]);
    await page.click('#next-page');
    await page.waitForFunction((previous) => document.querySelector('#permalink')?.textContent !== `Run #${previous}`, first);
    const second = Number((await page.textContent('#permalink'))!.replace(/\D/g, ''));
    const stored = await apiRun(second);
    expect(stored.params.pageAfter).toBe((await apiRun(first)).result.output.paging.after_cursor);
    expect(stored.result.output.tickets.map((t: { id: number }) => t.id)).toEqual([6, 7, 8, 9, 10]);
    expect(await page.inputValue('#f-pageAfter')).toBe(stored.params.pageAfter);
    await page.close();
  });

  it('reopens a run by its permalink after the server restarts, and re-runs it', async () => {
    let ticket = 21;
    while (sandbox.state.ticket(ticket)?.status === 'closed') ticket += 1; // a closed ticket takes no update
    let page = await open(`${playground.url}?operation=zendesk_update_ticket`);
    await page.fill('#f-ticketId', String(ticket));
    await page.fill('#f-comment', 'Checked from the playground');
    await page.selectOption('#f-priority', 'high');
    const id = await run(page);
    await page.close();

    await playground.close();
    playground = await startPlayground({ target: sandboxTarget(), db, log: (line) => refused.push(line) }); // same file, new server, new port
    page = await open(`${playground.url}runs/${id}`);
    await page.waitForSelector('#permalink');
    expect(await page.inputValue('#f-operation')).toBe('zendesk_update_ticket');
    expect(await page.inputValue('#f-ticketId')).toBe(String(ticket));
    expect(await page.inputValue('#f-comment')).toBe('Checked from the playground');
    expect(await page.inputValue('#f-priority')).toBe('high');
    expect(await page.textContent('#output-tree')).toContain('priority: "high"');
    expect(await page.textContent('#runs')).toContain(`#${id} update_ticket`);

    await page.click(`[data-run="${id}"] button`);
    await page.waitForFunction((previous) => document.querySelector('#permalink')?.textContent !== `Run #${previous}`, id);
    const again = await apiRun(Number((await page.textContent('#permalink'))!.replace(/\D/g, '')));
    expect(again.params).toEqual((await apiRun(id)).params);
    await page.close();
  });

  it('refuses what a page of another site sends it, and a foreign Host', async () => {
    const victim = 31;
    expect(sandbox.state.ticket(victim)).toBeDefined();
    const before = await runCount();
    const attack = `<!doctype html><script>
      const body = JSON.stringify({ values: { operation: 'zendesk_delete_ticket', ticketId: '${victim}' }, confirm: true });
      window.done = Promise.allSettled([
        fetch('${playground.url}api/run', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }),
        fetch('${playground.url}api/run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
      ]);
    </script>`;
    const evil: Server = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(attack));
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilOrigin = `http://localhost:${(evil.address() as AddressInfo).port}`;
    refused.length = 0;
    try {
      const page = await browser.context.newPage();
      await page.goto(`${evilOrigin}/`);
      // Both requests fail in the page: the first gets a 403 it may not read, the second no preflight answer.
      expect(await page.evaluate(() => window.done.then((results: { status: string }[]) => results.map((r) => r.status)))).toEqual(['rejected', 'rejected']);
      await page.close();
    } finally {
      evil.close();
    }
    // The server saw and refused both: the simple request and the preflight of the JSON one.
    expect(refused).toEqual([
      expect.stringMatching(new RegExp(`^refused (POST|OPTIONS) /api/run: .*Origin "${evilOrigin}"`)),
      expect.stringMatching(new RegExp(`^refused (POST|OPTIONS) /api/run: .*Origin "${evilOrigin}"`)),
    ]);
    expect(sandbox.state.ticket(victim)).toBeDefined();
    expect(await runCount()).toBe(before);

    // The same request with a foreign Origin, or to a foreign Host name (DNS rebinding), from outside a browser.
    const body = JSON.stringify({ values: { operation: 'zendesk_delete_ticket', ticketId: String(victim) }, confirm: true });
    const foreignOrigin = await fetch(`${playground.url}api/run`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body });
    expect(foreignOrigin.status).toBe(403);
    expect(((await foreignOrigin.json()) as { error: { message: string } }).error.message).toContain('Origin "http://evil.example"');
    const rebound = await rawRequest(playground.port, 'GET', '/api/catalog', { Host: `evil.example:${playground.port}` });
    expect(rebound.status).toBe(403);
    expect(sandbox.state.ticket(victim)).toBeDefined();
  });
});

describe('the playground on a real account', () => {
  // A second sandbox stands for a real account: the playground treats it as one (no --sandbox).
  let account: Sandbox;
  let real: Playground;
  const token = 'a-real-looking-api-token-0123456789abcdef';

  beforeAll(async () => {
    account = await startSandbox({ port: 0, tickets: 40, users: 10, organizations: 2, token, seed: 9 });
    real = await startPlayground({
      target: { credentials: { subdomain: 'acme', email: account.credentials.email, apiToken: token }, options: { baseUrl: account.baseUrl }, label: 'acme.zendesk.com', sandbox: false },
      db: path.join(dir, 'real.db'),
    });
  });
  afterAll(async () => {
    await real?.close();
    await account?.close();
  });

  it('never gives the page the token, and asks before a write', async () => {
    const page = await browser.context.newPage();
    const bodies: Promise<string>[] = [];
    page.on('response', (response) => bodies.push(response.text().catch(() => '')));
    await page.goto(`${real.url}?operation=zendesk_get_ticket`);
    await page.waitForSelector('body[data-ready]');
    expect(await page.textContent('#target')).toContain('acme.zendesk.com: a real account');
    expect(await page.getAttribute('#f-apiToken', 'placeholder')).toBe('set on the server');
    expect(await page.inputValue('#f-apiToken')).toBe('');
    await page.fill('#f-ticketId', '3');
    await page.waitForSelector('#preview-curl');
    await run(page);
    expect(await page.textContent('#output-tree')).toContain(`"${account.state.ticket(3)!.subject}"`);

    // A delete asks first: cancelled, nothing is sent; confirmed, it runs.
    await page.selectOption('#f-operation', 'zendesk_delete_ticket');
    await page.fill('#f-ticketId', '4');
    await page.click('#run');
    await page.waitForSelector('#confirm[open]');
    expect(await page.textContent('#confirm-text')).toContain('zendesk_delete_ticket changes data in acme.zendesk.com');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm-cancel');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirm', { state: 'hidden' });
    // The dialog's close event, which answers "no", is dispatched after the dialog is hidden: wait for its answer.
    await page.waitForFunction(() => document.querySelector('#result-body')?.textContent?.includes('Not run: nothing was sent.'));
    expect(await page.textContent('#result-body')).toContain('Not run: nothing was sent.');
    expect(account.state.ticket(4)).toBeDefined();
    await page.click('#run');
    await page.waitForSelector('#confirm[open]');
    await page.click('#confirm-run');
    await page.waitForSelector('.status.ok');
    expect(account.state.ticket(4)).toBeUndefined();

    await page.goto(`${real.url}runs/1`);
    await page.waitForSelector('#permalink');
    const texts = await Promise.all(bodies);
    const basic = Buffer.from(`${account.credentials.email}/token:${token}`).toString('base64');
    for (const text of texts) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(0, 12));
      expect(text).not.toContain(basic);
    }
    expect(texts.length).toBeGreaterThan(5);
    await page.close();
  });
});

/** A request with headers fetch() will not let a caller set (Host). */
function rawRequest(port: number, method: string, pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}
