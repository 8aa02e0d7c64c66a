/** `run <operation> --param value ...`: one operation through the shared executor, JSON out. */
import { type Command, Help } from 'commander';
import { executeTool } from '../catalog';
import type { AnyToolDefinition } from '../contract';
import type { ExecuteOptions } from '../lib/executor';
import { describeText } from './catalog-commands';
import { UsageError } from './errors';
import { checkJsonParams, parseParamFlags, resolveOperation, shortName, withFlagsInError } from './operations';
import { type JsonStyle, parseJsonObject, printError, printJson, readStdin } from './output';
import { createProgress } from './progress';
import { done } from './state';
import { addTargetOptions, missingCredentials, openTarget, type TargetFlags, withCredentials } from './target';

interface RunFlags extends TargetFlags, JsonStyle {
  params?: string;
  stdin: boolean;
  wait?: boolean;
  all?: boolean;
  maxItems?: string;
  progress: boolean;
}

/** Exit code for a result: 0 success, 2 input the user must fix, 1 any other failure. */
export function exitCodeFor(result: { success: boolean; error?: { code: string } }): number {
  if (result.success) return 0;
  return result.error?.code === 'invalid_input' || result.error?.code === 'unknown_tool' ? 2 : 1;
}

async function gatherParams(flags: RunFlags, paramArgs: Record<string, string>): Promise<Record<string, unknown>> {
  let fromJson: Record<string, unknown> = {};
  if (flags.params !== undefined) {
    try {
      fromJson = parseJsonObject(flags.params, '--params');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  } else if (Object.keys(paramArgs).length === 0 && flags.stdin && !process.stdin.isTTY) {
    const text = await readStdin();
    if (text.trim()) {
      try {
        fromJson = parseJsonObject(text, 'The JSON on stdin');
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
  }
  // Flags win over the same param given in JSON.
  return { ...fromJson, ...paramArgs };
}

/** The operation `run <operation> --help` names, if it names a known one. */
function namedOperation(command: Command): AnyToolDefinition | undefined {
  const first = command.args[0];
  if (!first || first.startsWith('-')) return undefined;
  try {
    return resolveOperation(first);
  } catch {
    return undefined;
  }
}

/** `run <operation> --help`: the operation as `describe` shows it, then the options every run takes. */
function operationHelp(tool: AnyToolDefinition, command: Command): string {
  const options = command.options.filter((option) => option.long !== '--help').map((option) => option.flags);
  return [
    `Usage: zendesk-blocks run ${shortName(tool.id)} [--<param> <value> ...] [options]`,
    '',
    describeText(tool),
    '',
    `Options of every run (\`zendesk-blocks run --help\` explains them): ${options.join(', ')}.`,
    '',
  ].join('\n');
}

const RUN_HELP_AFTER = `
Params are flags named like the operation's params (\`describe <operation>\` lists them, and so does
\`run <operation> --help\`), in kebab-case or as written: --ticket-id 123 or --ticketId 123; a boolean
alone means true (--dry-run), --no-dry-run false.
List params take commas or repeat (--tags a,b or --tags a --tags b).
With no param flags and no --params, a JSON object is read from stdin when stdin is not a terminal.

Output: the result as JSON, {"success": true, "output": {...}} or {"success": false, "error": {...}}.
Exit codes: 0 success, 1 the operation failed (the result, with its error, is printed), 2 bad usage
(unknown operation or flag, bad JSON, missing or invalid params).

Examples:
  export ZENDESK_SUBDOMAIN=acme ZENDESK_EMAIL=agent@acme.com ZENDESK_API_TOKEN=...
  zendesk-blocks run get_ticket --ticket-id 123
  zendesk-blocks run get_ticket --help
  zendesk-blocks run zendesk_update_ticket --ticket-id 123 --status pending --comment "On it"
  zendesk-blocks run get_tickets --status open --all --max-items 500 > open.json
  echo '{"query": "type:ticket status:open"}' | zendesk-blocks run search_count
  zendesk-blocks run update_tickets_bulk --ticket-ids 1,2,3 --tags triaged --wait
  zendesk-blocks run get_current_user --sandbox`;

export function registerRunCommand(program: Command): void {
  const run = program
    .command('run')
    .description('Run one operation; params as --flags named like the params, --params JSON, or JSON on stdin')
    .argument('<operation>', 'operation name, with or without the zendesk_ prefix (see `list`)')
    .option('--params <json>', 'params as a JSON object, e.g. \'{"ticketId": "123"}\'')
    .option('--no-stdin', 'never read params from stdin')
    .option('--wait', 'bulk operations and merge: wait for the background job and return its per-item results')
    .option('--all', 'list operations: fetch every page (up to --max-items)')
    .option('--max-items <n>', 'with --all: stop after this many items (default 10000)')
    .option('--pretty', 'indented JSON (the default on a terminal)')
    .option('--compact', 'one-line JSON (the default when piped)')
    .option('--no-progress', 'no job progress on stderr');
  addTargetOptions(run)
    .allowUnknownOption()
    .allowExcessArguments()
    // `run <operation> --help` shows that operation; `run --help` the command itself.
    .configureHelp({
      formatHelp: (command, helper) => {
        const tool = namedOperation(command);
        return tool ? operationHelp(tool, command) : Help.prototype.formatHelp.call(helper, command, helper);
      },
    })
    .addHelpText('after', ({ command }) => (namedOperation(command) ? '' : RUN_HELP_AFTER))
    .action(async (operation: string, flags: RunFlags, command: Command) => {
      if (operation.startsWith('-')) throw new UsageError(`Give the operation first: zendesk-blocks run <operation> ${operation} ...`);
      const tool = resolveOperation(operation);
      const paramArgs = parseParamFlags(tool, command.args.slice(1));
      const maxItems = flags.maxItems === undefined ? undefined : Number(flags.maxItems);
      if (maxItems !== undefined && (!Number.isInteger(maxItems) || maxItems < 1)) throw new UsageError(`--max-items must be a whole number of at least 1; got "${flags.maxItems}".`);
      const params = await gatherParams(flags, paramArgs);
      checkJsonParams(tool, params);
      const target = await openTarget(flags, command);
      try {
        const merged = withCredentials(params, target);
        const missing = missingCredentials(merged, target);
        if (missing) throw new UsageError(missing);
        const progress = createProgress({ quiet: !flags.progress });
        const options: ExecuteOptions = {
          ...target.options,
          ...(flags.wait ? { waitForJob: true } : {}),
          ...(flags.all ? { all: true } : {}),
          ...(maxItems !== undefined ? { maxItems } : {}),
          onProgress: (p) => progress.jobs(p),
        };
        let result;
        try {
          // Invalid params are named as the flags the user types (--ticket-id, not ticketId).
          result = withFlagsInError(tool, await executeTool(tool, merged, options), params);
        } finally {
          progress.stop();
        }
        printJson(result, flags);
        const code = exitCodeFor(result);
        if (code === 2 && !result.success) printError(`error: ${result.error.message}`);
        done(code);
      } finally {
        await target.close();
      }
    });
}
