/** Writing to the terminal: JSON (pretty on a terminal, compact otherwise) and plain lines. */
import { parseJsonQuietly } from '../lib/json-syntax';

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

/**
 * Parses JSON that must be an object (params); a UsageError-worthy message otherwise. The message
 * gives the position of a syntax error, never the text: it may hold a token.
 */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  const value = parseJsonQuietly(text, what);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must be a JSON object of param names to values`);
  return value as Record<string, unknown>;
}
