/** zendesk-blocks: the Zendesk Support API as declarative operations, one shared executor, and a sandbox. */
export { zendeskTools, allTools, toolIds, getTool, executeTool, iteratePages, resources } from './catalog';
export type { ToolId } from './catalog';
export type {
  AnyToolDefinition,
  ToolDefinition,
  ParamDefinition,
  OutputNode,
  OutputMap,
  ToolResult,
  ToolError,
  ToolErrorCode,
  JobProgress,
  JobWaitOptions,
  ResourceDeclaration,
  ToolRunContext,
  ToolRunResult,
  JobBatch,
  JobBatchResult,
  JobItemOutcome,
} from './contract';
export { ZendeskToolError, DEFAULT_MAX_ITEMS } from './lib/executor';
// The executor's dry run: the request a call would send, without sending it.
export { planRequest, curlCommand } from './lib/request-plan';
export type { RequestPlan, PlannedRequest } from './lib/request-plan';
// The kit an operation is declared with, for operations of your own (they run through executeTool too).
export { defineTool, defineResource, requireOneOf, jobAnswer, batchedAnswer, READ_ONLY, CREATES, UPDATES, DELETES } from './tools/define';
export { param } from './tools/param';
export { out } from './tools/outputs';
export { cursorListAnswer, offsetListAnswer, cursorPagingParams, offsetPagingParams } from './tools/paging';
export type { ExecuteOptions } from './lib/executor';
export { DEFAULT_RETRY_POLICY, MAX_RETRY_AFTER_MS, parseRetryAfter } from './lib/retry';
export type { RetryPolicy } from './lib/retry';
export { DEFAULT_PACING } from './lib/pacer';
export { DEFAULT_TIMEOUT_MS } from './lib/connection';
export { DEFAULT_MAX_RESPONSE_BYTES } from './lib/transport';
export type { FetchLike } from './lib/transport';
export * from './tools/generated/tool-types';
export * from './agents';
export { zendeskBlockManifest, zendeskBlock, buildZendeskBlock, createZendeskBlockManifest, fieldVisibleFor, fieldRequiredFor } from './blocks';
export type { ZendeskBlockManifest, BlockConfig, SubBlockConfig, BlockValues, BlockInput, BlockOutput, OperationCondition, DropdownOption } from './blocks';
export { triageTickets, reportCsv, reportJson } from './triage';
export type { TriageTarget } from './triage';
export { offboardUser } from './offboard';
export type { OffboardTarget, OffboardOptions, OffboardReport } from './offboard';
export { startSandbox } from './sandbox';
export type { Sandbox, SandboxOptions } from './sandbox';
// The adapter to a Sim-style host (docs/host.md); nothing else in the pack depends on it.
export * from './host';
