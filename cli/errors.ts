/** How the CLI ends: exit codes, and the error that means "bad usage" (exit 2). */

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Bad usage: an unknown operation or flag, bad JSON, a missing value. Exits 2. */
export class UsageError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * A server that could not listen (the sandbox, or any command that serves), said as a usage error
 * with the flag to change: `port 4010 is in use; try --port 0`. Undefined for any other error.
 */
export function listenProblem(error: unknown): UsageError | undefined {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  if (!e || e.syscall !== 'listen') return undefined;
  switch (e.code) {
    case 'EADDRINUSE':
      return new UsageError(`port ${e.port} is in use; try --port 0 (any free port) or another port.`);
    case 'EACCES':
      return new UsageError(`port ${e.port} may not be opened by this user (ports below 1024 usually need root); try --port 0.`);
    case 'EADDRNOTAVAIL':
      return new UsageError(`${e.address} is not an address of this machine; try --host 127.0.0.1.`);
    default:
      return new UsageError(`cannot listen on ${e.address ?? ''}${e.port !== undefined ? `:${e.port}` : ''} (${e.code}); try --port 0.`);
  }
}

/** Closest candidates by edit distance, for "did you mean". */
export function suggest(word: string, candidates: readonly string[], max = 3): string[] {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i += 1) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j += 1) {
        const current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  };
  const lower = word.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, d: distance(lower, candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= Math.max(2, Math.floor(candidate.length / 3)) || candidate.toLowerCase().includes(lower))
    .sort((a, b) => a.d - b.d)
    .slice(0, max)
    .map(({ candidate }) => candidate);
}
