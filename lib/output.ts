/** Shapes an answer to the documented output tree: every documented key present, extras kept. */
import type { OutputMap, OutputNode } from '../tools/types';

/** Each output map's entries, listed once: the same (constant) output trees are walked on every call. */
const entriesOf = new WeakMap<OutputMap, [string, OutputNode][]>();
function entries(map: OutputMap): [string, OutputNode][] {
  let list = entriesOf.get(map);
  if (!list) entriesOf.set(map, (list = Object.entries(map)));
  return list;
}

function conformNode(node: OutputNode, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (node.type === 'array' && node.items && Array.isArray(value)) return value.map((item) => conformNode(node.items!, item));
  if (node.type === 'object' && node.properties && typeof value === 'object' && !Array.isArray(value)) {
    return conformObject(node.properties, value as Record<string, unknown>);
  }
  return value;
}

/** Sets every documented key of `properties` on `into` from `value` (null when absent, unless optional). */
function conformKeys(properties: OutputMap, value: Record<string, unknown>, into: Record<string, unknown>): Record<string, unknown> {
  for (const [key, node] of entries(properties)) {
    if (node.optional && value[key] === undefined) continue;
    into[key] = conformNode(node, value[key]);
  }
  return into;
}

/** A Zendesk object keeps its extra fields. */
const conformObject = (properties: OutputMap, value: Record<string, unknown>) => conformKeys(properties, value, { ...value });

/** The top level holds exactly the documented outputs. */
export const conformOutputs = (outputs: OutputMap, value: Record<string, unknown>) => conformKeys(outputs, value, {});
