/**
 * The reference docs of the operations, rendered from their definitions: docs/zendesk.md (written by
 * `npm run docs`) and each operation's docs as the playground shows them. It lives beside the block
 * because the document describes the block too (its fields that are renamed from their params), and
 * it ships with the pack, where scripts/ does not.
 */
import type { AnyToolDefinition, OutputNode, ParamDefinition } from '../contract';
import { formatOf } from '../lib/param-formats';
import { orderTools, resourceTitle } from './fields';
import { buildZendeskBlock, fieldVisibleFor } from './zendesk';

/** Text for a table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const sentence = (text: string) => text.trim().replace(/\.?$/, '.');

/** What a param's description says in full: its description, then allowed values, format, bounds, default, example. */
export function paramDetailsText(name: string, definition: ParamDefinition): string {
  const parts = [sentence(definition.description)];
  if (definition.enum) parts.push(`Allowed values: ${definition.enum.map(code).join(', ')}.`);
  else if (definition.format === 'json-object' && definition.acceptsArray) parts.push('Format: JSON object, or a JSON array of `{"id", "value"}`.');
  else if (formatOf(definition).docs) parts.push(formatOf(definition).docs);
  if (definition.emptyWord !== undefined) parts.push(`${code(definition.emptyWord)} for an empty list (an empty field leaves it as it is).`);
  if (definition.minimum !== undefined && definition.maximum !== undefined) parts.push(`From ${definition.minimum} to ${definition.maximum}.`);
  else if (definition.minimum !== undefined) parts.push(`At least ${definition.minimum}.`);
  else if (definition.maximum !== undefined) parts.push(`At most ${definition.maximum}.`);
  if (definition.perRequestLimit !== undefined) parts.push(`Zendesk takes ${definition.perRequestLimit} per request; longer lists are split.`);
  if (definition.default !== undefined) parts.push(`Default: ${code(definition.default)}.`);
  if (definition.example !== undefined && !definition.description.includes(definition.example)) parts.push(`Example: ${code(definition.example)}.`);
  if (definition.visibility === 'hidden') parts.push('Secret: never shown or logged.');
  if (name === 'accessToken') parts.push('An addition to the documented contract: the OAuth alternative to `email` + `apiToken`, which keeps working after API tokens are retired.');
  return parts.join(' ');
}

/** The description cell of a param in docs/zendesk.md. */
export const paramDetails = (name: string, definition: ParamDefinition): string => cell(paramDetailsText(name, definition));

function typeOf(node: OutputNode): string {
  return node.type === 'array' && node.items ? `array of ${typeOf(node.items)}` : node.type;
}

/** The fields shown under a node: an object's properties, or those of an array's items. */
export function childrenOf(node: OutputNode): Record<string, OutputNode> {
  if (node.type === 'array') return node.items ? childrenOf(node.items) : {};
  return node.properties ?? {};
}

/** One row of an operation's outputs: a top-level key (depth 0), or a field nested `depth` levels under it. */
export interface OutputRow {
  name: string;
  depth: number;
  type: string;
  description: string;
}

/** Output rows: top-level keys, then each nested field under its parent. */
export function outputRows(outputs: Record<string, OutputNode>, depth = 0): OutputRow[] {
  return Object.entries(outputs).flatMap(([name, node]) => {
    const description = sentence(node.description) + (node.optional && !/absent/i.test(node.description) ? ' May be absent.' : '');
    return [{ name, depth, type: typeOf(node), description }, ...outputRows(childrenOf(node), depth + 1)];
  });
}

const anchor = (tool: AnyToolDefinition) => tool.id.replace(/_/g, '-');

export function kindNote(tool: AnyToolDefinition): string {
  const effect = tool.hints.readOnly ? 'Read-only.' : tool.hints.destructive ? 'Changes data; cannot be undone.' : 'Changes data.';
  switch (tool.result.kind) {
    case 'cursor-list':
      if (tool.result.nextCursor) return `${effect} One page per call: pass the page's cursor as \`${tool.result.cursorParam}\` for the next, or the executor option \`all\` to read every page.`;
      return `${effect} One page per call: pass \`paging.after_cursor\` as \`${tool.result.cursorParam}\` for the next, or the executor option \`all\` to read every page.`;
    case 'offset-list':
      return `${effect} One numbered page per call (\`${tool.result.pageParam}\`), or the executor option \`all\` to read every page${tool.result.window ? ` (Zendesk serves at most ${tool.result.window.toLocaleString('en-US')} results)` : ''}.`;
    case 'job':
      return (
        `${effect} Runs as a Zendesk background job. By default the answer is the queued job; with the executor option \`waitForJob\` ` +
        "(the block's “Wait for Completion” switch, on by default) it is the finished job with per-item results, and a failed item fails the call."
      );
    case 'batched':
      return `${effect} Longer lists are sent as several requests, one after another; the answer reports every id by outcome, and a request that failed fails the call.`;
    case 'composite':
      return `${effect} Makes several requests and reports on each item.`;
    default:
      return effect;
  }
}

/** The docs of one operation, as docs/zendesk.md gives them; text may hold `code` spans. */
export interface OperationDoc {
  id: string;
  name: string;
  /** The resource's title: Tickets, Users... */
  resource: string;
  description: string;
  /** Whether it changes data, and how it pages or runs (a job, several requests). */
  note: string;
  params: { name: string; type: string; required: boolean; details: string }[];
  outputs: OutputRow[];
}

export function operationDoc(tool: AnyToolDefinition): OperationDoc {
  return {
    id: tool.id,
    name: tool.name,
    resource: resourceTitle(tool.resource),
    description: sentence(tool.description),
    note: kindNote(tool),
    params: Object.entries(tool.params as Record<string, ParamDefinition>).map(([name, definition]) => ({
      name,
      type: definition.type,
      required: definition.required,
      details: paramDetailsText(name, definition),
    })),
    outputs: outputRows(tool.outputs),
  };
}

function renderTool(tool: AnyToolDefinition): string[] {
  const doc = operationDoc(tool);
  return [
    `### ${doc.name} (${code(doc.id)})`,
    '',
    doc.description,
    '',
    `*${doc.note}*`,
    '',
    '#### Params',
    '',
    '| Param | Type | Required | Description |',
    '| --- | --- | --- | --- |',
    ...doc.params.map((p) => `| ${code(p.name)} | ${p.type} | ${p.required ? 'Yes' : 'No'} | ${cell(p.details)} |`),
    '',
    '#### Outputs',
    '',
    '| Output | Type | Description |',
    '| --- | --- | --- |',
    ...doc.outputs.map((row) => `| ${row.depth ? `${'↳'.repeat(row.depth)} ` : ''}${code(row.name)} | ${row.type} | ${cell(row.description)} |`),
    '',
  ];
}

/** Block fields whose id is not the param name (one param name, several meanings). */
function renamedFields(tools: readonly AnyToolDefinition[]): string[] {
  const block = buildZendeskBlock(tools);
  const renamed = block.subBlocks.filter((field) => field.param && field.param !== field.id);
  if (renamed.length === 0) return [];
  return [
    'Where one param name means different things in different operations, the block gives each meaning its own field',
    'and maps it back to the param:',
    '',
    '| Block field | Param | Operations |',
    '| --- | --- | --- |',
    ...renamed.map((field) => {
      const operations = tools.filter((tool) => fieldVisibleFor(field, tool.id)).map((tool) => code(tool.id));
      return `| ${code(field.id)} (${cell(field.title)}) | ${code(field.param!)} | ${operations.join(', ')} |`;
    }),
    '',
  ];
}

/** The whole of docs/zendesk.md for a registry. */
export function renderToolDocs(tools: readonly AnyToolDefinition[]): string {
  const ordered = orderTools(tools);
  const groups = new Map<string, AnyToolDefinition[]>();
  for (const tool of ordered) groups.set(tool.resource, [...(groups.get(tool.resource) ?? []), tool]);
  const resources = [...groups.keys()].map((r) => resourceTitle(r).toLowerCase());
  const listed = resources.length > 1 ? `${resources.slice(0, -1).join(', ')} and ${resources[resources.length - 1]}` : resources.join('');
  const jobs = ordered.filter((tool) => tool.result.kind === 'job');

  const lines = [
    '# Zendesk',
    '',
    '<!-- Generated by `npm run docs` (scripts/generate-docs.ts) from the tool definitions. Do not edit. -->',
    '',
    `zendesk-blocks is the Zendesk Support API as ${ordered.length} declarative operations on ${listed}.`,
    'Each operation declares its params, the request it makes and the outputs it returns; one shared executor checks and',
    'coerces the inputs before anything is sent, calls Zendesk (rate limits, retries that never replay a write, paging,',
    'background jobs) and maps the answer onto the documented outputs. It never throws for bad input or an HTTP error:',
    'every call resolves to `{success: true, output}` or `{success: false, error: {code, message, param?}}`, and the',
    'message says what to change.',
    '',
    '## Three ways to use it',
    '',
    '1. **As a workflow block.** `zendeskBlockManifest` holds the block (`type: "zendesk"`: an operation dropdown, the',
    '   credentials and one field per param, shown for the operations that take it), the tools it runs, and',
    '   `execute(values, options?)`, which maps the block\'s values to the chosen operation\'s params and runs it.',
    '2. **From code.** `executeTool("zendesk_get_ticket", {email, apiToken, subdomain, ticketId: "12345"})` runs one',
    '   operation; `iteratePages(toolId, params)` streams every page of a list; the option `all: true` collects them.',
    '3. **As tools for an AI agent.** Each operation\'s description is written for people and models alike.',
    '   `openAITools()` / `anthropicTools()` give the operations as model tool definitions (credentials stay out of',
    '   the model\'s view), `executeModelCall` runs a call the model makes, and `createMcpServer` / `runMcpStdio` serve',
    '   them over MCP. `schemas/<tool id>.params.json` and `.outputs.json` are the JSON Schemas of each operation.',
    '',
    ...renamedFields(ordered),
    '## Credentials',
    '',
    'Every operation takes `subdomain` (`acme` for acme.zendesk.com) and either an API token or an OAuth access token.',
    '',
    '- **API token** (`email` + `apiToken`, sent as HTTP Basic auth `{email}/token:{apiToken}`): in Zendesk, go to',
    '  **Admin Center > Apps and integrations > APIs > Zendesk API**, turn on token access, add an API token and copy it',
    '  (it is shown once). `email` is the address of the Zendesk user the calls are made as; what that user may see and',
    '  change is what the operations may.',
    '- **OAuth access token** (`accessToken`, sent as `Authorization: Bearer ...`; replaces `email` and `apiToken`): from',
    '  an OAuth client registered in Admin Center > Apps and integrations > APIs > OAuth Clients.',
    '',
    '> **API tokens are being retired.** Zendesk lets no new API token be created from 2026-10-27, and every API token',
    '> stops working on **2027-04-30**. OAuth access tokens (`accessToken`) are the path that keeps working: plan to',
    '> move to them.',
    '',
    ...(jobs.length
      ? [
          '## Background jobs',
          '',
          'These operations run as Zendesk background jobs:',
          '',
          ...jobs.map((tool) => `- ${cell(tool.name)} (${code(tool.id)})`),
          '',
          'Zendesk takes 100 items per job; longer inputs are split into several jobs and always waited for. Otherwise the',
          'answer is the queued job, unless the executor option `waitForJob` (the block\'s “Wait for Completion” switch, on by',
          'default) asks to wait for the finished job with per-item results.',
          '',
        ]
      : []),
    '## Operations',
    '',
    '| Resource | Operation | Tool id |',
    '| --- | --- | --- |',
    ...ordered.map((tool) => `| ${resourceTitle(tool.resource)} | [${cell(tool.name)}](#${anchor(tool)}) | ${code(tool.id)} |`),
    '',
  ];
  for (const [resource, list] of groups) {
    lines.push(`## ${resourceTitle(resource)}`, '');
    for (const tool of list) lines.push(`<a id="${anchor(tool)}"></a>`, '', ...renderTool(tool));
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
