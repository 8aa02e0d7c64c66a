/** Collecting 422 details the way Zendesk reports them: one list of problems per field. */
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
  const out: string[] = [];
  for (const p of parts) {
    if (typeof p !== 'string') return null;
    for (const tag of p.trim().toLowerCase().split(/\s+/)) if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export function label(field: string): string {
  const words = field.replace(/_id$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
