/** Operation names as typed on the command line, and tool params given as `--flags`. */
import { allTools, getTool } from '../tools';
import { CREDENTIAL_PARAMS } from '../tools/params';
import type { AnyToolDefinition, ParamDefinition } from '../tools/types';
import { suggest, UsageError } from './errors';

/** `get_ticket`, `zendesk_get_ticket` and `get-ticket` all name zendesk_get_ticket. */
export function resolveOperation(name: string): AnyToolDefinition {
  const normalized = name.trim().toLowerCase().replace(/-/g, '_');
  const tool = getTool(normalized) ?? getTool(`zendesk_${normalized}`);
  if (tool) return tool;
  const short = allTools.map((t) => shortName(t.id));
  const close = suggest(normalized.replace(/^zendesk_/, ''), short);
  throw new UsageError(
    `Unknown operation "${name}".${close.length ? ` Did you mean: ${close.join(', ')}?` : ''}`,
    'Run `zendesk-blocks list` to see every operation.',
  );
}

export const shortName = (toolId: string) => toolId.replace(/^zendesk_/, '');

/** `ticketId` → `ticket-id`. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The flag of a param, as shown in help: `--ticket-id`. */
export const flagOf = (name: string) => `--${kebab(name)}`;

/** The params a user sets with flags on `run` (credentials come from the shared options). */
export function operationParams(tool: AnyToolDefinition): [string, ParamDefinition][] {
  return Object.entries(tool.params as Record<string, ParamDefinition>).filter(([name]) => !CREDENTIAL_PARAMS.includes(name));
}

/**
 * Reads `--ticket-id 5`, `--ticketId=5`, `--dry-run` (a boolean alone is true), `--no-dry-run`.
 * List params may repeat (`--tags a --tags b` = "a,b"). Anything else is a UsageError.
 */
export function parseParamFlags(tool: AnyToolDefinition, args: readonly string[]): Record<string, string> {
  const params = tool.params as Record<string, ParamDefinition>;
  const byFlag = new Map<string, string>();
  for (const name of Object.keys(params)) {
    byFlag.set(name.toLowerCase(), name);
    byFlag.set(kebab(name), name);
  }
  const values: Record<string, string> = {};
  const set = (name: string, value: string, flag: string) => {
    const definition = params[name];
    if (values[name] === undefined) values[name] = value;
    else if (definition.format === 'string-list' || definition.format === 'id-list') values[name] = `${values[name]},${value}`;
    else throw new UsageError(`${flag} is given twice.`);
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--') throw new UsageError(`Unexpected "--": give params as --name value.`);
    if (!arg.startsWith('--')) {
      throw new UsageError(`Unexpected argument "${arg}". Params are flags: --name value (see \`zendesk-blocks describe ${shortName(tool.id)}\`).`);
    }
    const eq = arg.indexOf('=');
    const flagName = (eq >= 0 ? arg.slice(2, eq) : arg.slice(2)).trim();
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    let name = byFlag.get(flagName) ?? byFlag.get(flagName.toLowerCase());
    let negated = false;
    if (!name && flagName.startsWith('no-')) {
      const candidate = byFlag.get(flagName.slice(3)) ?? byFlag.get(flagName.slice(3).toLowerCase());
      if (candidate && params[candidate].format === 'boolean') {
        name = candidate;
        negated = true;
      }
    }
    if (!name) {
      const flags = operationParams(tool).map(([n]) => flagOf(n));
      const close = suggest(`--${flagName}`, flags);
      throw new UsageError(
        `Unknown option --${flagName} for ${shortName(tool.id)}.${close.length ? ` Did you mean ${close.join(', ')}?` : ''}`,
        `Its params: ${flags.join(' ') || '(none)'}. See \`zendesk-blocks describe ${shortName(tool.id)}\`.`,
      );
    }
    const definition = params[name];
    if (negated) {
      if (inline !== undefined) throw new UsageError(`--${flagName} takes no value.`);
      set(name, 'false', arg);
      continue;
    }
    if (inline !== undefined) {
      set(name, inline, `--${flagName}`);
      continue;
    }
    const next = args[i + 1];
    if (definition.format === 'boolean' && (next === undefined || next.startsWith('--') || !/^(true|false)$/i.test(next))) {
      set(name, 'true', arg);
      continue;
    }
    if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${arg} needs a value.`);
    set(name, next, arg);
    i += 1;
  }
  return values;
}
