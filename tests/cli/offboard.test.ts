/** `zendesk-blocks offboard` as users run it: a child process against a sandbox started in the test process. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { UserRecord } from '../../sandbox/types';
import { cli } from './run-cli';

let sandbox: Sandbox;
let connection: string[];
let tmp: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 13, tickets: 1500, users: 150, jobDelayMs: 5 });
  const { subdomain, email, apiToken } = sandbox.credentials;
  connection = ['--base-url', sandbox.baseUrl, '--subdomain', subdomain, '--email', email, '--api-token', apiToken];
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-offboard-'));
});
afterAll(async () => {
  await sandbox.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const UNSOLVED = ['new', 'open', 'pending', 'hold'];
const users = (): UserRecord[] => [...sandbox.state.users.map.values()];
const unsolvedOf = (id: number) => [...sandbox.state.tickets.map.values()].filter((t) => t.assignee_id === id && UNSOLVED.includes(t.status));
const agents = () => users().filter((u) => u.role === 'agent' && u.active && !u.suspended && unsolvedOf(u.id).length > 0);
const writes = () => Object.entries(sandbox.stats.requests).filter(([route]) => /^(PUT|POST|DELETE) /.test(route)).reduce((n, [, c]) => n + c, 0);
const state = () => JSON.stringify([[...sandbox.state.tickets.map.values()], users(), [...sandbox.state.sessions.map.values()], [...sandbox.state.groupMemberships.map.values()]]);
const groupOf = (name: string) => [...sandbox.state.groups.map.values()].find((g) => g.name === name)!.id;

describe('offboard', () => {
  let agent: UserRecord;
  let moving: number[];

  beforeAll(() => {
    agent = agents()[0];
    moving = unsolvedOf(agent.id).map((t) => t.id);
  });

  it('--dry-run shows what each step would do, writes the JSON report and changes nothing', async () => {
    const before = state();
    const file = path.join(tmp, 'dry.json');
    const { code, stdout, stderr } = await cli(['offboard', '--user', agent.email!, '--reassign-to-group', String(groupOf('Escalations')), '--comment', 'Reassigned: "left"', '--dry-run', '--report', file, ...connection]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.stringContaining(`user: ${agent.id}`) });
    expect(stdout).toMatch(/tickets\s+would_change\s+\d+\s+0\s+would move/);
    expect(stdout).toContain('Dry run: nothing was changed.');
    expect(state()).toBe(before);
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(report).toMatchObject({ dryRun: true, completed: true, user: { id: agent.id } });
    expect(report.tickets.map((t: { id: number }) => t.id).sort()).toEqual([...moving].sort());
  });

  it('a real run with a CSV report: every ticket row matches the sandbox; a rerun changes nothing and exits 0', async () => {
    const escalations = groupOf('Escalations');
    const file = path.join(tmp, 'run.csv');
    const args = ['offboard', '--user', String(agent.id), '--reassign-to-group', String(escalations), '--comment', 'Reassigned, as "agreed"', ...connection];
    const first = await cli([...args, '--report', file]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/tickets: search page 1, \d+ ticket\(s\) found/); // plain progress lines when stderr is not a terminal
    expect(first.stderr).toMatch(/update: \d+\/\d+ tickets \(100%\), jobs \d+\/\d+ done/);
    expect(first.stdout).toMatch(/suspend\s+done\s+1\s+1/);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('kind,id,outcome,group_id,job_id,reason,subject');
    expect(lines.slice(1, 7).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'step,suspend,done',
      'step,sign_out,done',
      'step,tickets,done',
      'step,memberships,done',
      'step,delete,skipped',
      'step,permanently_delete,skipped',
    ]);
    const rows = lines.filter((l) => l.startsWith('ticket,')).map((l) => l.split(','));
    expect(rows.map((r) => Number(r[1])).sort()).toEqual([...moving].sort());
    for (const [, id, outcome] of rows) {
      expect(outcome).toBe('moved');
      const t = sandbox.state.tickets.get(Number(id))!;
      expect(t).toMatchObject({ group_id: escalations, assignee_id: null });
      expect(sandbox.state.commentsFor(t.id).at(-1)).toMatchObject({ body: 'Reassigned, as "agreed"', public: false });
    }
    expect(sandbox.state.users.get(agent.id)!.suspended).toBe(true);

    const writesBefore = writes();
    const second = await cli([...args, '--json']);
    expect(second.code).toBe(0);
    const again = JSON.parse(second.stdout);
    expect(again.steps.map((s: { status: string }) => s.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'skipped', 'skipped']);
    expect(writes()).toBe(writesBefore);
  });

  it('exits 1 when a step fails: unsolved tickets and no reassign target keep the user from being deleted', async () => {
    const other = agents().find((u) => u.id !== agent.id)!;
    const { code, stdout } = await cli(['offboard', '--user', String(other.id), '--delete', '--no-progress', ...connection]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/tickets\s+failed/);
    expect(stdout).toMatch(/Stopped at the tickets step; not run: memberships, delete\./);
    expect(sandbox.state.users.get(other.id)).toMatchObject({ active: true, suspended: true });
  });

  it('exits 2 for bad usage, an unknown user included, naming the flags; nothing is changed', async () => {
    const writesBefore = writes();
    const other = agents().find((u) => u.id !== agent.id)!;
    const [badUser, permanent, unknown, report, group, unknownGroup] = await Promise.all([
      cli(['offboard', '--user', 'mara', ...connection]),
      cli(['offboard', '--user', String(other.id), '--permanently-delete', ...connection]),
      cli(['offboard', '--user', 'nobody@nowhere.test', ...connection]),
      cli(['offboard', '--user', String(other.id), '--report', 'out.txt', ...connection]),
      cli(['offboard', '--user', String(other.id), '--reassign-to-group', 'Billing', ...connection]),
      cli(['offboard', '--user', String(other.id), '--reassign-to-group', '999999', ...connection]),
    ]);
    expect([badUser, permanent, unknown, report, group, unknownGroup].map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(badUser.stderr).toContain("--user takes the user's id");
    expect(permanent.stderr).toContain('--permanently-delete erases a deleted user: it needs --delete');
    expect(unknown.stderr).toContain('No active user has the primary email nobody@nowhere.test');
    expect(report.stderr).toContain('--report must end in .csv or .json');
    expect(group.stderr).toContain('--reassign-to-group must be the numeric id of a group');
    expect(unknownGroup.stderr).toContain('No group has the id 999999');
    expect(writes()).toBe(writesBefore);
    expect(sandbox.state.users.get(other.id)!.active).toBe(true);
  });
});
