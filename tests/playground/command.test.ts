/** `zendesk-blocks playground` as a user starts it: on the sandbox when nothing is set, refused when half set. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEnv, cli, ROOT } from '../cli/run-cli';

jest.setTimeout(60_000);

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-playground-cli-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('zendesk-blocks playground', () => {
  it('starts on the embedded sandbox when no credentials are set, with its history in the data directory', async () => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'cli/index.ts', 'playground', '--port', '0', '--sandbox-tickets', '20'], {
      cwd: ROOT,
      env: cleanEnv({ XDG_DATA_HOME: dir }),
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${stdout}`)), 30_000);
        child.stdout.on('data', () => {
          const match = /Zendesk playground on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (match && stdout.includes('Press Ctrl+C')) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${stdout}`)));
      });
      expect(stdout).toContain('target   sandbox (the embedded sandbox: nothing real is changed)');
      expect(stdout).toContain(`history  ${path.join(dir, 'zendesk-blocks', 'playground.db')}`);
      const catalog = (await (await fetch(`${url}api/catalog`)).json()) as { target: { sandbox: boolean; label: string } };
      expect(catalog.target).toMatchObject({ sandbox: true, label: 'sandbox' });
      const page = await fetch(url);
      expect(await page.text()).toContain('<title>Zendesk playground</title>');
      expect(fs.existsSync(path.join(dir, 'zendesk-blocks', 'playground.db'))).toBe(true);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses half a set of credentials rather than guessing', async () => {
    const { code, stderr } = await cli(['playground', '--port', '0', '--db', path.join(dir, 'x.db')], { env: { ZENDESK_SUBDOMAIN: 'acme' } });
    expect(code).toBe(2);
    expect(stderr).toContain('error: No credentials: pass --email and --api-token');
  });
});
