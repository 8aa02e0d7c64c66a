/** The hand-written guides stay true to the code they describe: every flag, function and default they name exists. */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import * as pkg from '../../index';
import { createProgram } from '../../cli/program';
import { DEFAULT_PACING } from '../../lib/pacer';
import { DEFAULT_RETRY_POLICY } from '../../lib/retry';
import { DEFAULT_TIMEOUT_MS } from '../../lib/connection';
import { SANDBOX_DEFAULTS } from '../../sandbox';
import { allTools } from '../../catalog';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function allOptionFlags(command: Command): string[] {
  const own = command.options.flatMap((o) => [o.long, o.negate ? o.long : undefined].filter((f): f is string => !!f));
  return [...own, '--help', '--version', ...command.commands.flatMap(allOptionFlags)];
}

describe('docs/cli.md, docs/triage.md and docs/offboarding.md', () => {
  const flags = new Set(allOptionFlags(createProgram()));
  // `run` takes every tool param as a flag, kebab-case, and `--no-<param>` for booleans.
  for (const tool of allTools) for (const name of Object.keys(tool.params)) flags.add(`--${kebab(name)}`).add(`--no-${kebab(name)}`);
  const demoSource = read('cli/demo.ts');

  it.each(['docs/cli.md', 'docs/triage.md', 'docs/offboarding.md', 'docs/agents.md', 'README.md'])('%s names only flags that exist', (file) => {
    const named = [...new Set(read(file).match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [])];
    const unknown = named.filter((flag) => !flags.has(flag) && !demoSource.includes(`'${flag}`) && !demoSource.includes(`"${flag}`));
    expect(unknown).toEqual([]);
  });

  it('documents every command the CLI has', () => {
    const text = read('docs/cli.md');
    for (const command of createProgram().commands) expect({ command: command.name(), documented: text.includes(`zendesk-blocks ${command.name()}`) }).toEqual({ command: command.name(), documented: true });
  });
});

describe('docs/agents.md', () => {
  it('names only functions the package exports', () => {
    const named = [...new Set([...read('docs/agents.md').matchAll(/`([a-zA-Z]+)\(/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !(name in pkg))).toEqual([]);
  });
});

describe('sandbox/README.md', () => {
  it('gives the defaults the sandbox has', () => {
    const text = read('sandbox/README.md');
    for (const value of [SANDBOX_DEFAULTS.email, SANDBOX_DEFAULTS.token, SANDBOX_DEFAULTS.accessToken, SANDBOX_DEFAULTS.subdomain]) expect(text).toContain(value);
    expect(text).toContain(`${SANDBOX_DEFAULTS.tickets} / ${SANDBOX_DEFAULTS.users} / ${SANDBOX_DEFAULTS.organizations} / ${SANDBOX_DEFAULTS.groups}`);
    expect(text).toContain(`${SANDBOX_DEFAULTS.jobDelayMs} / ${SANDBOX_DEFAULTS.maxLiveJobs} / ${SANDBOX_DEFAULTS.jobEarly404Ms}`);
  });
});

describe('README.md reliability defaults', () => {
  const text = read('README.md');
  const row = (label: string) => text.split('\n').find((line) => line.startsWith(`| ${label}`)) ?? '';

  it('match the executor', () => {
    expect(row('Attempts per request')).toContain(`| ${DEFAULT_RETRY_POLICY.maxAttempts} |`);
    expect(row('Total waiting')).toContain(`| ${DEFAULT_RETRY_POLICY.maxWaitMs / 1000} s`);
    expect(row('Backoff')).toContain(`${DEFAULT_RETRY_POLICY.baseDelayMs} ms doubling to ${DEFAULT_RETRY_POLICY.maxDelayMs / 1000} s`);
    expect(row('Per-attempt timeout')).toContain(`| ${DEFAULT_TIMEOUT_MS / 1000} s |`);
    expect(row('Requests in flight')).toContain(`| ${DEFAULT_PACING.concurrency},`);
    expect(row('Full pagination')).toContain(`${pkg.DEFAULT_MAX_ITEMS.toLocaleString('en-US')} items`);
  });
});
