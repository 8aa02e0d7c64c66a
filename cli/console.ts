/**
 * `zendesk-blocks console`: a REPL (node:repl) with every operation loaded as a function:
 *
 *   zendesk> await get_ticket({ ticketId: 1 })        // or zendesk_get_ticket(...), or run('get_ticket', {...})
 *   zendesk> _.output.ticket.subject                  // `_` holds the last result
 *   zendesk> await get_tickets({ status: 'open' }, { all: true, maxItems: 500 })
 *   zendesk> .help update_ticket
 *
 * A call resolves to the executor's result, `{success, output}` or `{success: false, error}`, with
 * the errors the CLI gives; the credentials are the console's own (--sandbox or ZENDESK_*).
 */
import fs from 'node:fs';
import path from 'node:path';
import repl, { type REPLServer } from 'node:repl';
import { inspect } from 'node:util';
import type { Command } from 'commander';
import { allTools, executeTool, resources } from '../catalog';
import type { AnyToolDefinition, ToolResult } from '../contract';
import type { ExecuteOptions } from '../lib/executor';
import { describeText, oneLine } from './catalog-commands';
import { dataFile } from './data-dir';
import { UsageError } from './errors';
import { operationParams, resolveOperation, shortName } from './operations';
import { createProgress } from './progress';
import { done } from './state';
import { addTargetOptions, missingCredentials, openTarget, type Target, type TargetFlags, withCredentials } from './target';

/** The executor options a console call may pass as its second argument; the target's own are kept. */
const CALL_OPTIONS = ['all', 'maxItems', 'waitForJob', 'timeoutMs', 'idempotencyKey'] as const;
type CallOptions = Pick<ExecuteOptions, (typeof CALL_OPTIONS)[number]>;

export interface ConsoleOptions {
  target: Target;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Line editing, completion and history (a terminal). Default: whether output is a TTY. */
  terminal?: boolean;
  useColors?: boolean;
  /** The persistent history file; '' keeps none. */
  historyFile?: string;
  /** Where the target is, for the greeting a terminal gets: "the embedded sandbox", "acme.zendesk.com". */
  label: string;
}

const PROMPT = 'zendesk> ';

const isFailedResult = (value: unknown): value is { success: false; error: { message: string } } =>
  typeof value === 'object' && value !== null && (value as ToolResult).success === false && typeof (value as { error?: { message?: unknown } }).error?.message === 'string';

function greeting(label: string): string {
  return [
    `Zendesk console on ${label}: ${allTools.length} operations, each a function that returns the result.`,
    "  await get_ticket({ ticketId: 1 })      or zendesk_get_ticket(...), run('get_ticket', {...})",
    '  await get_tickets({}, { all: true })   executor options second: all, maxItems, waitForJob',
    '  _                                      the last result      .help <operation>  its params and outputs',
    '  Tab completes operations and, inside {...}, their params.   .exit (or Ctrl+D) leaves.',
    '',
  ].join('\n');
}

/** `.help` alone: the console's own commands, then the operations by resource. */
function overview(): string {
  const lines = ['Operations (call them with await; .help <operation> shows one):'];
  for (const { id, title } of resources) {
    const tools = allTools.filter((t) => t.resource === id);
    if (!tools.length) continue;
    lines.push(`  ${title}:`);
    const width = Math.max(...tools.map((t) => shortName(t.id).length));
    for (const tool of tools) lines.push(`    ${shortName(tool.id).padEnd(width)}  ${oneLine(tool.description, 80)}`);
  }
  lines.push('', "Also: run(name, params, options), the same call by name; _ the last result.", 'Commands: .help [operation]  .break  .clear  .editor  .exit  .load  .save');
  return lines.join('\n');
}

/** The operation a call in progress names: `get_ticket({ ti`, `zendesk_get_ticket({ ti` or `run('get_ticket', { ti`. */
function callInProgress(line: string): { tool: AnyToolDefinition; inside: string } | undefined {
  const match = /(?:run\(\s*['"`]([\w-]+)['"`]\s*,|(?<![\w.$])([a-z][\w]*)\s*\()\s*\{([^{}]*)$/.exec(line);
  if (!match) return undefined;
  try {
    return { tool: resolveOperation(match[1] ?? match[2]), inside: match[3] };
  } catch {
    return undefined;
  }
}

const NAMES = allTools.flatMap((t) => [shortName(t.id), t.id]);

/**
 * Completion: operation names after `.help` and inside `run('`, an operation's param names inside the
 * object it is given, and everything else as node's REPL completes it (globals, properties, `_`).
 */
function completer(fallback: REPLServer['completer']) {
  return (line: string, callback: (error: Error | null, result: [string[], string]) => void) => {
    const help = /^\s*\.help\s+(\S*)$/.exec(line);
    const quoted = /run\(\s*['"`]([\w-]*)$/.exec(line);
    const partial = help?.[1] ?? quoted?.[1];
    if (partial !== undefined) return callback(null, [NAMES.filter((n) => n.startsWith(partial)), partial]);
    const call = callInProgress(line);
    if (call) {
      const key = /(?:^|,)\s*([A-Za-z_$][\w$]*)?$/.exec(call.inside);
      if (key) {
        const typed = key[1] ?? '';
        const given = new Set([...call.inside.matchAll(/([A-Za-z_$][\w$]*)\s*:/g)].map((m) => m[1]));
        const names = operationParams(call.tool)
          .map(([name]) => name)
          .filter((name) => name.startsWith(typed) && !given.has(name));
        return callback(null, [names, typed]);
      }
    }
    return (fallback as (line: string, cb: typeof callback) => void).call(undefined, line, callback);
  };
}

/** Starts the REPL; resolves once its history is loaded. */
export async function startConsole(options: ConsoleOptions): Promise<REPLServer> {
  const { target, output } = options;
  const terminal = options.terminal ?? Boolean((output as NodeJS.WriteStream).isTTY);
  const colors = options.useColors ?? (terminal && !process.env.NO_COLOR);
  if (terminal) output.write(greeting(options.label));
  const show = (value: unknown) => inspect(value, { depth: 8, colors, maxArrayLength: 25, maxStringLength: 500, breakLength: 100 });

  const call = (tool: AnyToolDefinition) => async (params: Record<string, unknown> = {}, callOptions: CallOptions = {}): Promise<ToolResult> => {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new UsageError(`${shortName(tool.id)} takes an object of params, e.g. ${shortName(tool.id)}({ ... }); see .help ${shortName(tool.id)}`);
    }
    const unknown = Object.keys(callOptions ?? {}).filter((key) => !(CALL_OPTIONS as readonly string[]).includes(key));
    if (unknown.length) throw new UsageError(`Unknown option ${unknown.join(', ')}: the second argument takes ${CALL_OPTIONS.join(', ')}.`);
    const progress = createProgress({ stream: output as NodeJS.WriteStream, bars: false });
    try {
      return await executeTool(tool, withCredentials(params, target), { ...target.options, ...callOptions, onProgress: (p) => progress.jobs(p) });
    } finally {
      progress.stop();
    }
  };

  const server = repl.start({
    prompt: PROMPT,
    input: options.input,
    output,
    terminal,
    useColors: colors,
    preview: false,
    ignoreUndefined: true,
    // A failed call is said in one line first, as the CLI says it, then shown in full.
    writer: (value: unknown) => {
      // A usage error (an unknown operation) is said as the CLI says it, without a stack.
      if (value instanceof UsageError) return `UsageError: ${value.message}${value.hint ? `\n${value.hint}` : ''}`;
      const failed = isFailedResult(value) ? value.error : undefined;
      return failed ? `error: ${failed.message}\n${show(value)}` : show(value);
    },
  });
  (server as { completer: unknown }).completer = completer(server.completer);

  // One line at a time, each after the one before has finished (awaits included), so a script piped in
  // runs in order and `_` is the result of the line before. A line has finished when the REPL shows
  // its prompt again, whichever way it ended (a result, a thrown error, a multi-line continuation).
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => (queue = queue.then(work, work));
  let settle: (() => void) | undefined;
  const displayPrompt = server.displayPrompt.bind(server);
  server.displayPrompt = (preserveCursor?: boolean) => {
    displayPrompt(preserveCursor);
    const finished = settle;
    settle = undefined;
    finished?.();
  };
  const evaluate = server.eval;
  (server as { eval: REPLServer['eval'] }).eval = (code, context, file, callback) =>
    void enqueue(
      () =>
        new Promise<void>((resolve) => {
          settle = resolve;
          evaluate.call(server, code, context, file, callback);
        }),
    );
  server.on('exit', () => void queue.then(() => server.emit('done')));

  const context = server.context;
  for (const tool of allTools) {
    const fn = Object.defineProperty(call(tool), 'name', { value: shortName(tool.id) });
    // Shown as what it does, not as [AsyncFunction].
    Object.defineProperty(fn, inspect.custom, { value: () => `${shortName(tool.id)}(params, options?): ${tool.name}. .help ${shortName(tool.id)}` });
    for (const name of [shortName(tool.id), tool.id]) Object.defineProperty(context, name, { value: fn, enumerable: true, configurable: true, writable: true });
  }
  context.run = (name: string, params?: Record<string, unknown>, callOptions?: CallOptions) => call(resolveOperation(String(name)))(params, callOptions);

  server.defineCommand('help', {
    help: 'Show the console\'s help, or an operation\'s params and outputs: .help <operation>',
    action(this: REPLServer, name: string) {
      const wanted = name.trim();
      void enqueue(async () => {
        try {
          output.write(`${wanted ? describeText(resolveOperation(wanted), 'console') : overview()}\n`);
        } catch (error) {
          output.write(`error: ${(error as Error).message}${error instanceof UsageError && error.hint ? `\n${error.hint}` : ''}\n`);
        }
        this.displayPrompt();
      });
    },
  });

  if (options.historyFile) {
    fs.mkdirSync(path.dirname(options.historyFile), { recursive: true });
    await new Promise<void>((resolve, reject) => server.setupHistory(options.historyFile!, (error) => (error ? reject(error) : resolve())));
  }
  return server;
}

interface ConsoleFlags extends TargetFlags {
  history: string | boolean;
}

const HELP = `
Every operation is a function of the console: \`await get_ticket({ ticketId: 1 })\` resolves to the
result, {success, output} or {success: false, error}, and \`_\` holds the last one. \`.help <operation>\`
shows its params and outputs; Tab completes operation names and, inside the object, its params.
History is kept in ${dataFile('console_history')} (--history <file> to choose, --no-history for none).

Examples:
  zendesk-blocks console --sandbox
  ZENDESK_SUBDOMAIN=acme ZENDESK_ACCESS_TOKEN=... zendesk-blocks console
  echo "await search_count({ query: 'status:open' })" | zendesk-blocks console --sandbox`;

export function registerConsoleCommand(program: Command): void {
  const command = program
    .command('console')
    .description('A REPL with every operation loaded: await get_ticket({ ticketId: 1 }), .help <operation>, Tab completion')
    .option('--history <file>', 'the persistent history file')
    .option('--no-history', 'keep no history');
  addTargetOptions(command)
    .addHelpText('after', HELP)
    .action(async (flags: ConsoleFlags, cmd: Command) => {
      const target = await openTarget(flags, cmd);
      try {
        const missing = missingCredentials(target.credentials, target);
        if (missing) throw new UsageError(missing);
        const label = target.sandbox ? 'the embedded sandbox' : target.options.baseUrl ? new URL(target.options.baseUrl).host : `${target.credentials.subdomain}.zendesk.com`;
        const historyFile = flags.history === false ? '' : typeof flags.history === 'string' ? flags.history : dataFile('console_history');
        const server = await startConsole({ target, input: process.stdin, output: process.stdout, historyFile, label });
        // 'done': the REPL has exited and every line it was given has finished.
        await new Promise<void>((resolve) => server.on('done', () => resolve()));
        done(0);
      } finally {
        await target.close();
      }
    });
}
