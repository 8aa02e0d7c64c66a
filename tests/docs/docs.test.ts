/** docs/zendesk.md is generated from the registry and says what the operation contract says. */
import fs from 'node:fs';
import path from 'node:path';
import { DOCS_FILE, renderToolDocs } from '../../scripts/generate-docs';
import { allTools } from '../../catalog';
import { out } from '../../tools/outputs';
import { param } from '../../tools/params';
import type { AnyToolDefinition } from '../../tools/types';

const specPath = path.resolve(__dirname, '..', '..', '..', 'shared', 'spec', 'zendesk-operations.json');
const spec = JSON.parse(fs.readFileSync(specPath, 'utf8')) as {
  operations: SpecOperation[];
  objects: Record<string, SpecNode>;
};

interface SpecParam {
  name: string;
  type: string;
  required: boolean;
}
interface SpecNode {
  type?: string;
  $ref?: string;
  items?: SpecNode;
  properties?: Record<string, SpecNode>;
}
interface SpecOperation {
  id: string;
  params: SpecParam[];
  outputs: Record<string, SpecNode>;
}

/**
 * Params the docs may list beyond the contract: `accessToken`, the OAuth credential every operation
 * also takes (hidden, optional), since API tokens stop working on 2027-04-30. Nothing else.
 */
const ALLOWED_EXTRA_PARAMS = ['accessToken'];

/** `{key: children}` with null for a leaf: an array's children are its items' fields, as the tables show them. */
type KeyTree = { [key: string]: KeyTree | null };

const resolve = (node: SpecNode): SpecNode => (node.$ref ? spec.objects[node.$ref.split('/').pop()!] : node);

function specChildren(node: SpecNode): KeyTree | null {
  const resolved = resolve(node);
  if (resolved.type === 'array') return resolved.items ? specChildren(resolved.items) : null;
  const properties = Object.entries(resolved.properties ?? {});
  return properties.length ? Object.fromEntries(properties.map(([key, child]) => [key, specChildren(child)])) : null;
}

/** The lines of one operation's section, from its heading to the next section. */
function section(markdown: string, toolId: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('### ') && line.endsWith(`(\`${toolId}\`)`));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^#{2,3} /.test(line));
  return lines.slice(start, end < 0 ? undefined : end);
}

/** The body rows of the table under a `#### heading`, as cells. */
function table(lines: string[], heading: string): string[][] {
  const start = lines.indexOf(`#### ${heading}`);
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#### ')) break;
    if (!line.startsWith('|')) continue;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows.slice(2); // header and separator
}

const unquote = (text: string) => text.replace(/^`(.*)`$/, '$1');

function documentedParams(markdown: string, toolId: string) {
  return table(section(markdown, toolId), 'Params').map(([name, type, required]) => ({ name: unquote(name), type, required: required === 'Yes' }));
}

/** The outputs table as a key tree: a row with n arrows sits under the nearest row above with n-1. */
function documentedOutputs(markdown: string, toolId: string): { tree: KeyTree; types: Record<string, string>; problems: string[] } {
  const tree: KeyTree = {};
  const types: Record<string, string> = {};
  const problems: string[] = [];
  const stack: KeyTree[] = [tree];
  let last: { parent: KeyTree; key: string } | undefined;
  for (const [name, type] of table(section(markdown, toolId), 'Outputs')) {
    const match = /^(↳*)\s*`([^`]+)`$/.exec(name);
    if (!match) {
      problems.push(`unreadable output row ${name}`);
      continue;
    }
    const depth = match[1].length;
    if (depth > stack.length - 1 + (last ? 1 : 0)) {
      problems.push(`${match[2]} is nested ${depth} deep without a parent`);
      continue;
    }
    if (depth === stack.length && last) {
      const children: KeyTree = {};
      last.parent[last.key] = children;
      stack.push(children);
    }
    stack.length = depth + 1;
    const parent = stack[depth];
    if (match[2] in parent) problems.push(`${match[2]} listed twice`);
    parent[match[2]] = null;
    if (depth === 0) types[match[2]] = type;
    last = { parent, key: match[2] };
  }
  return { tree, types, problems };
}

/** Everything the docs of one operation get wrong against the contract. */
function contractProblems(markdown: string, op: SpecOperation): string[] {
  const problems: string[] = [];
  if (section(markdown, op.id).length === 0) return [`no section for ${op.id}`];
  const params = documentedParams(markdown, op.id);
  const listed = params.map((p) => p.name).filter((name) => !ALLOWED_EXTRA_PARAMS.includes(name));
  const expected = op.params.map((p) => p.name);
  if (JSON.stringify([...listed].sort()) !== JSON.stringify([...expected].sort())) problems.push(`params ${JSON.stringify(listed)}, the contract has ${JSON.stringify(expected)}`);
  for (const p of op.params) {
    const row = params.find((r) => r.name === p.name);
    if (row && (row.required !== p.required || row.type !== p.type)) problems.push(`param ${p.name}: ${row.type}, required ${row.required}; the contract says ${p.type}, required ${p.required}`);
  }
  const { tree, types, problems: unreadable } = documentedOutputs(markdown, op.id);
  problems.push(...unreadable);
  const specTree: KeyTree = Object.fromEntries(Object.entries(op.outputs).map(([key, node]) => [key, specChildren(node)]));
  const compare = (ours: KeyTree, theirs: KeyTree, where: string) => {
    const a = Object.keys(ours).sort();
    const b = Object.keys(theirs).sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`outputs ${where || '(top level)'}: ${JSON.stringify(a)}, the contract has ${JSON.stringify(b)}`);
    for (const key of a.filter((k) => k in theirs)) {
      const [x, y] = [ours[key], theirs[key]];
      if ((x === null) !== (y === null)) problems.push(`output ${where}${key}: ${x === null ? 'no fields listed' : 'fields listed'}, the contract ${y === null ? 'has none' : 'has fields'}`);
      else if (x && y) compare(x, y, `${where}${key}.`);
    }
  };
  compare(tree, specTree, '');
  for (const [key, node] of Object.entries(op.outputs)) {
    const type = types[key]?.split(' ')[0];
    if (type && type !== resolve(node).type) problems.push(`output ${key}: ${types[key]}, the contract says ${resolve(node).type}`);
  }
  return problems;
}

const markdown = renderToolDocs(allTools);

describe('docs/zendesk.md', () => {
  it('is current (run `npm run docs` and commit the result)', () => {
    expect(fs.existsSync(DOCS_FILE)).toBe(true);
    expect(fs.readFileSync(DOCS_FILE, 'utf8')).toBe(markdown);
  });

  it('has a section for every operation of the registry', () => {
    for (const tool of allTools) expect({ id: tool.id, found: section(markdown, tool.id).length > 0 }).toEqual({ id: tool.id, found: true });
  });

  it('explains credentials: where the API token is made, Basic auth, and the OAuth access token that outlives API tokens', () => {
    expect(markdown).toContain('Admin Center > Apps and integrations > APIs > Zendesk API');
    expect(markdown).toContain('{email}/token:{apiToken}');
    expect(markdown).toContain('2027-04-30');
    expect(markdown).toMatch(/`accessToken`, sent as `Authorization: Bearer/);
    expect(markdown).toMatch(/## Three ways to use it/);
  });
});

describe.each(spec.operations.map((op): [string, SpecOperation] => [op.id, op]))('%s in the docs', (_id, op) => {
  it('lists exactly the contract params (plus accessToken) and output keys, nested levels included', () => {
    expect(contractProblems(markdown, op)).toEqual([]);
  });
});

describe('the contract check can fail', () => {
  const op = spec.operations.find((o) => o.id === 'zendesk_get_ticket')!;
  const tamper = (from: RegExp | string, to: string) => contractProblems(markdown.replace(from, to), op).join('\n');

  it('passes on the real docs', () => {
    expect(contractProblems(markdown, op)).toEqual([]);
  });

  it.each<[string, RegExp | string, string, RegExp]>([
    ['a missing nested row', /(### Get ticket \(`zendesk_get_ticket`\)[\s\S]*?)\n\| ↳↳ `channel` [^\n]*/, '$1', /outputs ticket\.via\./],
    ['a deeper row gone', /(### Get ticket \(`zendesk_get_ticket`\)[\s\S]*?)\n\| ↳↳↳↳ `address` [^\n]*/, '$1', /outputs ticket\.via\.source\.from\./],
    ['a renamed param', /(### Get ticket \(`zendesk_get_ticket`\)[\s\S]*?)\| `ticketId` \|/, '$1| `ticket` |', /params/],
    ['a wrong required flag', /(### Get ticket \(`zendesk_get_ticket`\)[\s\S]*?\| `ticketId` \| string \| )Yes/, '$1No', /param ticketId: string, required false/],
    ['an extra top-level output', /(### Get ticket \(`zendesk_get_ticket`\)[\s\S]*?)\| `ticket_id` \|/, '$1| `extra` | string | x |\n| `ticket_id` |', /outputs \(top level\)/],
    ['a missing section', '### Get ticket (`zendesk_get_ticket`)', '### Get ticket', /no section/],
  ])('%s', (_what, from, to, problem) => {
    expect(tamper(from, to)).toMatch(problem);
  });
});

describe('renderToolDocs', () => {
  const tool: AnyToolDefinition = {
    id: 'zendesk_demo',
    name: 'Demo',
    description: 'Shows the tables.',
    resource: 'tickets',
    params: { mode: param.choice(['a', 'b'], 'The mode | kind.', { required: true }), count: param.integer('How many.', { minimum: 1, maximum: 9, default: '3' }) },
    request: () => ({ method: 'GET', path: ['demo'] }),
    outputs: {
      items: out.array('The items', out.object('An item', { id: out.number('Item id'), owner: out.object('Owner', { name: out.string('Name') }), tags: out.array('Tags', out.string('Tag')) })),
      note: out.string('A note', { optional: true }),
    },
    output: () => ({}),
    result: { kind: 'single' },
    hints: { readOnly: true, destructive: false, idempotent: true },
  };
  const text = renderToolDocs([tool]);

  it('puts allowed values, format, range and default in the description cell, escaping pipes', () => {
    expect(text).toContain('| `mode` | string | Yes | The mode \\| kind. Allowed values: `a`, `b`. |');
    expect(text).toContain('| `count` | string | No | How many. Format: whole number. From 1 to 9. Default: `3`. |');
  });

  it('shows nested outputs as ↳ rows under their parent, array items\' fields under the array', () => {
    expect(text).toContain(
      [
        '| `items` | array of object | The items. |',
        '| ↳ `id` | number | Item id. |',
        '| ↳ `owner` | object | Owner. |',
        '| ↳↳ `name` | string | Name. |',
        '| ↳ `tags` | array of string | Tags. |',
        '| `note` | string | A note. May be absent. |',
      ].join('\n'),
    );
    expect(documentedOutputs(text, 'zendesk_demo').tree).toEqual({ items: { id: null, owner: { name: null }, tags: null }, note: null });
  });

  it('is pure: the same registry gives the same text', () => {
    expect(renderToolDocs([tool])).toBe(text);
  });
});
