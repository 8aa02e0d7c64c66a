/** Collecting 422 details the way Zendesk reports them: one list of problems per field. */
import { isObject, readId } from './core';
import type { FieldErrorCode, FieldErrors } from './reply';

export function addError(errors: FieldErrors, field: string, description: string, error: FieldErrorCode): void {
  (errors[field] ??= []).push({ description, error });
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** The first problem as one line, for job results' `details`. */
export function firstError(errors: FieldErrors): { error: FieldErrorCode; details: string } {
  for (const list of Object.values(errors)) if (list.length) return { error: list[0].error, details: list[0].description };
  return { error: 'InvalidValue', details: 'Record validation errors' };
}

/** Tags as Zendesk takes them: a list or a space/comma separated string; lower-cased, no blanks, no repeats. */
export function normalizeTags(value: unknown): string[] | null {
  let parts: unknown[];
  if (typeof value === 'string') parts = value.split(/[\s,]+/);
  else if (Array.isArray(value)) parts = value;
  else return null;
  const out = new Set<string>();
  for (const p of parts) {
    if (typeof p !== 'string') return null;
    for (const tag of p.trim().toLowerCase().split(/\s+/)) if (tag) out.add(tag);
  }
  return [...out];
}

export function label(field: string): string {
  const words = field.replace(/_id$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Readers of the fields several record kinds share: each sets the field in `patch` when it is valid and
// present, or adds its 422 detail.

/** The write that fails because the input is not an object; `what` names the record ("User"). */
export function notAnObject(what: string): { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  addError(errors, 'base', `${what}: must be an object`, 'InvalidValue');
  return { ok: false, errors };
}

/** An id field (`group_id`...) that is null or names an existing record, `noun` saying of what. */
export function readReference<R>(
  input: Record<string, unknown>,
  field: keyof R & string,
  exists: (id: number) => unknown,
  noun: string,
  patch: Partial<R>,
  errors: FieldErrors,
): void {
  if (!(field in input)) return;
  const v = input[field];
  const id = readId(v);
  if (v === null || (id !== null && exists(id))) (patch as Record<string, unknown>)[field] = v === null ? null : id;
  else addError(errors, field, `${label(field)}: ${JSON.stringify(v)} is not a valid ${noun}`, 'InvalidValue');
}

/** Fields that take true or false. */
export function readBooleans<R>(input: Record<string, unknown>, fields: readonly (keyof R & string)[], patch: Partial<R>, errors: FieldErrors): void {
  for (const f of fields) {
    if (!(f in input)) continue;
    if (typeof input[f] === 'boolean') (patch as Record<string, unknown>)[f] = input[f];
    else addError(errors, f, `${f}: must be true or false`, 'InvalidValue');
  }
}

/** `tags`, normalized. */
export function readTags(input: Record<string, unknown>, patch: { tags?: string[] }, errors: FieldErrors): void {
  if (!('tags' in input)) return;
  const t = normalizeTags(input.tags);
  if (t) patch.tags = t;
  else addError(errors, 'tags', 'Tags: must be a list of tags', 'InvalidValue');
}

/** A custom-fields object (`user_fields`...), merged over the record's current values. */
export function readCustomFields<R>(
  input: Record<string, unknown>,
  field: keyof R & string,
  current: Record<string, unknown> | undefined,
  patch: Partial<R>,
  errors: FieldErrors,
): void {
  if (!(field in input)) return;
  const v = input[field];
  if (isObject(v)) (patch as Record<string, unknown>)[field] = { ...(current ?? {}), ...v };
  else addError(errors, field, `${label(field)}: must be an object`, 'InvalidValue');
}
