/**
 * Toolsets: the MCP server offers the tools of chosen resources only, so a client's context and tool
 * limits are not spent on tools the agent does not need. A toolset is a resource of the registry
 * (`tool.resource`: tickets, users, ... — read from the registry, so a new resource is a new toolset),
 * and `all` is every one of them.
 */
import { allTools, resources as catalogResources } from '../catalog';
import type { AnyToolDefinition } from '../contract';
import { offeredReadOnly } from '../lib/executor';

export const ALL_TOOLSETS = 'all';

/**
 * What a server offers unless told otherwise: the ticket tools and search (which also finds users and
 * organizations). Kept small for clients that cap the tools or bytes they load; docs/agents.md gives
 * the budget, and tests/agents/toolsets.test.ts holds the default to it.
 */
export const DEFAULT_TOOLSETS: readonly string[] = Object.freeze(['tickets', 'search']);

/**
 * The most the default `tools/list` answer may take: bytes of the JSON-RPC message, and tools. docs/agents.md
 * says why; tests/agents/toolsets.test.ts holds the default configuration to it.
 */
export const DEFAULT_TOOLS_LIST_BUDGET = Object.freeze({ bytes: 48 * 1024, tools: 20 });

/** Every toolset name, in catalog order: the resources of the catalog. */
export function toolsetNames(): string[] {
  return catalogResources.map((resource) => resource.id);
}

/** A toolset list that names something else than a resource or `all`. */
export class ToolsetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolsetError';
  }
}

/**
 * The resources a toolset list selects: `"tickets,users"`, `["tickets", "users"]` or `"all"`;
 * undefined or blank gives DEFAULT_TOOLSETS. Throws ToolsetError for an unknown name.
 */
export function resolveToolsets(toolsets: string | readonly string[] | undefined): string[] {
  const names = (typeof toolsets === 'string' ? toolsets.split(',') : (toolsets ?? []))
    .map((name) => String(name).trim().toLowerCase())
    .filter(Boolean);
  const known = toolsetNames();
  if (!names.length) return DEFAULT_TOOLSETS.filter((name) => known.includes(name));
  if (names.includes(ALL_TOOLSETS)) return known;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new ToolsetError(`Unknown toolset${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n.slice(0, 40)}"`).join(', ')}: choose from ${known.join(', ')} or ${ALL_TOOLSETS}.`);
  }
  return known.filter((name) => names.includes(name));
}

/** The catalog's tools of these resources (catalog order), only those read-only mode offers if asked. */
export function toolsOfToolsets(resources: readonly string[], readOnly = false): AnyToolDefinition[] {
  return allTools.filter((tool) => resources.includes(tool.resource) && (!readOnly || offeredReadOnly(tool)));
}
