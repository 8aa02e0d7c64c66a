/** Writing to the terminal: JSON (pretty on a terminal, compact otherwise) and plain lines. */

export interface JsonStyle {
  pretty?: boolean;
  compact?: boolean;
}

/** Pretty when asked, or when stdout is a terminal and compact was not asked for. */
export function wantsPretty(style: JsonStyle = {}): boolean {
  if (style.pretty) return true;
  if (style.compact) return false;
  return Boolean(process.stdout.isTTY);
}

export function printJson(value: unknown, style: JsonStyle = {}): void {
  process.stdout.write(`${JSON.stringify(value, null, wantsPretty(style) ? 2 : undefined)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Reads all of stdin as text. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses JSON that must be an object (params); a UsageError-worthy message otherwise. */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must be a JSON object of param names to values`);
  return value as Record<string, unknown>;
}
