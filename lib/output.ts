/** Shapes an answer to the documented output tree: every documented key present, extras kept. */
import type { OutputMap, OutputNode } from '../contract';

/** Each output map's entries, listed once: the same (constant) output trees are walked on every call. */
const entriesOf = new WeakMap<OutputMap, [string, OutputNode][]>();
function entries(map: OutputMap): [string, OutputNode][] {
  let list = entriesOf.get(map);
  if (!list) entriesOf.set(map, (list = Object.entries(map)));
  return list;
}

/**
 * A value shaped to its node. What is already in shape comes back as it is (no copy): answers are
 * freshly parsed, and most already hold every documented key. Only what changes is copied.
 */
function conformNode(node: OutputNode, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (node.type === 'array' && node.items && Array.isArray(value)) return conformList(node.items, value);
  if (node.type === 'object' && node.properties && typeof value === 'object' && !Array.isArray(value)) {
    return conformObject(node.properties, value as Record<string, unknown>);
  }
  return value;
}

function conformList(items: OutputNode, list: unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let i = 0; i < list.length; i += 1) {
    const shaped = conformNode(items, list[i]);
    if (shaped !== list[i] && !copy) copy = list.slice(0, i);
    copy?.push(shaped);
  }
  return copy ?? list;
}

/** A Zendesk object keeps its extra fields; a documented key it lacks is added as null (unless optional). */
function conformObject(properties: OutputMap, value: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, node] of entries(properties)) {
    const current = value[key];
    if (node.optional && current === undefined) continue;
    const shaped = conformNode(node, current);
    if (shaped !== current) (copy ??= { ...value })[key] = shaped;
  }
  return copy ?? value;
}

/** The top level holds exactly the documented outputs. */
export function conformOutputs(outputs: OutputMap, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of entries(outputs)) {
    if (node.optional && value[key] === undefined) continue;
    out[key] = conformNode(node, value[key]);
  }
  return out;
}
