/**
 * The MCP client configurations the README and docs/agents.md give are run exactly as written: each
 * `mcpServers` JSON block and each `claude mcp add` line, with the clone's path put in and the
 * credentials of a sandbox, is started from outside the clone and must answer `initialize`,
 * `tools/list` and a tool call through the MCP SDK's client.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { DEFAULT_TOOLS_LIST_BUDGET, resolveToolsets, toolsOfToolsets } from '../../agents/toolsets';
import { startSandbox, type Sandbox } from '../../sandbox';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
/** The placeholder the docs use for the clone's absolute path. */
const CLONE = '/path/to/zendesk-blocks';
const DOCS = ['README.md', 'docs/agents.md'];
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Launch {
  where: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** Every `mcpServers` JSON block of a document, one launch per server. */
function jsonLaunches(file: string): Launch[] {
  const blocks = [...read(file).matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).filter((text) => text.includes('"mcpServers"'));
  return blocks.flatMap((text, i) =>
    Object.entries(JSON.parse(text).mcpServers as Record<string, { command: string; args: string[]; env: Record<string, string> }>).map(([name, server]) => ({
      where: `${file} mcpServers block ${i + 1} (${name})`,
      ...server,
    })),
  );
}

/** Every `claude mcp add` line: `-e KEY=VALUE` pairs, then the command after `--`. */
function claudeLaunches(file: string): Launch[] {
  return read(file)
    .split('\n')
    .filter((line) => line.startsWith('claude mcp add '))
    .map((line, i) => {
      const [options, command] = line.split(' -- ');
      const env = Object.fromEntries([...options.matchAll(/-e (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
      const [program, ...args] = command.trim().split(/\s+/);
      return { where: `${file} claude line ${i + 1}`, command: program, args, env };
    });
}

let sandbox: Sandbox;
let prefix: string;

/** Whether dist/ is older than a source it is built from (a local checkout after edits). */
function distIsStale(): boolean {
  const built = path.join(ROOT, 'dist', 'cli', 'index.js');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const newer = (dir: string): boolean =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).some((entry) => {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) return newer(rel);
      return entry.name.endsWith('.ts') && fs.statSync(path.join(ROOT, rel)).mtimeMs > builtAt;
    });
  return ['agents', 'cli', 'lib', 'tools', 'triage', 'sandbox', 'blocks'].some(newer);
}

beforeAll(async () => {
  // `npm ci` builds dist/ (the prepare script); a checkout edited since is built once more here.
  if (distIsStale()) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  // `npm install -g .` as the docs say, into a private prefix instead of the machine's global one.
  prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-global-'));
  execFileSync('npm', ['install', '-g', '.', '--prefix', prefix, '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'ignore' });
  sandbox = await startSandbox({ port: 0, tickets: 30, users: 5, organizations: 2 });
});
afterAll(async () => {
  await sandbox?.close();
  if (prefix) fs.rmSync(prefix, { recursive: true, force: true });
});

const launches = () => DOCS.flatMap((file) => [...jsonLaunches(file), ...claudeLaunches(file)]);

describe('documented MCP client configurations', () => {
  it('exist in the README and docs/agents.md, and none uses npx (the package is not on a registry)', () => {
    const all = launches();
    expect(all.filter((l) => l.where.startsWith('README.md')).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((l) => l.where.startsWith('docs/agents.md')).length).toBeGreaterThanOrEqual(3);
    for (const launch of all) {
      expect({ where: launch.where, command: launch.command }).toEqual({ where: launch.where, command: expect.stringMatching(/^(node|zendesk-blocks)$/) });
      if (launch.command === 'node') expect(launch.args[0]).toBe(`${CLONE}/dist/cli/index.js`);
      expect(Object.keys(launch.env).sort()).toEqual(['ZENDESK_API_TOKEN', 'ZENDESK_EMAIL', 'ZENDESK_SUBDOMAIN']);
    }
    for (const file of DOCS) expect(read(file)).not.toMatch(/npx -y zendesk-blocks|"command": "npx"/);
  });

  it('each starts as written, from outside the clone, and answers initialize, tools/list and a call', async () => {
    const { subdomain, email, apiToken } = sandbox.credentials;
    const credentials: Record<string, string> = { ZENDESK_SUBDOMAIN: subdomain, ZENDESK_EMAIL: email, ZENDESK_API_TOKEN: apiToken };
    for (const launch of launches()) {
      const env: Record<string, string> = {
        ...Object.fromEntries(Object.keys(launch.env).map((key) => [key, credentials[key]])),
        // The sandbox's origin: the base URL without /api/v2, as a user would write it.
        ZENDESK_BASE_URL: new URL(sandbox.baseUrl).origin,
        PATH: `${path.join(prefix, 'bin')}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
      };
      const transport = new StdioClientTransport({
        command: launch.command,
        args: launch.args.map((arg) => arg.split(CLONE).join(ROOT)),
        env,
        cwd: os.tmpdir(),
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk) => (stderr += chunk.toString()));
      const client = new Client({ name: 'docs-config-test', version: '1.0.0' });
      try {
        await client.connect(transport);
        expect({ where: launch.where, server: client.getServerVersion()?.name }).toEqual({ where: launch.where, server: 'zendesk-blocks' });
        const { tools } = await client.listTools();
        const flag = launch.args.indexOf('--toolsets');
        const expected = toolsOfToolsets(resolveToolsets(flag >= 0 ? launch.args[flag + 1] : undefined)).map((t) => t.id);
        expect({ where: launch.where, tools: tools.map((t) => t.name) }).toEqual({ where: launch.where, tools: expected });
        const count = await client.callTool({ name: 'zendesk_search_count', arguments: { query: 'type:ticket' } });
        expect({ where: launch.where, isError: count.isError ?? false, count: (count.structuredContent as { count?: number })?.count }).toEqual({
          where: launch.where,
          isError: false,
          count: sandbox.state.tickets.map.size,
        });
      } catch (error) {
        throw new Error(`${launch.where}: ${(error as Error).message}\nstderr: ${stderr}`);
      } finally {
        await client.close();
      }
    }
  });

  it('docs/agents.md states the tools/list budget the tests hold the default to', () => {
    const text = read('docs/agents.md').replace(/\s+/g, ' ');
    const { bytes, tools } = DEFAULT_TOOLS_LIST_BUDGET;
    expect(text).toContain(`within ${bytes / 1024} KB (${bytes.toLocaleString('en-US')} bytes of JSON-RPC message) and ${tools} tools`);
  });
});
