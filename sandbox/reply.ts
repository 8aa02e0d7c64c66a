/**
 * Handlers return a Reply instead of writing to the socket, so the pipeline can still drop the
 * answer (resetAfter fault), delay it (slow fault) or store it (idempotency replay).
 */

export interface Reply {
  status: number;
  /** Already-serialised body ('' for none). */
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export function json(status: number, value: unknown, headers?: Record<string, string>): Reply {
  return { status, body: JSON.stringify(value), headers };
}

/** For bodies assembled from cached record JSON. */
export function rawJson(status: number, body: string, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function noContent(): Reply {
  return { status: 204, body: '' };
}

// Error bodies, in the shapes Zendesk uses for each status.

export function notFound(): Reply {
  return json(404, { error: 'RecordNotFound', description: 'Not found' });
}

export function invalidEndpoint(): Reply {
  return json(404, { error: 'InvalidEndpoint', description: 'Not found' });
}

export function unauthorized(): Reply {
  return json(401, { error: "Couldn't authenticate you" });
}

export type FieldErrorCode = 'InvalidValue' | 'BlankValue' | 'DuplicateValue';
export type FieldErrors = Record<string, { description: string; error: FieldErrorCode }[]>;

export function recordInvalid(details: FieldErrors): Reply {
  return json(422, { error: 'RecordInvalid', description: 'Record validation errors', details });
}

/** 400 in the classic shape node-zendesk and most clients print: `{error: {title, message}}`. */
export function badRequest(title: string, message: string): Reply {
  return json(400, { error: { title, message } });
}

/** 400 in the newer JSON:API-like shape cursor endpoints use. */
export function invalidParameter(code: string, title: string, detail?: string): Reply {
  return json(400, { errors: [{ code, title, ...(detail ? { detail } : {}) }] });
}

export function searchError(status: 400 | 422, description: string): Reply {
  return json(status, { error: 'invalid', description });
}

export function tooManyRequests(retryAfterSeconds: number, text: string): Reply {
  return {
    status: 429,
    body: text,
    contentType: 'text/plain; charset=utf-8',
    headers: { 'Retry-After': String(retryAfterSeconds) },
  };
}
