/**
 * Turns form strings (or values an agent already typed) into what Zendesk expects.
 * Each reader returns the typed value, or throws an InputError naming what was wrong.
 */
import type { ParamDefinition, ParamFormat } from '../tools/types';

export class InputError extends Error {}

const DIGITS = /^\d+$/;

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

function readIdList(raw: unknown): number[] {
  const items = listItems(raw).filter((item) => !(typeof item === 'string' && item.trim() === ''));
  if (items.length === 0) throw new InputError('must list at least one id');
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
      throw new InputError(`is not valid JSON (${(error as Error).message})`);
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
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    const bounds = definition.maximum === undefined ? `at least ${minimum}` : `between ${minimum} and ${maximum}`;
    throw new InputError(`must be ${bounds}`);
  }
  return value;
}

const readers: Record<ParamFormat, (raw: unknown, definition: ParamDefinition) => unknown> = {
  text: (raw) => (typeof raw === 'string' ? raw : String(raw)),
  'numeric-id': (raw) => readId(raw, 'it'),
  'id-list': readIdList,
  'string-list': readStringList,
  'json-object': (raw, definition) => readJson(raw, definition.acceptsArray ? 'object or array' : 'object'),
  'json-array': (raw) => readJson(raw, 'array'),
  boolean: readBoolean,
  integer: readInteger,
};

export function coerceParam(raw: unknown, definition: ParamDefinition): unknown {
  return readers[definition.format](raw, definition);
}

/** A value the user left empty: absent, null, or only whitespace. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
