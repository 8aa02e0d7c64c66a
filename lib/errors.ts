/** Tool errors, and the translation of Zendesk's error answers into messages useful on their own. */

export type ToolErrorCode =
  | 'invalid_input'
  | 'unknown_tool'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'validation_failed'
  | 'rate_limited'
  | 'server_error'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  /** A write whose outcome is unknown (the answer was lost); it was not replayed. */
  | 'unknown_outcome'
  | 'job_failed'
  | 'job_timeout'
  | 'unexpected_response';

export interface ToolError {
  code: ToolErrorCode;
  message: string;
  /** The param to change, for invalid_input. */
  param?: string;
  /** HTTP status of Zendesk's answer. */
  status?: number;
  /** Zendesk's error body (422 field details, error codes), as it came. */
  details?: unknown;
  /** Seconds to wait before trying again (rate_limited). */
  retryAfter?: number;
}

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

/** Removes every given secret from a text, so no token leaks through an error, log or output. */
export function redact(textToClean: string, secrets: readonly (string | undefined)[]): string {
  let cleaned = textToClean;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) cleaned = cleaned.split(secret).join('[redacted]');
  }
  return cleaned;
}
