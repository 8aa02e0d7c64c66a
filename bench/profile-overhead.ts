/**
 * Where the executor's time goes: CPU-profiles (node:inspector) the same sequential
 * `zendesk_get_ticket` loop as bench section 1, once with plain node-fetch and once through
 * executeTool, and prints the sampled CPU time per call by the module that spent it.
 *
 *   npx tsx bench/profile-overhead.ts [calls=20000] [category, e.g. lib/transport: its functions]
 *
 * Each sample goes to the nearest frame (from the leaf up) that belongs to this project (lib/x,
 * tools, sandbox/x) or to node-fetch / ajv / find-my-way; samples only in Node's own code are
 * grouped by Node module. So the AbortController that lib/transport creates counts for
 * lib/transport, JSON.parse inside node-fetch's json() for node-fetch. The profiler slows the
 * code down, and tsx adds a little (__name helpers): compare rows, not absolute figures. ajv's
 * compiled validators have no source file: their time counts for lib/input, which calls them.
 * Not part of `npm run bench`.
 */
import http from 'node:http';
import { Session } from 'node:inspector';
import nodeFetch from 'node-fetch';
import { executeTool } from '../catalog';
import { startSandbox } from '../sandbox';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

const OWN = /\/(lib|tools|sandbox)\/([\w-]+)\.ts$/;
const PACKAGES = /node_modules\/(node-fetch|ajv|find-my-way)\//;

/** CPU µs per call by category; with `detail`, by leaf function within that category instead. */
function byCategory(profile: Profile, calls: number, detail?: string): Map<string, number> {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const category = (leafId: number): string => {
    const leaf = nodes.get(leafId)!;
    const name = leaf.callFrame.functionName;
    if (name === '(garbage collector)') return 'GC';
    if (name === '(idle)' || name === '(program)') return name;
    // Both loops parse the same JSON (node-fetch's json() or lib/transport): keep it apart.
    if (name === 'parse' && leaf.callFrame.url === '') return 'JSON.parse';
    for (let id: number | undefined = leafId; id !== undefined; id = parent.get(id)) {
      const url = nodes.get(id)!.callFrame.url;
      const own = OWN.exec(url);
      if (own) return own[1] === 'tools' ? 'tools' : `${own[1]}/${own[2]}`;
      const pkg = PACKAGES.exec(url);
      if (pkg) return pkg[1];
      if (url.includes('/bench/')) return 'benchmark loop';
    }
    const nodeModule = /node:[\w/]+/.exec(leaf.callFrame.url)?.[0];
    return `node ${nodeModule ?? `(${name || 'native'})`}`;
  };
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    let k = category(id);
    if (detail !== undefined) {
      if (k !== detail) return;
      const f = nodes.get(id)!.callFrame;
      k = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|lib|sandbox|tools)\//, '$1/') || '(native)'}`;
    }
    out.set(k, (out.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0) / calls);
  });
  return out;
}

async function main() {
  const calls = Number(process.argv[2] ?? 20_000);
  const detail = process.argv[3]; // e.g. lib/transport: its leaf functions instead of the categories
  const sb = await startSandbox({ tickets: 1000, gzipAbove: Infinity }); // as bench section 1
  const { email, apiToken, subdomain } = sb.credentials;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const headers = { Authorization: `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString('base64')}`, Accept: 'application/json', 'Accept-Encoding': 'gzip', 'User-Agent': 'zendesk-blocks' };
  const loops = {
    plain: async (i: number) => {
      const res = await nodeFetch(`${sb.baseUrl}/tickets/${(i % 1000) + 1}`, { method: 'GET', headers, agent });
      await res.json();
    },
    executor: async (i: number) => {
      const r = await executeTool('zendesk_get_ticket', { subdomain, email, apiToken, ticketId: String((i % 1000) + 1) }, { baseUrl: sb.baseUrl }); // params as a literal, as section 1 builds them
      if (!r.success) throw new Error(r.error.message);
    },
  };
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  const names = Object.keys(loops) as (keyof typeof loops)[];
  const results = Object.fromEntries(names.map((n) => [n, { perCall: new Map<string, number>(), wallUs: 0 }]));
  for (const name of names) for (let i = 0; i < 2000; i++) await loops[name](i);
  // Rounds in alternating order, so a change in the machine's load hits both loops alike.
  const rounds = 4;
  const perRound = Math.ceil(calls / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      await post(session, 'Profiler.start');
      const t0 = performance.now();
      for (let i = 0; i < perRound; i++) await loops[name](i);
      results[name].wallUs += ((performance.now() - t0) * 1000) / (perRound * rounds);
      const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop');
      for (const [k, v] of byCategory(profile, perRound * rounds, detail)) results[name].perCall.set(k, (results[name].perCall.get(k) ?? 0) + v);
    }
  }
  session.disconnect();
  agent.destroy();
  await sb.close();

  const { plain, executor } = results;
  const keys = [...new Set([...plain.perCall.keys(), ...executor.perCall.keys()])];
  const rows = keys
    .map((k) => ({ k, a: plain.perCall.get(k) ?? 0, b: executor.perCall.get(k) ?? 0 }))
    .filter((r) => Math.max(r.a, r.b) >= 0.5)
    .sort((x, y) => y.b - y.a - (x.b - x.a));
  console.log(`CPU profile, ${calls} sequential zendesk_get_ticket calls each (µs per call, profiler on)\n`);
  console.log('| where | node-fetch loop | executeTool loop | difference |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.k} | ${r.a.toFixed(1)} | ${r.b.toFixed(1)} | ${(r.b - r.a >= 0 ? '+' : '') + (r.b - r.a).toFixed(1)} |`);
  const total = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  console.log(`| total sampled | ${total(plain.perCall).toFixed(1)} | ${total(executor.perCall).toFixed(1)} | +${(total(executor.perCall) - total(plain.perCall)).toFixed(1)} |`);
  console.log(`| wall time per call | ${plain.wallUs.toFixed(1)} | ${executor.wallUs.toFixed(1)} | +${(executor.wallUs - plain.wallUs).toFixed(1)} |`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
