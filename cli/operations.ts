/** Operation names as typed on the command line, and tool params given as `--flags`. */
import { allTools, getTool } from '../catalog';
import type { AnyToolDefinition, ParamDefinition } from '../contract';
import { jsonSyntaxProblem } from '../lib/json-syntax';
import { connectionParamNames } from '../lib/params-schema';
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
  const connection = new Set(connectionParamNames(tool));
  return Object.entries(tool.params as Record<string, ParamDefinition>).filter(([name]) => !connection.has(name));
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

/**
 * JSON params given as text (`--custom-fields '{...}'`, or a string inside `--params`) are checked
 * here: a syntax error is reported by its position only, since the text may hold a secret.
 */
export function checkJsonParams(tool: AnyToolDefinition, params: Record<string, unknown>): void {
  for (const [name, definition] of Object.entries(tool.params as Record<string, ParamDefinition>)) {
    const value = params[name];
    if (typeof value !== 'string' || !value.trim() || (definition.format !== 'json-object' && definition.format !== 'json-array')) continue;
    try {
      JSON.parse(value);
    } catch (error) {
      throw new UsageError(`${flagOf(name)} is not valid JSON: ${jsonSyntaxProblem(value, error)}.`);
    }
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How the executor shows a value it refused (lib/input.ts): the text, cut at 60 characters. */
const shownValue = (value: unknown) => {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * A message with the given names written as flags: `ticketId is required` → `--ticket-id is required`.
 * Whole words only, and never inside what the user typed: a double-quoted text, or a refused value
 * shown after "got " (`--status assigneeId` is refused with "got assigneeId", which stays as typed).
 * `flags` maps a name to its flag (default: the kebab-case flag of the name).
 */
export function withFlagNames(message: string, names: readonly string[], flags: Record<string, string> = {}, values: readonly unknown[] = []): string {
  if (!names.length) return message;
  const alternatives = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const word = `(?<![\\w-])(?:${alternatives})(?![\\w-]|[:<>=]\\S)`;
  const given = values.map(shownValue).filter((text) => text && new RegExp(word).test(text));
  const kept = [String.raw`"(?:[^"\\]|\\.)*"`, ...given.sort((a, b) => b.length - a.length).map((text) => `(?<=\\bgot )${escapeRegExp(text)}`)];
  return message
    .split(new RegExp(`(${kept.join('|')})`))
    .map((part, i) => (i % 2 === 1 ? part : part.replace(new RegExp(word, 'g'), (name) => flags[name] ?? flagOf(name))))
    .join('');
}

/** An executor result whose invalid_input messages name the operation's params as flags. */
export function withFlagsInError<T extends { success: boolean; error?: { code: string; message: string; details?: unknown } }>(
  tool: AnyToolDefinition,
  result: T,
  params: Record<string, unknown> = {},
): T {
  if (result.success || result.error?.code !== 'invalid_input') return result;
  const names = Object.keys(tool.params);
  const values = Object.values(params);
  const rename = (text: string) => withFlagNames(text, names, {}, values);
  const error = { ...result.error, message: rename(result.error.message) };
  const problems = (error.details as { problems?: unknown } | undefined)?.problems;
  if (Array.isArray(problems)) {
    error.details = {
      ...(error.details as object),
      problems: problems.map((p) => (p && typeof p === 'object' && typeof p.message === 'string' ? { ...p, message: rename(p.message) } : p)),
    };
  }
  return { ...result, error };
}
