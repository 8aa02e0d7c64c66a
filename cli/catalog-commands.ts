/** `list` and `describe`: what the operations are, what they take and what they return. */
import type { Command } from 'commander';
import { allTools, resources } from '../catalog';
import type { AnyToolDefinition, OutputNode, ParamDefinition } from '../contract';
import { formatOf } from '../lib/param-formats';
import { flagOf, operationParams, resolveOperation, shortName } from './operations';
import { printJson, printLine } from './output';
import { done } from './state';

/** The first sentence of a description. */
export function oneLine(description: string, max = 110): string {
  // A sentence ends at . ! or ? followed by a space or the end, but not after "e.g." or "i.e.".
  const match = /^(.+?(?<!\be\.g|\bi\.e)[.!?])(\s|$)/.exec(description);
  const sentence = (match ? match[1] : description).trim();
  if (sentence.length <= max) return sentence;
  return `${sentence.slice(0, sentence.lastIndexOf(' ', max - 1))}...`;
}

function hintWords(tool: AnyToolDefinition): string {
  const { readOnly, destructive, idempotent } = tool.hints;
  return [readOnly ? 'read-only' : 'writes', destructive ? 'destructive' : null, idempotent ? 'idempotent' : 'not idempotent'].filter(Boolean).join(', ');
}

function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

export function paramType(definition: ParamDefinition): string {
  if (definition.enum && definition.format !== 'boolean') return 'choice';
  return formatOf(definition).word;
}

/** An example value of a param: its example, its first allowed value, or a stand-in. */
const exampleValue = (definition: ParamDefinition) => definition.example ?? definition.enum?.[0] ?? (definition.format === 'numeric-id' ? '12345' : 'value');

/** A command line that runs the operation with its required params filled from their examples. */
export function exampleCommand(tool: AnyToolDefinition): string {
  const parts = [`zendesk-blocks run ${shortName(tool.id)}`];
  for (const [name, definition] of operationParams(tool)) {
    if (!definition.required) continue;
    const value = exampleValue(definition);
    parts.push(`${flagOf(name)} ${/^[\w.,@-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`}`);
  }
  return parts.join(' ');
}

/** The call that runs the operation in `zendesk-blocks console`, its required params filled from their examples. */
export function exampleCall(tool: AnyToolDefinition): string {
  const params = operationParams(tool)
    .filter(([, definition]) => definition.required)
    .map(([name, definition]) => `${name}: ${JSON.stringify(exampleValue(definition))}`);
  return `await ${shortName(tool.id)}(${params.length ? `{ ${params.join(', ')} }` : ''})`;
}

/** How `describe` names params and shows the example: as `run` flags, or as the console's object keys. */
export type DescribeStyle = 'cli' | 'console';

function outputLines(outputs: Record<string, OutputNode>, depth: number, seen: Set<string>, lines: string[]) {
  const width = Math.max(...Object.keys(outputs).map((k) => k.length));
  for (const [name, node] of Object.entries(outputs)) {
    const type = node.type === 'array' && node.items ? `array of ${node.items.ref ?? node.items.type}` : node.ref ? `${node.type} (${node.ref})` : node.type;
    lines.push(`${'  '.repeat(depth + 1)}${name.padEnd(width)}  ${type.padEnd(22)} ${node.description}${node.optional ? ' (optional)' : ''}`);
    const inner = node.type === 'array' ? node.items : node;
    if (!inner?.properties || depth >= 2) continue;
    if (inner.ref) {
      if (seen.has(inner.ref)) continue;
      seen.add(inner.ref);
    }
    outputLines(inner.properties, depth + 1, seen, lines);
  }
}

export function describeText(tool: AnyToolDefinition, style: DescribeStyle = 'cli'): string {
  const cli = style === 'cli';
  const nameOf = cli ? flagOf : (name: string) => name;
  const lines: string[] = [];
  lines.push(`${tool.id} (${shortName(tool.id)}): ${tool.name}`);
  lines.push(wrap(tool.description, 96, '  '));
  lines.push('');
  lines.push(cli ? `Params (flags of \`zendesk-blocks run ${shortName(tool.id)}\`):` : `Params (keys of the object \`${shortName(tool.id)}({...})\` takes):`);
  const params = operationParams(tool);
  if (!params.length) lines.push('  (none besides the credentials)');
  const width = Math.max(0, ...params.map(([name]) => nameOf(name).length));
  for (const [name, definition] of params) {
    const flags = `${nameOf(name).padEnd(width)}  ${paramType(definition).padEnd(11)} ${definition.required ? 'required' : 'optional'}`;
    lines.push(`  ${flags}  ${definition.description}`);
    const extra: string[] = [];
    if (definition.enum && definition.format !== 'boolean') extra.push(`allowed: ${definition.enum.join(', ')}`);
    if (definition.default !== undefined) extra.push(`default: ${definition.default}`);
    if (definition.minimum !== undefined && definition.maximum !== undefined) extra.push(`range: ${definition.minimum}..${definition.maximum}`);
    else if (definition.minimum !== undefined) extra.push(`at least ${definition.minimum}`);
    else if (definition.maximum !== undefined) extra.push(`at most ${definition.maximum}`);
    if (definition.example !== undefined) extra.push(`e.g. ${definition.example}`);
    if (definition.advanced) extra.push('advanced');
    if (extra.length) lines.push(`  ${' '.repeat(width)}  ${extra.join('; ')}`);
  }
  lines.push(
    cli
      ? '  Credentials: --subdomain, --email + --api-token or --access-token (or ZENDESK_* environment variables), or --sandbox.'
      : "  Credentials: the console's own (--sandbox, or the ZENDESK_* environment variables it started with).",
  );
  lines.push('');
  lines.push('Outputs:');
  outputLines(tool.outputs, 0, new Set(), lines);
  lines.push('');
  lines.push(`Kind: ${tool.result.kind}; ${hintWords(tool)}`);
  lines.push('Example:');
  lines.push(`  ${cli ? exampleCommand(tool) : exampleCall(tool)}`);
  return lines.join('\n');
}

export function describeJson(tool: AnyToolDefinition) {
  return {
    id: tool.id,
    name: tool.name,
    resource: tool.resource,
    description: tool.description,
    kind: tool.result.kind,
    hints: tool.hints,
    params: Object.fromEntries(
      Object.entries(tool.params as Record<string, ParamDefinition>).map(([name, d]) => [
        name,
        { flag: flagOf(name), type: paramType(d), format: d.format, required: d.required, description: d.description, ...(d.enum ? { allowed: d.enum } : {}), ...(d.default !== undefined ? { default: d.default } : {}) },
      ]),
    ),
    outputs: tool.outputs,
    example: exampleCommand(tool),
  };
}

export function registerCatalogCommands(program: Command): void {
  program
    .command('list')
    .description('List the operations, grouped by resource, with a one-line description each')
    .option('--json', 'print JSON instead of text')
    .addHelpText('after', '\nExamples:\n  zendesk-blocks list\n  zendesk-blocks list --json | jq -r \'.[].id\'')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        printJson(allTools.map((t) => ({ id: t.id, name: t.name, resource: t.resource, description: oneLine(t.description), hints: t.hints })));
        return done(0);
      }
      const width = Math.max(...allTools.map((t) => shortName(t.id).length));
      for (const { id, title } of resources) {
        const tools = allTools.filter((t) => t.resource === id);
        if (!tools.length) continue;
        printLine(`${title}:`);
        for (const tool of tools) printLine(`  ${shortName(tool.id).padEnd(width)}  ${oneLine(tool.description)}`);
        printLine();
      }
      printLine(`${allTools.length} operations. \`zendesk-blocks describe <operation>\` shows one in full; \`zendesk-blocks run <operation> --help\` runs one.`);
      return done(0);
    });

  program
    .command('describe')
    .description('Show an operation\'s params (type, required, allowed values), outputs and an example')
    .argument('<operation>', 'operation name, with or without the zendesk_ prefix, e.g. get_ticket')
    .option('--json', 'print JSON instead of text')
    .addHelpText('after', '\nExamples:\n  zendesk-blocks describe get_ticket\n  zendesk-blocks describe zendesk_update_tickets_bulk --json')
    .action((operation: string, opts: { json?: boolean }) => {
      const tool = resolveOperation(operation);
      if (opts.json) printJson(describeJson(tool));
      else printLine(describeText(tool));
      return done(0);
    });
}
