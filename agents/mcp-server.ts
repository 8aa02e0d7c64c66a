/**
 * An MCP server that offers the registry's operations of chosen toolsets (resources) as tools, or only
 * their read-only ones. Built on the SDK's low-level Server so the tools' JSON Schemas are given as they
 * are. Calls go through executeModelCall and the shared executor; a failure is an `isError` result,
 * never a crashed server.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { type ExecuteOptions, offeredReadOnly } from '../lib/executor';
import type { Credentials } from '../lib/input';
import { allTools } from '../catalog';
import { describeErrorForModel, MODEL_RESULT_DEFAULTS, type ModelResultOptions, toModelResult } from './llm-result';
import { toLlmTool } from './llm-tools';
import { executeModelCall } from './model-call';
import { resolveToolsets, toolsetNames, toolsOfToolsets } from './toolsets';

/**
 * Executor options an agent gets unless told otherwise: bulk operations and merges wait for their
 * background job (so the answer says which items succeeded), for less than an MCP client's usual
 * 60 s request timeout; when the wait ends first, the result says the job goes on.
 */
export const AGENT_EXECUTE_DEFAULTS: ExecuteOptions = Object.freeze({ waitForJob: { timeoutMs: 45_000 } });

export interface McpServerOptions {
  /** The Zendesk account; never taken from a model. */
  credentials: Credentials;
  /** Options for every call (baseUrl of a sandbox, timeouts, retry...), over AGENT_EXECUTE_DEFAULTS. */
  executeOptions?: ExecuteOptions;
  /** Offer only the tools whose hints say they change nothing. */
  readOnly?: boolean;
  /**
   * Resources whose tools are offered: `["tickets", "users"]`, `"tickets,users"` or `"all"`
   * (toolsetNames() lists them). Default DEFAULT_TOOLSETS (tickets, search). Unknown names throw.
   */
  toolsets?: string | readonly string[];
  /** Bounds of the text results (maxChars, maxListItems). */
  resultOptions?: Pick<ModelResultOptions, 'maxChars' | 'maxListItems'>;
  /**
   * Declare each tool's outputSchema and return the full documented output as structuredContent
   * (default true). The text content is always the compact, bounded view meant for the model.
   */
  structuredOutput?: boolean;
  /** Where log lines go (retries, failures); default none. Never stdout on a stdio server. */
  log?: (line: string) => void;
}

type Sdk = typeof import('@modelcontextprotocol/sdk/server/index.js') & typeof import('@modelcontextprotocol/sdk/types.js');
let sdk: Sdk | undefined;

/** The SDK is loaded on first use (about 0.4 s), so importing the package stays fast for everyone else. */
function loadSdk(): Sdk {
  sdk ??= {
    ...(require('@modelcontextprotocol/sdk/server/index.js') as typeof import('@modelcontextprotocol/sdk/server/index.js')),
    ...(require('@modelcontextprotocol/sdk/types.js') as typeof import('@modelcontextprotocol/sdk/types.js')),
  };
  return sdk;
}

/** The package version, from the package.json beside schemas/ (sources and dist alike). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'zendesk-blocks') return String(pkg.version);
    } catch {
      // keep looking
    }
  }
  return '0.0.0';
}

export const MCP_SERVER_INSTRUCTIONS =
  'Tools for one Zendesk Support account. ' +
  'Find ids with the list and search tools before reading or changing one record. ' +
  `Results are compact JSON: null and empty fields are left out, lists are capped at ${MODEL_RESULT_DEFAULTS.maxListItems} items and ` +
  `a result at about ${MODEL_RESULT_DEFAULTS.maxChars.toLocaleString('en-US')} characters; a "note" says what was left out and which call reads the rest. ` +
  'A failed call says which param to change, or how long to wait when rate limited. ' +
  'Tools marked destructive delete or irreversibly change data: use them only when the user asked for it.';

/** The server's instructions: the general ones, and which toolsets it serves (and which it does not). */
export function mcpInstructions(resources: readonly string[]): string {
  const others = toolsetNames().filter((name) => !resources.includes(name));
  return (
    `${MCP_SERVER_INSTRUCTIONS} This server offers the ${resources.join(', ')} tools` +
    (others.length ? `; the user can add ${others.join(', ')} (or all) with --toolsets or ZENDESK_MCP_TOOLSETS.` : '.')
  );
}

/** The tools a server offers, in the MCP `tools/list` shape (output schemas in compact form). */
export function mcpTools(options: Pick<McpServerOptions, 'readOnly' | 'structuredOutput' | 'toolsets'> = {}): Tool[] {
  return toolsOfToolsets(resolveToolsets(options.toolsets), options.readOnly).map((tool) => {
    const { outputSchema, ...listed } = toLlmTool(tool);
    // On a read-only server, a tool offered for its reads (the raw request) can only read there.
    const rest = options.readOnly && !tool.hints.readOnly
      ? { ...listed, annotations: { ...listed.annotations, readOnlyHint: true, destructiveHint: false, idempotentHint: true } }
      : listed;
    return (options.structuredOutput ?? true) && outputSchema ? { ...rest, outputSchema } : rest;
  }) as Tool[];
}

/** Why a tool of the registry is not offered: not read-only, or outside the served toolsets. */
function notOffered(name: string, readOnly: boolean, resources: readonly string[]): string {
  const tool = allTools.find((t) => t.id === name);
  if (!tool) return `There is no tool "${name}".`;
  if (!resources.includes(tool.resource)) {
    return `${name} belongs to the ${tool.resource} toolset, which this server does not offer (it offers ${resources.join(', ')}); the user can add it with --toolsets or ZENDESK_MCP_TOOLSETS.`;
  }
  return readOnly && !offeredReadOnly(tool) ? `${name} changes data and this server is read-only.` : `There is no tool "${name}".`;
}

const textResult = (text: string, isError: boolean): CallToolResult => ({ content: [{ type: 'text', text }], ...(isError ? { isError: true } : {}) });

function combineSignals(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}

/** An MCP server for the registry's tools. Connect it to a transport (stdio, HTTP, in-memory). */
export function createMcpServer(options: McpServerOptions): Server {
  const { credentials, readOnly = false, resultOptions = {}, log } = options;
  const structured = options.structuredOutput ?? true;
  // Read-only is enforced by the executor too, so a tool offered for its reads cannot write.
  const executeOptions: ExecuteOptions = { ...AGENT_EXECUTE_DEFAULTS, ...options.executeOptions, ...(readOnly ? { readOnly: true } : {}) };
  if (log && !executeOptions.log) executeOptions.log = log;
  const resources = resolveToolsets(options.toolsets);
  const tools = new Map(toolsOfToolsets(resources, readOnly).map((tool) => [tool.id, tool]));
  const listed = mcpTools({ readOnly, structuredOutput: structured, toolsets: resources });
  const withOutputSchema = new Set(listed.filter((tool) => tool.outputSchema).map((tool) => tool.name));

  const { Server, ListToolsRequestSchema, CallToolRequestSchema } = loadSdk();
  const server = new Server(
    { name: 'zendesk-blocks', title: 'Zendesk Support', version: packageVersion() },
    { capabilities: { tools: { listChanged: false } }, instructions: mcpInstructions(resources) },
  );

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    try {
      const tool = tools.get(name);
      if (!tool) {
        const why = notOffered(name, readOnly, resources);
        return textResult(describeErrorForModel({ code: 'unknown_tool', message: `${why} Tools: ${[...tools.keys()].join(', ')}.` }), true);
      }
      const progressToken = request.params._meta?.progressToken;
      const result = await executeModelCall(name, args ?? {}, credentials, {
        ...executeOptions,
        signal: combineSignals(executeOptions.signal, extra.signal),
        onProgress:
          progressToken === undefined
            ? executeOptions.onProgress
            : (progress) => {
                executeOptions.onProgress?.(progress);
                extra
                  .sendNotification({ method: 'notifications/progress', params: { progressToken, progress: progress.done, total: progress.total } })
                  .catch(() => undefined);
              },
      });
      const model = toModelResult(result, { ...resultOptions, tool, args: (args ?? {}) as Record<string, unknown> });
      if (!result.success) {
        log?.(`${name} failed: ${result.error.code}${result.error.status ? ` (HTTP ${result.error.status})` : ''}`);
        return textResult(model.text, true);
      }
      return structured && withOutputSchema.has(name) ? { ...textResult(model.text, false), structuredContent: result.output } : textResult(model.text, false);
    } catch (error) {
      // The executor resolves every failure it knows; anything else is still an answer, not a crash.
      log?.(`${name} crashed: ${(error as Error).stack ?? String(error)}`);
      const writes = tools.get(name)?.hints.readOnly === false;
      const what = writes ? 'read the record to check whether the change was applied before repeating it' : 'try again; tell the user if it keeps failing';
      return textResult(`Error [internal] from ${name}: ${(error as Error).message}\nWhat to do: ${what}.`, true);
    }
  });

  return server;
}
