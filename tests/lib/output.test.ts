/** Output shaping: the generated shapers against the rule they implement, on every operation's outputs. */
import { allTools } from '../../catalog';
import type { OutputMap, OutputNode } from '../../contract';
import { conformOutputs } from '../../lib/output';

/** The rule, stated plainly: absent or null is null; lists and objects are shaped inside; extras kept. */
function expected(node: OutputNode, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (node.type === 'array' && node.items && Array.isArray(value)) return value.map((item) => expected(node.items!, item));
  if (node.type === 'object' && node.properties && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, child] of Object.entries(node.properties)) {
      const current = (value as Record<string, unknown>)[key];
      if (child.optional && current === undefined) continue;
      out[key] = expected(child, current);
    }
    return out;
  }
  return value;
}

function expectedTop(outputs: OutputMap, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(outputs)) {
    if (node.optional && value[key] === undefined) continue;
    out[key] = expected(node, value[key]);
  }
  return out;
}

/** A small deterministic generator (mulberry32), so a failure is reproducible. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A value for a node: usually of its type, sometimes absent, null, of another type, or with extra keys. */
function sample(node: OutputNode, next: () => number, depth = 0): unknown {
  const roll = next();
  if (roll < 0.12) return undefined;
  if (roll < 0.2) return null;
  if (roll < 0.25) return next() < 0.5 ? 'text' : [1, 2];
  if (node.type === 'array' && node.items) return Array.from({ length: Math.floor(next() * 3) }, () => sample(node.items!, next, depth + 1));
  if (node.type === 'object' && node.properties && depth < 6) {
    const value: Record<string, unknown> = next() < 0.3 ? { extra_field: 'kept' } : {};
    for (const [key, child] of Object.entries(node.properties)) {
      const v = sample(child, next, depth + 1);
      if (v !== undefined) value[key] = v;
    }
    return value;
  }
  return next() < 0.5 ? 42 : 'value';
}

describe('conformOutputs', () => {
  const tools = allTools;

  it.each(tools.map((tool) => [tool.id, tool.outputs] as const))('%s: shapes 40 generated answers as the rule says', (_id, outputs) => {
    const next = random(7);
    for (let i = 0; i < 40; i += 1) {
      const value = sample({ type: 'object', description: '', properties: outputs }, next) as Record<string, unknown> | null;
      const given = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
      const before = JSON.stringify(given);
      expect(conformOutputs(outputs, given)).toEqual(expectedTop(outputs, given));
      expect(JSON.stringify(given)).toBe(before); // the answer itself is never changed
    }
  });

  it.each(tools.map((tool) => [tool.id, tool.outputs] as const))('%s: shapes 40 answers of its own in place as the rule says', (_id, outputs) => {
    const next = random(11);
    for (let i = 0; i < 40; i += 1) {
      const value = sample({ type: 'object', description: '', properties: outputs }, next) as Record<string, unknown> | null;
      const answer = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
      const want = expectedTop(outputs, structuredClone(answer));
      // As the executor calls it: the outputs read straight from the answer, which is passed along.
      const shaped = conformOutputs(outputs, { ...answer }, answer);
      expect(shaped).toEqual(want);
      for (const key of Object.keys(shaped)) {
        if (typeof answer[key] === 'object' && answer[key] !== null) expect(shaped[key]).toBe(answer[key]); // completed, not copied
      }
    }
  });

  const outputs: OutputMap = {
    ticket: {
      type: 'object',
      description: 'A ticket',
      properties: {
        id: { type: 'number', description: 'Id' },
        note: { type: 'string', description: 'Note', optional: true },
        tags: { type: 'array', description: 'Tags', items: { type: 'string', description: 'Tag' } },
      },
    },
    count: { type: 'number', description: 'Count' },
    cursor: { type: 'string', description: 'Cursor', optional: true },
  };

  it('returns an object already in shape as it is, and copies only what changes', () => {
    const ticket = { id: 1, tags: ['a'], custom: true };
    const shaped = conformOutputs(outputs, { ticket, count: 2, other: 'dropped' });
    expect(shaped).toEqual({ ticket, count: 2 });
    expect(shaped.ticket).toBe(ticket);

    const missing = { custom: true, tags: ['a', null] };
    const fixed = conformOutputs(outputs, { ticket: missing }) as { ticket: Record<string, unknown> };
    expect(fixed).toEqual({ ticket: { id: null, tags: ['a', null], custom: true }, count: null });
    expect(fixed.ticket).not.toBe(missing);
    expect(missing).toEqual({ custom: true, tags: ['a', null] });
  });

  it("completes the answer's own parts in place, and copies whatever else the outputs hold", () => {
    const answer = { ticket: { tags: ['a'], via: { channel: 'web' } } };
    const fromParams = { custom: true }; // a param the caller passed, echoed by an output
    const shaped = conformOutputs(outputs, { ticket: answer.ticket, count: 1, cursor: undefined }, answer) as { ticket: object };
    expect(shaped.ticket).toBe(answer.ticket);
    expect(answer.ticket).toEqual({ tags: ['a'], via: { channel: 'web' }, id: null });

    const echoed = conformOutputs(outputs, { ticket: fromParams }, answer) as { ticket: object };
    expect(echoed.ticket).toEqual({ custom: true, id: null, tags: null });
    expect(fromParams).toEqual({ custom: true });
    // An object nested in the answer but not one of its top-level values is not assumed to be its own either.
    const nested = { ticket: { custom: 1 } };
    conformOutputs(outputs, { ticket: nested.ticket }, { wrapper: nested });
    expect(nested.ticket).toEqual({ custom: 1 });
  });

  it('leaves an optional output out when absent and keeps it when present, even null', () => {
    expect(conformOutputs(outputs, { count: 1 })).toEqual({ ticket: null, count: 1 });
    expect(Object.keys(conformOutputs(outputs, { count: 1, cursor: null }))).toEqual(['ticket', 'count', 'cursor']);
  });

  it('reads keys that are not identifiers', () => {
    const odd: OutputMap = { 'a-b': { type: 'string', description: 'x' }, "it's": { type: 'object', description: 'y', properties: { '"q"': { type: 'number', description: 'z' } } } };
    expect(conformOutputs(odd, { "it's": {} })).toEqual({ 'a-b': null, "it's": { '"q"': null } });
  });
});
