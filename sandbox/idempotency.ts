/**
 * Idempotency-Key for ticket create: the first successful answer is kept for two hours and replayed
 * for the same key and body; the same key with another body is refused. The body's key is computed
 * before anything is created, so a body that could not be keyed never leaves a ticket behind.
 */
import { createHash } from 'node:crypto';
import type { Reply } from './reply';

export const IDEMPOTENCY_TTL_MS = 2 * 60 * 60 * 1000;

interface Entry {
  bodyKey: string;
  reply: Reply;
  at: number;
}

/** Punctuation queued between the values of the walk below (never a parsed JSON value). */
class Text {
  constructor(readonly text: string) {}
}
const COMMA = new Text(',');
const CLOSE_ARRAY = new Text(']');
const CLOSE_OBJECT = new Text('}');

/**
 * JSON with sorted keys, so `{a, b}` and `{b, a}` count as the same body. Iterative (an explicit
 * stack), so no nesting depth can overflow the call stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (v instanceof Text) out.push(v.text);
    else if (Array.isArray(v)) {
      out.push('[');
      todo.push(CLOSE_ARRAY);
      for (let i = v.length - 1; i >= 0; i--) {
        todo.push(v[i]);
        if (i > 0) todo.push(COMMA);
      }
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      out.push('{');
      todo.push(CLOSE_OBJECT);
      for (let i = keys.length - 1; i >= 0; i--) {
        todo.push(o[keys[i]]);
        todo.push(new Text(`${i > 0 ? ',' : ''}${JSON.stringify(keys[i])}:`));
      }
    } else out.push(JSON.stringify(v) ?? 'null');
  }
  return out.join('');
}

/** What is stored per key: a digest of the canonical body, not the body (up to 10 MB) itself. */
export function bodyKey(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  lookup(account: string, key: string, bodyKey: string): { kind: 'miss' } | { kind: 'hit'; reply: Reply } | { kind: 'mismatch' } {
    const e = this.entries.get(`${account}\n${key}`);
    if (!e || this.now() - e.at > IDEMPOTENCY_TTL_MS) return { kind: 'miss' };
    return e.bodyKey === bodyKey ? { kind: 'hit', reply: e.reply } : { kind: 'mismatch' };
  }

  remember(account: string, key: string, bodyKey: string, reply: Reply): void {
    this.entries.set(`${account}\n${key}`, { bodyKey, reply, at: this.now() });
  }
}
