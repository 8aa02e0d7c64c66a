/**
 * Everything the pack knows about each param format, in one table: how a form string (or a value an
 * agent already typed) is read, the JSON Schema of what the executor accepts and of what a model
 * sends, the TypeScript type of generated params, and the words the block, the CLI, the docs and the
 * error messages use for it. Adding a format means adding one entry here.
 */
import type { ParamDefinition, ParamFormat } from '../contract';
import { jsonSyntaxProblem } from './json-syntax';

export class InputError extends Error {}

export type JsonSchema = Record<string, any>;

export interface FormatRules {
  /** The typed value of a given value, or an InputError saying what was wrong (without the value). */
  read(raw: unknown, definition: ParamDefinition): unknown;
  /** What the executor accepts: the form string, or the value already typed. */
  inputSchema(definition: ParamDefinition): JsonSchema;
  /** What a model sends: the typed value only. */
  modelSchema(definition: ParamDefinition): JsonSchema;
  /** The TypeScript type of the param in the generated params interfaces. */
  tsType(definition: ParamDefinition): string;
  /** An example or default text as the typed value a model would send; throws when unreadable. */
  typed(text: string): unknown;
  /** "must be ..." for a bad value, said the way a person would fix it. */
  mustBe(definition: ParamDefinition): string;
  /** The format in a word or two (CLI tables, docs). */
  word: string;
  /** A docs sentence about the format, empty when there is nothing to say. */
  docs: string;
  /** The description as a model should read it, where form wording ("Comma-separated", "true" or "false") would mislead. */
  forModel?(description: string): string;
  /** A field placeholder when the param gives no example. */
  placeholder?: string;
  /** A list: a CLI flag may repeat, a comma-separated string is split. */
  list?: boolean;
  /** JSON text: a code editor on the block. */
  json?: boolean;
}

const DIGITS = /^\d+$/;
export const ID_PATTERN = '^\\s*\\d+\\s*$';
export const INTEGER_PATTERN = '^\\s*-?\\d+\\s*$';
export const ID_LIST_PATTERN = '^[\\d\\s,]+$';

function readId(raw: unknown, what: string): number {
  const textValue = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (textValue === undefined || !DIGITS.test(textValue)) throw new InputError(`${what} must be a numeric id (digits only)`);
  const id = Number(textValue);
  if (!Number.isSafeInteger(id) || id < 1) throw new InputError(`${what} must be a positive id no larger than ${Number.MAX_SAFE_INTEGER}`);
  return id;
}

/** Splits a comma list; accepts an array as it is. Empty items are dropped, never sent as "". */
function listItems(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') return raw.split(',');
  if (typeof raw === 'number') return [raw];
  throw new InputError('must be a comma-separated list');
}

export const splitList = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);

/** A pattern matching a word of letters in any case: `none` → `[nN][oO][nN][eE]`. */
const caseless = (word: string) => [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[^\w]/g, '\\$&'))).join('');

/** The word an id-list param takes for the empty list (ParamDefinition.emptyWord), in any case, trimmed. */
const isEmptyWord = (raw: unknown, word: string) => typeof raw === 'string' && raw.trim().toLowerCase() === word.toLowerCase();

function readIdList(raw: unknown, emptyWord?: string): number[] {
  const items = listItems(raw).filter((item) => !(typeof item === 'string' && item.trim() === ''));
  if (items.length === 0) throw new InputError(`must list at least one id${emptyWord === undefined ? '' : ` (or be "${emptyWord}" for none)`}`);
  const ids = items.map((item, index) => readId(item, `item ${index + 1} ("${String(item).trim().slice(0, 40)}")`));
  return [...new Set(ids)];
}

function readStringList(raw: unknown): string[] {
  const items = listItems(raw).map((item) => {
    if (typeof item !== 'string' && typeof item !== 'number') throw new InputError('must be a list of words');
    return String(item).trim();
  });
  const words = [...new Set(items.filter(Boolean))];
  if (words.length === 0) throw new InputError('must list at least one value');
  return words;
}

function readJson(raw: unknown, expect: 'object' | 'array' | 'object or array'): unknown {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      // What and where only: Node's message quotes the text, which may hold a secret.
      throw new InputError(`is not valid JSON (${jsonSyntaxProblem(raw, error)})`);
    }
  }
  const isArray = Array.isArray(value);
  const isObject = value !== null && typeof value === 'object' && !isArray;
  const ok = expect === 'array' ? isArray : expect === 'object' ? isObject : isArray || isObject;
  if (!ok) throw new InputError(`must be a JSON ${expect}`);
  if (isArray && (value as unknown[]).length === 0) throw new InputError('must contain at least one item');
  return value;
}

function readBoolean(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  const word = String(raw).trim().toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  throw new InputError('must be "true" or "false"');
}

function readInteger(raw: unknown, definition: ParamDefinition): number {
  const textValue = typeof raw === 'number' ? String(raw) : String(raw).trim();
  if (!/^-?\d+$/.test(textValue)) throw new InputError('must be a whole number');
  const value = Number(textValue);
  const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = definition;
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) throw new InputError(`must be ${integerBounds(definition)}`);
  return value;
}

function integerBounds(definition: ParamDefinition): string {
  if (definition.maximum === undefined) return `at least ${definition.minimum ?? Number.MIN_SAFE_INTEGER}`;
  return `between ${definition.minimum} and ${definition.maximum}`;
}

const bounds = (definition: ParamDefinition): JsonSchema => ({
  ...(definition.minimum !== undefined ? { minimum: definition.minimum } : {}),
  ...(definition.maximum !== undefined ? { maximum: definition.maximum } : {}),
});

const literalUnion = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(' | ');

/** The items a JSON array's example holds (objects for every bulk input so far). */
function arrayItems(definition: ParamDefinition): JsonSchema {
  let example: unknown;
  try {
    example = definition.example === undefined ? undefined : JSON.parse(definition.example);
  } catch {
    return {};
  }
  if (!Array.isArray(example) || example.length === 0) return {};
  if (example.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) return { type: 'object' };
  if (example.every((item) => typeof item === 'string')) return { type: 'string' };
  if (example.every((item) => typeof item === 'number')) return { type: 'number' };
  return {};
}

export const PARAM_FORMATS: Record<ParamFormat, FormatRules> = {
  text: {
    read: (raw) => (typeof raw === 'string' ? raw : String(raw)),
    inputSchema: (d) => ({ type: 'string', ...(d.enum ? { enum: [...d.enum] } : {}), ...(d.pattern ? { pattern: d.pattern } : {}) }),
    modelSchema: (d) => ({
      type: 'string',
      ...(d.enum ? { enum: [...d.enum] } : {}),
      ...(d.pattern ? { pattern: d.pattern } : {}),
      ...(d.required && !d.enum ? { minLength: 1 } : {}),
    }),
    tsType: (d) => (d.enum ? literalUnion(d.enum) : 'string'),
    typed: (text) => text,
    mustBe: (d) => d.mustBe ?? (d.pattern ? `must match ${d.pattern}` : 'must be text'),
    word: 'text',
    docs: '',
  },
  'numeric-id': {
    read: (raw) => readId(raw, 'it'),
    inputSchema: () => ({ type: ['string', 'number'], pattern: ID_PATTERN, minimum: 1 }),
    modelSchema: () => ({ type: 'integer', minimum: 1 }),
    tsType: () => 'string | number',
    typed: (text) => {
      const id = Number(text.trim());
      if (!Number.isSafeInteger(id)) throw new Error('not an id');
      return id;
    },
    mustBe: () => 'must be a numeric id (digits only), e.g. 12345',
    word: 'numeric id',
    docs: 'Format: numeric id (digits only).',
    placeholder: 'Numeric ID',
  },
  'id-list': {
    read: (raw, d) => (d.emptyWord !== undefined && isEmptyWord(raw, d.emptyWord) ? [] : readIdList(raw, d.emptyWord)),
    inputSchema: (d) => ({
      anyOf: [
        { type: 'array', items: { type: ['string', 'number'] } },
        { type: 'string', pattern: d.emptyWord === undefined ? ID_LIST_PATTERN : `^(${ID_LIST_PATTERN.slice(1, -1)}|\\s*${caseless(d.emptyWord)}\\s*)$` },
      ],
    }),
    modelSchema: (d) => {
      const ids = { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1 };
      return d.emptyWord === undefined ? ids : { anyOf: [ids, { type: 'string', enum: [d.emptyWord] }] };
    },
    tsType: () => 'string | (string | number)[]',
    typed: (text) => {
      const ids = splitList(text).map(Number);
      if (!ids.every(Number.isSafeInteger)) throw new Error('not ids');
      return ids;
    },
    mustBe: (d) => `must be comma-separated numeric ids, e.g. "111, 222, 333"${d.emptyWord === undefined ? '' : `, or "${d.emptyWord}" for none`}`,
    forModel: (text) =>
      `${text.replace(/^Comma-separated /, 'The ')} Give an array of ids, e.g. [111, 222]; a comma-separated string such as "111, 222" is also accepted.`,
    word: 'id list',
    docs: 'Format: comma-separated numeric ids.',
    placeholder: 'Comma-separated IDs',
    list: true,
  },
  'string-list': {
    read: readStringList,
    inputSchema: () => ({ anyOf: [{ type: 'array', items: { type: ['string', 'number'] } }, { type: 'string' }] }),
    modelSchema: () => ({ type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }),
    tsType: () => 'string | string[]',
    typed: splitList,
    mustBe: () => 'must be comma-separated words, e.g. "billing, vip"',
    forModel: (text) =>
      `${text.replace(/^Comma-separated /, '').replace(/^./, (c) => c.toUpperCase())} Give an array of strings; a comma-separated string is also accepted.`,
    word: 'list',
    docs: 'Format: comma-separated list; empty items are dropped.',
    placeholder: 'Comma-separated values',
    list: true,
  },
  'json-object': {
    read: (raw, d) => readJson(raw, d.acceptsArray ? 'object or array' : 'object'),
    inputSchema: (d) => ({ anyOf: [{ type: 'object' }, ...(d.acceptsArray ? [{ type: 'array' }] : []), { type: 'string' }] }),
    modelSchema: (d) =>
      d.acceptsArray ? { anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' }, minItems: 1 }] } : { type: 'object' },
    tsType: (d) => `string | { [key: string]: unknown }${d.acceptsArray ? ' | unknown[]' : ''}`,
    typed: (text) => JSON.parse(text),
    mustBe: () => 'must be a JSON object, e.g. {"key": "value"}',
    word: 'JSON object',
    docs: 'Format: JSON object.',
    placeholder: 'JSON object',
    json: true,
  },
  'json-array': {
    read: (raw) => readJson(raw, 'array'),
    inputSchema: () => ({ anyOf: [{ type: 'array' }, { type: 'string' }] }),
    modelSchema: (d) => ({ type: 'array', items: arrayItems(d), minItems: 1 }),
    tsType: () => 'string | unknown[]',
    typed: (text) => JSON.parse(text),
    mustBe: () => 'must be a JSON array, e.g. [{...}, {...}]',
    word: 'JSON array',
    docs: 'Format: JSON array.',
    placeholder: 'JSON array',
    json: true,
  },
  boolean: {
    read: readBoolean,
    inputSchema: () => ({ enum: [true, false, 'true', 'false'] }),
    modelSchema: () => ({ type: 'boolean' }),
    tsType: () => `${literalUnion(['true', 'false'])} | boolean`,
    typed: (text) => text.trim().toLowerCase() === 'true',
    mustBe: () => 'must be "true" or "false"',
    forModel: (text) => text.replace(/[\s:,]*\(?\s*"true" or "false"\s*\)?(?=\.?$)/, '').replace(/([^.])$/, '$1.'),
    word: 'boolean',
    docs: 'Format: `true` or `false`.',
  },
  integer: {
    read: readInteger,
    inputSchema: (d) => ({ type: ['string', 'number'], pattern: INTEGER_PATTERN, ...bounds(d) }),
    modelSchema: (d) => ({ type: 'integer', ...bounds(d) }),
    tsType: () => 'string | number',
    typed: (text) => {
      const n = Number(text.trim());
      if (!Number.isSafeInteger(n)) throw new Error('not an integer');
      return n;
    },
    mustBe: (d) =>
      d.maximum === undefined ? `must be a whole number of at least ${d.minimum ?? 0}` : `must be a whole number between ${d.minimum} and ${d.maximum}`,
    word: 'integer',
    docs: 'Format: whole number.',
    placeholder: 'Whole number',
  },
};

export const formatOf = (definition: ParamDefinition): FormatRules => PARAM_FORMATS[definition.format];

/** "must be ..." for a param: its allowed values when it has them, else what its format takes. */
export function mustBe(definition: ParamDefinition): string {
  return definition.enum ? `must be one of: ${definition.enum.join(', ')}` : formatOf(definition).mustBe(definition);
}

/** The example or default of a definition as the typed value a model would send; undefined when unreadable. */
export function typedValue(definition: ParamDefinition, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return formatOf(definition).typed(text);
  } catch {
    return undefined;
  }
}

/** A value the user left empty: absent, null, or only whitespace. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
