/** zendesk-blocks: the Zendesk Support API as declarative operations, one shared executor, and a sandbox. */
export { zendeskTools, allTools, toolIds, getTool } from './tools';
export type { AnyToolDefinition, ToolDefinition, ParamDefinition, OutputNode, OutputMap } from './tools';
export { executeTool, iteratePages, ZendeskToolError, DEFAULT_MAX_ITEMS } from './lib/executor';
export type { ExecuteOptions, ToolResult } from './lib/executor';
export type { ToolError, ToolErrorCode } from './lib/errors';
export type { JobProgress, JobWaitOptions } from './lib/jobs';
export { DEFAULT_RETRY_POLICY, parseRetryAfter } from './lib/retry';
export type { RetryPolicy } from './lib/retry';
export { DEFAULT_PACING } from './lib/pacer';
export { DEFAULT_TIMEOUT_MS } from './lib/connection';
export type { FetchLike } from './lib/transport';
export * from './tools/generated/tool-types';
