/**
 * Fault injection. One PRNG draw per authenticated request, in arrival order, decides the fault, so
 * the same seed and the same request sequence always give the same faults.
 */
import { Prng, streamSeed } from './prng';
import type { FaultCounts, FaultOptions } from './types';

export type FaultKind = keyof FaultCounts;
export type Fault = { kind: 'none' } | { kind: 'serverError'; status: 500 | 502 | 503 } | { kind: Exclude<FaultKind, 'serverError'> };

const KINDS: FaultKind[] = ['serverError', 'resetBefore', 'resetAfter', 'slow'];
const SERVER_STATUSES = [500, 502, 503] as const;

export class FaultInjector {
  private readonly rng: Prng;
  private probs: Record<FaultKind, number> = { serverError: 0, resetBefore: 0, resetAfter: 0, slow: 0 };
  slowMs = 1500;

  constructor(seed: number) {
    this.rng = new Prng(streamSeed(seed, 2));
  }

  /** A number is an overall rate split evenly among the kinds; an object gives each kind exactly. */
  configure(spec: FaultOptions | number | null | undefined): void {
    const p: Record<FaultKind, number> = { serverError: 0, resetBefore: 0, resetAfter: 0, slow: 0 };
    if (typeof spec === 'number') {
      for (const k of KINDS) p[k] = spec / KINDS.length;
    } else if (spec) {
      for (const k of KINDS) p[k] = spec[k] ?? 0;
      if (spec.slowMs !== undefined) this.slowMs = spec.slowMs;
    }
    let total = 0;
    for (const k of KINDS) {
      if (!(p[k] >= 0 && p[k] <= 1)) throw new RangeError(`fault probability ${k} must be within 0..1`);
      total += p[k];
    }
    if (total > 1 + 1e-9) throw new RangeError('fault probabilities add up to more than 1');
    this.probs = p;
  }

  draw(): Fault {
    const u = this.rng.next();
    let edge = 0;
    for (const kind of KINDS) {
      const p = this.probs[kind];
      if (u < edge + p) {
        if (kind === 'serverError') {
          // Reuse the same draw for the status so there is still exactly one draw per request.
          const i = Math.min(2, Math.floor(((u - edge) / p) * 3));
          return { kind, status: SERVER_STATUSES[i] };
        }
        return { kind };
      }
      edge += p;
    }
    return { kind: 'none' };
  }
}
