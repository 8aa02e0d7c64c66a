/** Tool errors, and the translation of Zendesk's error answers into messages useful on their own. */

import type { ToolErrorCode } from '../contract';

export type { ToolError, ToolErrorCode } from '../contract';

const CODE_BY_STATUS: Record<number, ToolErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'validation_failed',
  429: 'rate_limited',
};

export function codeForStatus(status: number): ToolErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'server_error' : 'bad_request');
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** `details: {requester_id: [{description: "is invalid"}]}` → `requester_id: is invalid`. */
function fieldDetails(details: unknown): string[] {
  if (!details || typeof details !== 'object') return [];
  const lines: string[] = [];
  for (const [field, entries] of Object.entries(details as Record<string, unknown>)) {
    for (const entry of Array.isArray(entries) ? entries : [entries]) {
      const said = text(entry) ?? text((entry as any)?.description) ?? text((entry as any)?.message) ?? text((entry as any)?.error);
      if (!said) continue;
      // Zendesk prefixes a humanised field name ("Requester: is invalid"); the real field name is clearer.
      lines.push(`${field}: ${said.replace(/^[A-Z][\w ]{0,40}:\s*/, '')}`);
    }
  }
  return lines;
}

/**
 * One readable sentence from either of Zendesk's error envelopes: `{error, description, details}`
 * (error may itself be `{title, message}`) and the newer `{errors: [{code, title, detail}]}`.
 */
export function describeZendeskError(status: number, body: unknown): string {
  const parts: string[] = [];
  if (body && typeof body === 'object') {
    const b = body as Record<string, any>;
    const error = b.error;
    if (typeof error === 'string') parts.push(text(b.description) ? `${error}: ${b.description.trim()}` : error);
    else if (error && typeof error === 'object') {
      const said = [text(error.title), text(error.message)].filter(Boolean).join(': ');
      if (said) parts.push(said);
    } else if (text(b.description)) parts.push(b.description.trim());
    if (Array.isArray(b.errors)) {
      for (const e of b.errors) {
        const said = [text(e?.title) ?? text(e?.code), text(e?.detail)].filter(Boolean).join(': ');
        if (said) parts.push(said);
      }
    }
    parts.push(...fieldDetails(b.details));
  } else if (text(body)) {
    parts.push(String(body).trim().slice(0, 300));
  }
  const what = parts.length ? parts.join('; ') : 'no details given';
  return `Zendesk answered ${status}: ${what}`;
}

const REDACTED = '[redacted]';
/** A run of this many characters of a secret counts as a piece of it. */
const FRAGMENT = 10;

/** base64 of `secret` as it reads at each of the 3 byte alignments it can have inside a longer encoded text. */
function base64Cores(secret: string): string[] {
  const cores: string[] = [];
  for (let pad = 0; pad < 3; pad += 1) {
    const encoded = Buffer.from(`${'\0'.repeat(pad)}${secret}`).toString('base64').replace(/=+$/, '');
    // Drop the characters that also encode the padding or whatever follows the secret.
    const core = encoded.slice(Math.ceil((pad * 4) / 3), encoded.length - 2);
    if (core.length >= FRAGMENT) cores.push(core);
  }
  return cores;
}

/**
 * Removes credentials from a text: each secret whole, as a server might echo it (URL-encoded, base64
 * at any alignment), and any piece of it of FRAGMENT characters or more. Redacting is done before any
 * text is cut short, so a cut can never leave part of a secret behind.
 */
export class Redactor {
  private forms?: string[];
  private readonly pieces = new Map<string, { secret: string; at: number }>();

  /** Built once per connection, and prepared only when a text is first cleaned: most calls never need it. */
  constructor(private readonly secrets: readonly (string | undefined)[]) {}

  private prepare(): string[] {
    const forms = new Set<string>();
    for (const secret of this.secrets) {
      if (!secret || secret.length < 4) continue;
      forms.add(secret);
      forms.add(encodeURIComponent(secret));
      for (const core of base64Cores(secret)) forms.add(core);
      for (let at = 0; at + FRAGMENT <= secret.length; at += 1) {
        const piece = secret.slice(at, at + FRAGMENT);
        if (!this.pieces.has(piece)) this.pieces.set(piece, { secret, at });
      }
    }
    // Longest first, so a form that contains another is removed whole.
    return (this.forms = [...forms].sort((a, b) => b.length - a.length));
  }

  clean(text: string): string {
    let cleaned = text;
    for (const form of this.forms ?? this.prepare()) if (cleaned.includes(form)) cleaned = cleaned.split(form).join(REDACTED);
    return this.pieces.size ? this.withoutPieces(cleaned) : cleaned;
  }

  /**
   * Every run the text shares with a secret, FRAGMENT characters or longer. Long texts are probed
   * every 5th position, which still finds every shared run of 14 characters or more.
   */
  private withoutPieces(text: string): string {
    const step = text.length > 65_536 ? 5 : 1;
    const runs: [number, number][] = [];
    for (let i = 0; i + FRAGMENT <= text.length; i += step) {
      const hit = this.pieces.get(text.slice(i, i + FRAGMENT));
      if (!hit) continue;
      let start = i;
      let end = i + FRAGMENT;
      while (start > 0 && hit.at - (i - start) > 0 && text[start - 1] === hit.secret[hit.at - (i - start) - 1]) start -= 1;
      while (end < text.length && hit.at + (end - i) < hit.secret.length && text[end] === hit.secret[hit.at + (end - i)]) end += 1;
      runs.push([start, end]);
      i = end - step; // continue after this run
    }
    if (!runs.length) return text;
    let out = '';
    let from = 0;
    for (const [start, end] of runs) {
      if (end <= from) continue;
      out += text.slice(from, Math.max(start, from)) + REDACTED;
      from = end;
    }
    return out + text.slice(from);
  }

  /** A JSON value with every string in it cleaned (keys included); walked without recursion, so any depth is fine. */
  cleanValue<T>(value: T): T {
    if (typeof value === 'string') return this.clean(value) as T;
    if (typeof value !== 'object' || value === null) return value;
    const root: any = Array.isArray(value) ? [] : {};
    const stack: [any, any][] = [[value, root]];
    while (stack.length) {
      const [from, into] = stack.pop()!;
      for (const key of Object.keys(from)) {
        const item = from[key];
        let copy = item;
        if (typeof item === 'string') copy = this.clean(item);
        else if (typeof item === 'object' && item !== null) {
          copy = Array.isArray(item) ? [] : {};
          stack.push([item, copy]);
        }
        // defineProperty: a key "__proto__" (JSON.parse makes it an own key) must stay a plain key.
        Object.defineProperty(into, Array.isArray(into) ? key : this.clean(key), { value: copy, enumerable: true, writable: true, configurable: true });
      }
    }
    return root;
  }
}

/** Removes every given secret from a text, so no token leaks through an error, log or output. */
export function redact(textToClean: string, secrets: readonly (string | undefined)[]): string {
  return new Redactor(secrets).clean(textToClean);
}
