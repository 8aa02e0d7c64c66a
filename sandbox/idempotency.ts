/**
 * Idempotency-Key for ticket create: the first successful answer is kept for two hours and replayed
 * for the same key and body; the same key with another body is refused.
 */
import type { Reply } from './reply';

export const IDEMPOTENCY_TTL_MS = 2 * 60 * 60 * 1000;

interface Entry {
  bodyKey: string;
  reply: Reply;
  at: number;
}

/** JSON with sorted keys, so `{a, b}` and `{b, a}` count as the same body. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  lookup(account: string, key: string, body: unknown): { kind: 'miss' } | { kind: 'hit'; reply: Reply } | { kind: 'mismatch' } {
    const e = this.entries.get(`${account}\n${key}`);
    if (!e || this.now() - e.at > IDEMPOTENCY_TTL_MS) return { kind: 'miss' };
    return e.bodyKey === canonicalJson(body) ? { kind: 'hit', reply: e.reply } : { kind: 'mismatch' };
  }

  remember(account: string, key: string, body: unknown, reply: Reply): void {
    this.entries.set(`${account}\n${key}`, { bodyKey: canonicalJson(body), reply, at: this.now() });
  }
}
