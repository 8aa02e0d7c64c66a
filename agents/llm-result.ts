/**
 * What a model gets back from a tool call: a compact, bounded view of the executor's result.
 *
 * - null and undefined fields, empty arrays and empty objects are dropped, recursively;
 * - lists longer than `maxListItems` (default 25) are capped, and the result says so in `note`,
 *   with the call that reads the rest (failed job items are kept before others);
 * - the whole text stays under `maxChars` (default 20,000): lists are capped further, then long
 *   texts are cut, and as a last resort the text itself is cut, every time with a note;
 * - a failure becomes text that says what went wrong and what to change: the param and its
 *   allowed values or expected form, or how long to wait (`retryAfter`) when rate limited.
 */
import { getTool } from '../catalog';
import type { AnyToolDefinition, ParamDefinition, ToolError, ToolResult } from '../contract';
import { expectationOf, idFinders, modelParamNames, modelParamsSchema, serverParamsOf } from './llm-tools';

export const MODEL_RESULT_DEFAULTS = {
  /** Upper bound of the text handed to the model, in characters. */
  maxChars: 20_000,
  /** Items kept of any one list before the size bound applies. */
  maxListItems: 25,
} as const;

/** Lengths long texts are cut to, one after the other, when capping lists alone is not enough. */
const STRING_CUTS = [2000, 500, 100];

export interface ModelResultOptions {
  /** The tool that ran: its list kind and paging params make the notes precise. */
  tool?: AnyToolDefinition | string;
  /** The model's arguments of the call, to say which call reads the rest. */
  args?: Record<string, unknown>;
  maxChars?: number;
  maxListItems?: number;
}

export interface ModelResult {
  isError: boolean;
  /** The text for the model: compact JSON for a success, an explanation for a failure. */
  text: string;
  /** The compact value `text` holds (absent for failures, and when the text itself had to be cut). */
  data?: unknown;
  /** Whether anything was left out: list items, parts of long texts. */
  truncated: boolean;
}

/** Drops null/undefined fields and empty arrays/objects, recursively. List positions are kept. */
export function compactValue(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    return value.map((item) => compactValue(item) ?? null);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, child]) => [key, compactValue(child)] as const)
      .filter(([, child]) => child !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

const isFailedItem = (item: unknown) =>
  !!item && typeof item === 'object' && ((item as any).success === false || (item as any).error !== undefined);

interface ListCut {
  count: number;
  shown: number;
  total: number;
  failedKept: number;
}

class Cuts {
  readonly lists = new Map<string, ListCut>();
  strings = 0;
  get any() {
    return this.lists.size > 0 || this.strings > 0;
  }
}

/** The compact value with every list capped at `cap` items and every text at `textCap` characters. */
function bounded(value: unknown, cap: number, textCap: number, path: string, cuts: Cuts): unknown {
  if (Array.isArray(value)) {
    let kept = value.map((_, index) => index);
    if (value.length > cap) {
      // Failed items (job results) say what to fix: keep them first, then the others in order.
      const failed = kept.filter((index) => isFailedItem(value[index])).slice(0, cap);
      const others = kept.filter((index) => !failed.includes(index)).slice(0, cap - failed.length);
      kept = [...failed, ...others].sort((a, b) => a - b);
      const cut = cuts.lists.get(path) ?? { count: 0, shown: cap, total: 0, failedKept: 0 };
      cut.count += 1;
      cut.total = Math.max(cut.total, value.length);
      cut.failedKept += failed.length;
      cuts.lists.set(path, cut);
    }
    return kept.map((index) => bounded(value[index], cap, textCap, `${path}[]`, cuts));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, bounded(child, cap, textCap, path ? `${path}.${key}` : key, cuts)]),
    );
  }
  if (typeof value === 'string' && value.length > textCap) {
    cuts.strings += 1;
    return `${value.slice(0, textCap)}… [cut: ${value.length - textCap} more characters]`;
  }
  return value;
}

function resolveTool(tool: ModelResultOptions['tool']): AnyToolDefinition | undefined {
  return typeof tool === 'string' ? getTool(tool) : tool;
}

function paramDefault(tool: AnyToolDefinition, name: string | undefined): number | undefined {
  const definition = name ? (tool.params as Record<string, ParamDefinition>)[name] : undefined;
  return definition?.default === undefined ? undefined : Number(definition.default);
}

/** What was left out, and the call that reads it, in sentences for the model. */
function notesFor(output: Record<string, any>, cuts: Cuts, tool: AnyToolDefinition | undefined, args: Record<string, unknown>, textCap: number): string[] {
  const notes: string[] = [];
  const list = tool && (tool.result.kind === 'cursor-list' || tool.result.kind === 'offset-list') ? tool.result : undefined;
  const itemsKey = list?.itemsKey;
  const paging = output?.paging;
  const size = list?.sizeParam;
  // A list with its own cursor reader (an export) says in its own outputs whether more follow.
  const ownReader = list?.kind === 'cursor-list' ? list.nextCursor : undefined;
  const nextCursor = ownReader ? ownReader(output ?? {}) : paging?.after_cursor;
  const hasMore = ownReader ? nextCursor != null : Boolean(paging?.has_more);
  const eachCursor = ownReader ? 'the cursor each page gives' : 'each paging.after_cursor';

  const main = itemsKey ? cuts.lists.get(itemsKey) : undefined;
  if (itemsKey && main) {
    // The cursor of this page continues after its last item: following it would skip the items not shown.
    let how = '';
    if (size && list?.kind === 'cursor-list') {
      const cursor = list.cursorParam;
      how = ` To read every one, call again with ${size}=${main.shown}${typeof args[cursor] === 'string' ? ` and ${cursor}="${args[cursor]}"` : ''} (same other params), then pass ${eachCursor} as ${cursor}.`;
    } else if (size && list?.kind === 'offset-list') {
      const perPage = Number(args[size] ?? paramDefault(tool!, size) ?? main.total);
      const page = Number(args[list.pageParam] ?? 1);
      const firstPage = Math.floor(((page - 1) * perPage) / main.shown) + 1;
      how = ` To read every one, call again with ${size}=${main.shown} and ${list.pageParam}=${firstPage}, then ${firstPage + 1}, ... (same other params).`;
    }
    notes.push(`showing ${main.shown} of the ${main.total} ${itemsKey} of this page (capped for size)${hasMore ? '; more pages follow' : ''}.${how}`);
  } else if (itemsKey && hasMore) {
    if (list?.kind === 'cursor-list' && typeof nextCursor === 'string') {
      notes.push(`more ${itemsKey} follow: for the next page call again with ${list.cursorParam}="${nextCursor}" (same other params).`);
    } else if (list?.kind === 'offset-list') {
      notes.push(`more ${itemsKey} follow: for the next page call again with ${list.pageParam}=${Number(args[list.pageParam] ?? 1) + 1} (same other params).`);
    }
  }
  for (const [path, cut] of cuts.lists) {
    if (path === itemsKey) continue;
    const failed = cut.failedKept ? ` (every failed item is included)` : '';
    notes.push(
      cut.count === 1
        ? `showing ${cut.shown} of ${cut.total} ${path}${failed}.`
        : `${cut.count} ${path} lists were capped at ${cut.shown} items (the longest had ${cut.total})${failed}.`,
    );
  }
  if (cuts.strings) notes.push(`${cuts.strings} long text${cuts.strings === 1 ? ' was' : 's were'} cut to ${textCap} characters, marked "… [cut: N more characters]".`);
  return notes;
}

interface Rendered {
  text: string;
  data: unknown;
  truncated: boolean;
}

/** The success view: note, warnings, then the compact output; bounded by `maxChars`. */
function renderOutput(
  output: Record<string, unknown> | undefined,
  warnings: string[] | undefined,
  tool: AnyToolDefinition | undefined,
  args: Record<string, unknown>,
  maxChars: number,
  maxListItems: number,
): Rendered {
  const compact = (compactValue(output ?? {}) ?? {}) as Record<string, unknown>;
  const noteKey = 'note' in compact ? '_note' : 'note';
  const attempt = (cap: number, textCap: number) => {
    const cuts = new Cuts();
    const value = bounded(compact, cap, textCap, '', cuts) as Record<string, unknown>;
    const notes = notesFor(output as Record<string, any>, cuts, tool, args, textCap);
    const data = { ...(notes.length ? { [noteKey]: notes.join(' ') } : {}), ...(warnings?.length ? { warnings } : {}), ...value };
    return { text: JSON.stringify(data), data, truncated: cuts.any };
  };

  const first = attempt(maxListItems, Infinity);
  if (first.text.length <= maxChars) return first;
  // Fewer list items first: the largest cap that fits (binary search), texts left whole.
  let lo = 1;
  let hi = maxListItems - 1;
  let fit: Rendered | undefined;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const tried = attempt(mid, Infinity);
    if (tried.text.length <= maxChars) {
      fit = tried;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (fit) return { ...fit, truncated: true };
  for (const textCap of STRING_CUTS) {
    const tried = attempt(1, textCap);
    if (tried.text.length <= maxChars) return { ...tried, truncated: true };
  }
  // Nothing else left to trim: cut the text itself, and say so.
  const last = attempt(1, STRING_CUTS[STRING_CUTS.length - 1]);
  const marker = ` … [result cut at ${maxChars} characters: it is not complete JSON; ask for less, e.g. fewer items per page]`;
  return { text: last.text.slice(0, Math.max(0, maxChars - marker.length)) + marker, data: undefined, truncated: true };
}

/** Server-side params (credentials, baseUrl) the model itself sent: executeModelCall lists them in `details.remove`. */
function sentByModel(error: ToolError): string[] {
  const remove = (error.details as { remove?: unknown } | undefined)?.remove;
  return error.code === 'invalid_input' && Array.isArray(remove) ? remove.filter((name): name is string => typeof name === 'string') : [];
}

/** What to do about a failure, for a model: change a param, wait, check first, or ask the user. One instruction each. */
function advice(error: ToolError, tool: AnyToolDefinition | undefined): string {
  const finders = tool ? idFinders(tool).flatMap((f) => f.tools) : [];
  const writes = !!tool && !tool.hints.readOnly;
  switch (error.code) {
    case 'invalid_input': {
      const remove = sentByModel(error);
      // The model's own mistake: it can fix it by itself, and there is nothing to tell the user.
      if (remove.length) return `Call again without ${remove.join(', ')}: the server already has the Zendesk credentials. Nothing was sent to Zendesk.`;
      // A credential the model never sent was refused: the configuration is wrong, which only the user can fix.
      if (error.param && serverParamsOf(tool).includes(error.param)) {
        return 'The Zendesk connection of this server is misconfigured, which you cannot fix: tell the user. Nothing was sent to Zendesk.';
      }
      return 'Change the params named above (remove those the tool does not take) and call again; nothing was sent to Zendesk.';
    }
    case 'unknown_tool':
      return 'Use one of the tools this server lists; if none of them does what you need, tell the user.';
    case 'bad_request':
      return 'Zendesk refused the request as malformed: check the values against the tool schema and call again with corrected ones.';
    case 'unauthorized':
      return 'The configured Zendesk credentials were refused. Changing arguments will not help: tell the user to check the credentials.';
    case 'forbidden':
      return 'The Zendesk user behind the credentials may not do this. Retrying will not help: tell the user.';
    case 'not_found':
      return `No such record: check the id${finders.length ? ` (find ids with ${[...new Set(finders)].join(' or ')})` : ''}.`;
    case 'conflict':
      return 'The record changed meanwhile: read it again, then retry the change.';
    case 'payload_too_large':
      return 'Send less per call: fewer items or shorter texts.';
    case 'validation_failed':
      return 'Zendesk rejected the values named above: change those fields and call again.';
    case 'rate_limited':
      return `Zendesk's rate limit was reached: wait ${error.retryAfter ?? 'a few'} seconds (retryAfter=${error.retryAfter ?? 'unknown'}) before calling again.`;
    case 'server_error':
    case 'network_error':
    case 'timeout':
      return tool && !tool.hints.readOnly
        ? 'A temporary failure reaching Zendesk. Before repeating this change, read the record to check whether it was applied.'
        : 'A temporary failure reaching Zendesk: try again in a moment.';
    case 'aborted':
      return writes
        ? 'The call was cancelled before it finished; the change may or may not have been applied: read the record before repeating it.'
        : 'The call was cancelled before it finished.';
    case 'unknown_outcome':
      return 'Do not simply repeat it: first read the record (or list) to check whether the change was applied.';
    case 'job_failed':
      return 'Some items failed: fix only the failed items (see the per-item errors) and send those again.';
    case 'job_timeout':
      return 'The job goes on in Zendesk: do not send it again; check the records later.';
    case 'unexpected_response':
      return writes
        ? 'Zendesk answered in an unexpected way, so whether the change was applied is not known: read the record before repeating it.'
        : 'Zendesk answered in an unexpected way: try again; tell the user if it keeps happening.';
    default:
      return writes ? 'Read the record to check whether the change was applied before repeating it.' : 'Try again; tell the user if it keeps failing.';
  }
}

/** A failure as text for a model: what went wrong, which param to change and how, what to do next. */
export function describeErrorForModel(error: ToolError, toolOrId?: AnyToolDefinition | string): string {
  const tool = resolveTool(toolOrId);
  const label = `[${error.code}${error.status ? `, HTTP ${error.status}` : ''}]`;
  const lines = [`Error ${label} from ${tool?.id ?? (typeof toolOrId === 'string' ? toolOrId : 'the tool')}: ${error.message}`];
  const problems = (error.details as { problems?: { param: string }[] } | undefined)?.problems;
  const configured = new Set(serverParamsOf(tool));
  const params = [...new Set([error.param, ...(Array.isArray(problems) ? problems.map((p) => p.param) : [])])].filter(
    (p): p is string => !!p && !configured.has(p),
  );
  for (const name of sentByModel(error)) lines.push(`Param to remove: ${name} (set by the server, never by you).`);
  if (tool && error.code === 'invalid_input' && params.length) {
    const properties = modelParamsSchema(tool).properties as Record<string, any>;
    for (const param of params) {
      if (properties[param]) lines.push(`Param to change: ${param}: it ${expectationOf(tool, param)}.`);
      else if (!param.includes(' ') && param !== 'all') lines.push(`Param to remove: ${param} (${tool.id} takes: ${modelParamNames(tool).join(', ') || 'no params'}).`);
    }
  }
  if (error.retryAfter !== undefined) lines.push(`retryAfter: ${error.retryAfter} s`);
  lines.push(`What to do: ${advice(error, tool)}`);
  return lines.join('\n');
}

/** Turns an executor result into what the model should read. */
export function toModelResult(result: ToolResult, options: ModelResultOptions = {}): ModelResult {
  const tool = resolveTool(options.tool);
  const maxChars = options.maxChars ?? MODEL_RESULT_DEFAULTS.maxChars;
  const maxListItems = Math.max(1, options.maxListItems ?? MODEL_RESULT_DEFAULTS.maxListItems);
  const args = options.args ?? {};
  if (result.success) {
    return { isError: false, ...renderOutput(result.output, result.warnings, tool, args, maxChars, maxListItems) };
  }
  const explanation = describeErrorForModel(result.error, tool ?? options.tool);
  if (!result.output) return { isError: true, text: explanation.slice(0, maxChars), truncated: explanation.length > maxChars };
  // A failure with outputs (a bulk job with failed items): the explanation, then the bounded outputs.
  const room = Math.max(1000, maxChars - explanation.length - 20);
  const rendered = renderOutput(result.output, undefined, tool, args, room, maxListItems);
  return { isError: true, text: `${explanation}\nOutputs: ${rendered.text}`, truncated: rendered.truncated };
}
