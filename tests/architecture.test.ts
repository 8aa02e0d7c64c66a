/**
 * The layers hold: no import cycle between files or folders (type-only imports included), and each
 * folder imports only the layers below it (.dependency-cruiser.cjs). Checked by dependency-cruiser
 * over the real sources, and shown to catch a violation on a small tree of the same shape.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '..');
const CRUISER = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; coreModule?: boolean; couldNotResolve?: boolean }[] }[];
  summary: { violations: { rule: { name: string }; from: string; to: string }[]; error: number };
}

function cruise(cwd: string, targets: string[]): CruiseResult {
  const args = ['--config', CONFIG, '--output-type', 'json', ...targets];
  try {
    return JSON.parse(execFileSync(CRUISER, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    return JSON.parse(stdout);
  }
}

const folderOf = (file: string) => (file.includes('/') ? file.split('/')[0] : '.');

/** Folder → folders it imports, from file dependencies inside the project. */
function folderGraph(result: CruiseResult): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const module of result.modules) {
    if (module.source.startsWith('node_modules')) continue;
    const from = folderOf(module.source);
    for (const dependency of module.dependencies) {
      if (dependency.coreModule || dependency.couldNotResolve || dependency.resolved.startsWith('node_modules')) continue;
      const to = folderOf(dependency.resolved);
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** The folder cycles of a graph, each as a path that returns to its start. */
function folderCycles(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const walk = (start: string, at: string, trail: string[]) => {
    for (const next of graph.get(at) ?? []) {
      if (next === start) cycles.push([...trail, next]);
      else if (!trail.includes(next) && next > start) walk(start, next, [...trail, next]);
    }
  };
  for (const start of graph.keys()) walk(start, start, [start]);
  return cycles;
}

describe('architecture', () => {
  const production = ['index.ts', 'contract', 'lib', 'tools', 'triage', 'offboard', 'catalog', 'blocks', 'agents', 'playground', 'cli', 'sandbox', 'host'].filter((p) => fs.existsSync(path.join(ROOT, p)));
  let result: CruiseResult;

  beforeAll(() => {
    result = cruise(ROOT, [...production, 'scripts', 'bench', 'tests']);
  });

  it('has no import cycle between files and respects every layer rule', () => {
    expect(result.modules.length).toBeGreaterThan(100);
    expect(result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const graph = folderGraph(result);
    expect(graph.get('catalog')).toContain('lib');
    expect(folderCycles(graph)).toEqual([]);
  });

  it('catches a cycle and an upward import on a tree of the same shape', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zb-layers-'));
    try {
      fs.mkdirSync(path.join(dir, 'lib'));
      fs.mkdirSync(path.join(dir, 'catalog'));
      fs.writeFileSync(path.join(dir, 'lib', 'run.ts'), "import { tools } from '../catalog/list';\nexport const run = () => tools;\n");
      fs.writeFileSync(path.join(dir, 'catalog', 'list.ts'), "import type { run } from '../lib/run';\nexport const tools: (typeof run)[] = [];\n");
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{"compilerOptions": {"strict": true}}');
      const probe = cruise(dir, ['lib', 'catalog']);
      const rules = new Set(probe.summary.violations.map((v) => v.rule.name));
      expect(rules).toEqual(new Set(['no-circular', 'lib-imports-only-below']));
      expect(folderCycles(folderGraph(probe))).toEqual([['catalog', 'lib', 'catalog']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
