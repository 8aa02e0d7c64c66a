/**
 * The pack's layers, checked by tests/architecture.test.ts: each folder imports only the layers
 * below it (types included), and no file imports itself back through others.
 *
 *   contract ← lib ← tools ← triage, offboard ← catalog ← blocks, agents ← host, playground ← cli
 *   sandbox stands alone; scripts, bench and tests may import anything, nothing imports them.
 */
const PACK = ['contract', 'lib', 'tools', 'triage', 'offboard', 'catalog', 'blocks', 'agents', 'host', 'playground', 'cli', 'sandbox'];
const DEV = ['scripts', 'bench', 'tests'];
const folders = (names) => `^(${names.join('|')})/`;

/** A rule: files of `from` may not import anything of `to`. */
const layer = (from, to, comment) => ({
  name: `${from}-imports-only-below`,
  comment,
  severity: 'error',
  from: { path: `^${from}/` },
  to: { path: folders(to) },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'A file may not import itself back through others.', severity: 'error', from: {}, to: { circular: true } },
    layer('contract', PACK.filter((f) => f !== 'contract').concat(DEV), 'The contract imports nothing of the pack.'),
    layer('lib', ['tools', 'triage', 'offboard', 'catalog', 'blocks', 'agents', 'host', 'cli', 'sandbox', ...DEV], 'lib runs the definition it is given; it never looks up a catalog.'),
    layer('tools', ['lib', 'triage', 'offboard', 'catalog', 'blocks', 'agents', 'host', 'cli', 'sandbox', ...DEV], 'Operation files only declare.'),
    layer('triage', ['offboard', 'catalog', 'blocks', 'agents', 'host', 'cli', 'sandbox', ...DEV], 'Composites build on lib and tools, below the catalog.'),
    layer('offboard', ['triage', 'catalog', 'blocks', 'agents', 'host', 'cli', 'sandbox', ...DEV], 'Composites build on lib and tools, below the catalog.'),
    layer('catalog', ['blocks', 'agents', 'host', 'cli', 'sandbox', ...DEV], 'The catalog is imported by the surfaces, never the reverse.'),
    layer('blocks', ['agents', 'host', 'cli', 'sandbox', ...DEV], 'The block is one surface; it knows no other.'),
    layer('agents', ['blocks', 'host', 'cli', ...DEV], 'Agents are one surface; the CLI starts them, not the reverse.'),
    layer('host', ['cli', 'agents', 'sandbox', ...DEV], 'The host adapter wraps the block and the catalog only; nothing in the pack depends on it.'),
    layer('playground', ['host', 'cli', ...DEV], 'The playground hosts the block and runs the catalog; the CLI starts it, not the reverse.'),
    layer('cli', ['host', ...DEV], 'The CLI is on top, but the pack does not depend on the host adapter.'),
    layer('sandbox', PACK.filter((f) => f !== 'sandbox').concat(DEV), 'The sandbox emulates Zendesk; it imports nothing of the pack.'),
    {
      name: 'only-the-cli-imports-the-playground',
      comment: 'playground/ is a local web app over the pack; only the command that starts it depends on it.',
      severity: 'error',
      from: { path: folders(PACK.filter((f) => f !== 'playground' && f !== 'cli')) },
      to: { path: '^playground/' },
    },
    {
      name: 'nothing-imports-the-host-adapter',
      comment: 'host/ adapts the pack to a host; nothing else in the pack depends on it.',
      severity: 'error',
      from: { path: folders(PACK.filter((f) => f !== 'host')) },
      to: { path: '^host/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    // Type-only imports count: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
