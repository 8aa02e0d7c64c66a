/**
 * The catalog: every operation of the pack (the declarative ones by resource, and composites such as
 * bulk triage and offboarding), looked up by id, and run through the shared executor. Blocks, agents, the CLI, the
 * docs and the scripts read the operations from here; lib/ runs whatever definition it is given.
 */
import type { AnyToolDefinition, ResourceDeclaration, ResourceOperations, ToolError, ToolResult } from '../contract';
import type { ConnectionOptions } from '../lib/connection';
import { type ExecuteOptions, runTool, streamPages, ZendeskToolError } from '../lib/executor';
import { resourceOperations } from '../tools';
import type { ToolOutputs } from '../tools/generated/tool-types';
import { offboardOperations } from '../offboard/tool';
import { triageOperations } from '../triage/tool';

/** Every group of operations: the declarative ones first, then the composites, which join their resource. */
const groups: readonly ResourceOperations[] = [...resourceOperations, triageOperations, offboardOperations];

/** The resources, in the order their operations first appear. */
export const resources: readonly ResourceDeclaration[] = [...new Map(groups.map((g) => [g.resource.id, g.resource])).values()];

export const allTools: readonly AnyToolDefinition[] = groups.flatMap((g) => g.operations);

export const zendeskTools: Readonly<Record<string, AnyToolDefinition>> = Object.freeze(Object.fromEntries(allTools.map((tool) => [tool.id, tool])));

export const toolIds: readonly string[] = allTools.map((tool) => tool.id);

export function getTool(id: string): AnyToolDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(zendeskTools, id) ? zendeskTools[id] : undefined;
}

/** The declaration of a resource by id; an unknown id (a third-party operation's) gets a title from its words. */
export function resourceInfo(id: string): ResourceDeclaration {
  return resources.find((r) => r.id === id) ?? { id, title: id.charAt(0).toUpperCase() + id.slice(1), singular: id.replace(/s$/, '') };
}

/** The id of an operation of the catalog, for typed results. */
export type ToolId = keyof ToolOutputs;

const unknownTool = (toolOrId: unknown): ToolError => ({ code: 'unknown_tool', message: `There is no tool "${String(toolOrId)}".` });

/** Runs an operation of the catalog by id (typed outputs), or any definition. Never rejects. */
export function executeTool<I extends ToolId>(id: I, params?: Record<string, unknown>, options?: ExecuteOptions): Promise<ToolResult<ToolOutputs[I]>>;
export function executeTool(toolOrId: AnyToolDefinition | string, params?: Record<string, unknown>, options?: ExecuteOptions): Promise<ToolResult>;
export function executeTool(toolOrId: AnyToolDefinition | string, params?: Record<string, unknown>, options: ExecuteOptions = {}): Promise<ToolResult> {
  const tool = typeof toolOrId === 'string' ? getTool(toolOrId) : toolOrId;
  if (!tool) return Promise.resolve({ success: false, error: unknownTool(toolOrId) });
  return runTool(tool, params, options);
}

/**
 * Streams the pages of a list operation, one documented output per page, from the params' own
 * cursor or page to the end. Memory stays flat; an error ends the iteration by throwing a ZendeskToolError.
 */
export function iteratePages<I extends ToolId>(id: I, params?: Record<string, unknown>, options?: ConnectionOptions): AsyncGenerator<ToolOutputs[I]>;
export function iteratePages(toolOrId: AnyToolDefinition | string, params?: Record<string, unknown>, options?: ConnectionOptions): AsyncGenerator<Record<string, any>>;
export async function* iteratePages(toolOrId: AnyToolDefinition | string, params?: Record<string, unknown>, options: ConnectionOptions = {}): AsyncGenerator<Record<string, any>> {
  const tool = typeof toolOrId === 'string' ? getTool(toolOrId) : toolOrId;
  if (!tool) throw new ZendeskToolError(unknownTool(toolOrId));
  yield* streamPages(tool, params, options);
}

export type { ExecuteOptions } from '../lib/executor';
