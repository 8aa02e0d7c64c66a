/**
 * The playground as a host of the block: what the page is given (the block's own form, the docs of
 * each operation, the target without any secret), and what it asks for (a dry run, a run, the
 * history). The HTTP side is server.ts; everything here is plain data in, plain data out.
 */
import { operationDoc, type OperationDoc } from '../blocks/docs';
import { fieldVisibleFor, OPERATION_FIELD, WAIT_FIELD, zendeskBlockManifest } from '../blocks/zendesk';
import type { BlockValues, SubBlockConfig } from '../blocks/types';
import { getTool } from '../catalog';
import type { AnyToolDefinition, JobProgress, ParamDefinition, ToolError, ToolResult } from '../contract';
import type { ExecuteOptions } from '../lib/executor';
import { prepareInput } from '../lib/input';
import { nextPageParam } from '../lib/paginate';
import { connectionParamNames } from '../lib/params-schema';
import { curlCommand, planRequest, type PlannedRequest } from '../lib/request-plan';
import type { RunHistory, RunRecord, RunSummary } from './history';

/** Where the playground's runs go. Its credentials stay on the server: the page never receives them. */
export interface PlaygroundTarget {
  /** The credentials as params (subdomain, email, apiToken, accessToken), only those set. */
  credentials: Record<string, string>;
  /** Executor options: the base URL of a sandbox or proxy, a log. */
  options: ExecuteOptions;
  /** Shown in the page and stored with each run: "sandbox", "acme.zendesk.com". */
  label: string;
  /** The embedded sandbox: nothing real is changed, so writes need no confirmation. */
  sandbox: boolean;
}

const manifest = zendeskBlockManifest;
const block = manifest.block;

/** The connection params every operation takes (the same group for all). */
const CONNECTION_PARAMS: readonly string[] = connectionParamNames(getTool(block.tools.access[0])!);

/** What the page is given once: the block's form and look, the docs, and the target minus its secrets. */
export interface CatalogPayload {
  block: { name: string; description: string; bgColor: string; subBlocks: SubBlockConfig[] };
  docs: Record<string, OperationDoc>;
  /** Per operation: whether it changes data (writes against a real account ask first). */
  operations: Record<string, { readOnly: boolean; dependsOnParams: boolean; kind: string }>;
  target: {
    label: string;
    sandbox: boolean;
    /** The fields of the credentials, which every operation takes. */
    connection: string[];
    /** The connection fields the server fills, and what each shows instead of a value: never a secret's value. */
    filled: Record<string, string>;
  };
}

/** A run as the page shows it, and as the history keeps it (params without secrets). */
export interface RunView extends RunRecord {
  /** The form's values for this run: the operation, the fields of its params, the wait switch. */
  values: BlockValues;
  /** The form field each failed param names, with its message. */
  fieldErrors: Record<string, string>;
  /** The field and value that ask for the next page of a list. */
  next?: { field: string; value: string };
}

/** What the page sends: the block's form values. */
export interface FormRequest {
  values: BlockValues;
  /** A write against a real account was confirmed in the page. */
  confirm?: boolean;
}

export type PreviewAnswer =
  | { success: true; request: PlannedRequest | null; requests?: number; note?: string; curl?: string }
  | { success: false; error: ToolError; fieldErrors: Record<string, string> };

/** The page asked for something it cannot have: said with an HTTP status. */
export class RequestProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: ToolError,
  ) {
    super(error.message);
  }
}

const isSecret = (definition: ParamDefinition | undefined) => definition?.visibility === 'hidden';

/** The field that shows `param` for an operation. */
function fieldOfParam(toolId: string, param: string): SubBlockConfig | undefined {
  if (param === OPERATION_FIELD || param === WAIT_FIELD) return block.subBlocks.find((f) => f.id === param);
  return block.subBlocks.find((f) => f.param === param && fieldVisibleFor(f, toolId));
}

/** Every problem of an invalid input on the field it names (a param without a field stays in the message). */
export function fieldErrorsOf(toolId: string, error: ToolError | undefined): Record<string, string> {
  if (!error || error.code !== 'invalid_input') return {};
  const problems = (error.details as { problems?: { param: string; message: string }[] } | undefined)?.problems ?? [{ param: error.param ?? '', message: error.message }];
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = fieldOfParam(toolId, problem.param);
    if (field && !errors[field.id]) errors[field.id] = problem.message;
  }
  return errors;
}

export class PlaygroundHost {
  constructor(
    readonly target: PlaygroundTarget,
    readonly history: RunHistory,
  ) {}

  catalog(): CatalogPayload {
    const docs: Record<string, OperationDoc> = {};
    const operations: CatalogPayload['operations'] = {};
    for (const id of block.tools.access) {
      const tool = getTool(id)!;
      docs[id] = operationDoc(tool);
      operations[id] = { readOnly: tool.hints.readOnly, dependsOnParams: Boolean(tool.readOnlyFor), kind: tool.result.kind };
    }
    const filled: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.target.credentials)) {
      const field = block.subBlocks.find((f) => f.param === name);
      if (field) filled[field.id] = field.password ? 'set on the server' : `${value} (set on the server)`;
    }
    const { name, description, bgColor, subBlocks } = block;
    const connection = subBlocks.filter((f) => f.param && CONNECTION_PARAMS.includes(f.param)).map((f) => f.id);
    return { block: { name, description, bgColor, subBlocks }, docs, operations, target: { label: this.target.label, sandbox: this.target.sandbox, connection, filled } };
  }

  /** The operation the values choose, or a problem for the page. */
  private operationOf(values: unknown): { tool: AnyToolDefinition; values: BlockValues } {
    if (!values || typeof values !== 'object' || Array.isArray(values)) {
      throw new RequestProblem(400, { code: 'invalid_input', message: 'Send {"values": {...}}: the form values by field id.' });
    }
    const given = values as BlockValues;
    try {
      return { tool: getTool(block.tools.config.tool(given))!, values: given };
    } catch (error) {
      throw new RequestProblem(400, { code: 'unknown_tool', param: OPERATION_FIELD, message: (error as Error).message });
    }
  }

  /** The form values with the server's credentials where the page left them empty. */
  private withCredentials(values: BlockValues): BlockValues {
    const merged = { ...values };
    for (const [name, value] of Object.entries(this.target.credentials)) {
      const field = block.subBlocks.find((f) => f.param === name);
      if (field && (merged[field.id] === undefined || merged[field.id] === '')) merged[field.id] = value;
    }
    return merged;
  }

  /** The dry run: the request the executor would send for these values, or its error. */
  preview(request: FormRequest): PreviewAnswer {
    const { tool, values } = this.operationOf(request?.values);
    const params = block.tools.config.params(this.withCredentials(values));
    const plan = planRequest(tool, params, this.target.options);
    if (!plan.success) return { success: false, error: plan.error, fieldErrors: fieldErrorsOf(tool.id, plan.error) };
    if (!plan.request) return { success: true, request: null, note: plan.note };
    return { success: true, request: plan.request, requests: plan.requests, note: plan.note, curl: curlCommand(plan.request) };
  }

  /** Whether running these params changes data: what a real account is asked to confirm. */
  private writes(tool: AnyToolDefinition, params: Record<string, unknown>): boolean {
    if (tool.hints.readOnly) return false;
    if (!tool.readOnlyFor) return true;
    const input = prepareInput(tool, params);
    // Input the executor refuses sends nothing: there is nothing to confirm.
    return input.ok ? !tool.readOnlyFor(input.params as never) : false;
  }

  /**
   * Runs the block with the form's values, as a host does (the manifest's execute), reporting job
   * progress, and keeps the run. A write against a real account needs `confirm`: the page asks first,
   * and a request that did not is refused here.
   */
  async run(request: FormRequest, onProgress?: (progress: JobProgress) => void, signal?: AbortSignal): Promise<RunView> {
    const { tool, values } = this.operationOf(request?.values);
    const merged = this.withCredentials(values);
    const params = block.tools.config.params(merged);
    if (!this.target.sandbox && request.confirm !== true && this.writes(tool, params)) {
      throw new RequestProblem(409, {
        code: 'forbidden',
        message: `${tool.id} changes data in ${this.target.label}, a real account: confirm it in the page first. Nothing was sent.`,
      });
    }
    const started = Date.now();
    const result: ToolResult = await manifest.execute(merged, { ...this.target.options, onProgress, signal });
    const id = this.history.add({
      operation: tool.id,
      params: withoutSecrets(tool, params),
      wait: waitOf(values),
      status: result.success ? 'success' : result.error.code,
      durationMs: Date.now() - started,
      target: this.target.label,
      result,
    });
    return this.view(this.history.get(id)!);
  }

  list(limit?: number): RunSummary[] {
    return this.history.list(limit);
  }

  get(id: number): RunView | undefined {
    const record = this.history.get(id);
    return record ? this.view(record) : undefined;
  }

  /** A kept run as the page shows it: the form filled in, the errors on their fields, the next page. */
  view(record: RunRecord): RunView {
    const values: BlockValues = { [OPERATION_FIELD]: record.operation };
    for (const [name, value] of Object.entries(record.params)) {
      const field = fieldOfParam(record.operation, name);
      if (field) values[field.id] = value;
    }
    if (record.wait !== undefined) values[WAIT_FIELD] = record.wait;
    const tool = getTool(record.operation);
    const result = record.result as ToolResult;
    const view: RunView = { ...record, values, fieldErrors: result.success ? {} : fieldErrorsOf(record.operation, result.error) };
    const next = tool && result.success ? nextPageParam(tool, record.params, result.output) : undefined;
    const field = next && fieldOfParam(record.operation, next.param);
    if (next && field) view.next = { field: field.id, value: String(next.value) };
    return view;
  }
}

/** The params a run is kept with: no credential and no secret param, whatever their value. */
export function withoutSecrets(tool: AnyToolDefinition, params: Record<string, unknown>): Record<string, unknown> {
  const definitions = tool.params as Record<string, ParamDefinition>;
  return Object.fromEntries(Object.entries(params).filter(([name]) => !CONNECTION_PARAMS.includes(name) && !isSecret(definitions[name])));
}

function waitOf(values: BlockValues): boolean | undefined {
  const raw = values[WAIT_FIELD];
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return undefined;
}
