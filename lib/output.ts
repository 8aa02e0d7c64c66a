/** Shapes an answer to the documented output tree: every documented key present, extras kept. */
import type { OutputMap, OutputNode } from '../tools/types';

function conformNode(node: OutputNode, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (node.type === 'array' && node.items && Array.isArray(value)) return value.map((item) => conformNode(node.items!, item));
  if (node.type === 'object' && node.properties && typeof value === 'object' && !Array.isArray(value)) {
    return conformObject(node.properties, value as Record<string, unknown>);
  }
  return value;
}

function conformObject(properties: OutputMap, value: Record<string, unknown>): Record<string, unknown> {
  const shaped: Record<string, unknown> = { ...value };
  for (const [key, node] of Object.entries(properties)) {
    if (node.optional && value[key] === undefined) continue;
    shaped[key] = conformNode(node, value[key]);
  }
  return shaped;
}

export function conformOutputs(outputs: OutputMap, value: Record<string, unknown>): Record<string, unknown> {
  const shaped: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(outputs)) {
    if (node.optional && value[key] === undefined) continue;
    shaped[key] = conformNode(node, value[key]);
  }
  return shaped;
}
