/** The AI-agent side: LLM tool schemas, compact model results, model calls, and the MCP server. */
export {
  llmTools,
  openAITools,
  anthropicTools,
  toLlmTool,
  toOpenAITool,
  toAnthropicTool,
  modelParamsSchema,
  modelParamSchema,
  modelOutputSchema,
  compactOutputSchema,
  modelParamNames,
  hiddenParamNames,
  modelDescription,
  modelGuidance,
  toolAnnotations,
  describeExpectation,
  expectationOf,
} from './llm-tools';
export type { LlmTool, LlmToolAnnotations, LlmToolsOptions, OpenAITool, AnthropicTool, JsonSchema } from './llm-tools';
export { toModelResult, compactValue, describeErrorForModel, MODEL_RESULT_DEFAULTS } from './llm-result';
export type { ModelResult, ModelResultOptions } from './llm-result';
export { executeModelCall, callToolForModel, checkModelArgs, normalizeModelArgs, credentialParamsOf, SERVER_PARAMS } from './model-call';
export type { Credentials } from './model-call';
export { createMcpServer, mcpTools, mcpInstructions, AGENT_EXECUTE_DEFAULTS, MCP_SERVER_INSTRUCTIONS } from './mcp-server';
export { toolsetNames, resolveToolsets, toolsOfToolsets, DEFAULT_TOOLSETS, DEFAULT_TOOLS_LIST_BUDGET, ALL_TOOLSETS, ToolsetError } from './toolsets';
export type { McpServerOptions } from './mcp-server';
export { runMcpStdio, credentialsFromEnv, McpStartupError, MCP_ENV_HELP } from './mcp-stdio';
export type { McpStdioOptions, RunningMcpStdio, EnvConnection } from './mcp-stdio';
