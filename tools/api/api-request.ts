import type { InputProblem } from '../../contract';
import { defineTool } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { api } from './resource';

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A path segment as Zendesk's own paths write them: letters, digits and `_ - . ~ : @ ,`, never `.` or `..` alone. */
const SEGMENT = /^[A-Za-z0-9_\-.~:@,]+$/;
const MAX_PATH_LENGTH = 2000;

const refuse = (message: string) => ({ problem: { param: 'path', message } as InputProblem });

/**
 * The segments of a path under /api/v2 of the account, or why it is refused. The path can only name
 * an endpoint of the account the credentials belong to: no scheme or host, no `..`, no percent
 * encoding (each segment is encoded by the executor), no query or fragment (use `query`).
 */
export function apiPathSegments(path: string): { segments: string[] } | { problem: InputProblem } {
  const text = path.trim();
  if (text.length > MAX_PATH_LENGTH) return refuse(`path is longer than ${MAX_PATH_LENGTH} characters.`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
    return refuse('path must be a path under /api/v2 of your account, e.g. "/api/v2/ticket_fields", not a URL: requests only go to the account the credentials belong to.');
  }
  if (/[?#]/.test(text)) return refuse('path must not carry a query or fragment: give query parameters in query, e.g. {"page[size]": 10}.');
  if (text.includes('%')) return refuse('path must not be percent-encoded: give it as written (each segment is encoded before sending).');
  if (/[\s\\]/.test(text)) return refuse('path must not contain spaces or backslashes.');
  const relative = text.replace(/^\/?api\/v2(\/|$)/, '').replace(/^\//, '');
  if (relative === '') return refuse('path names no endpoint: give the part after /api/v2, e.g. "ticket_fields" or "/api/v2/tickets/123/comments".');
  const segments = relative.replace(/\/$/, '').split('/');
  for (const segment of segments) {
    if (segment === '') return refuse('path must not contain an empty segment ("//").');
    if (segment === '.' || segment === '..') return refuse('path must not contain "." or ".." segments: it cannot leave /api/v2 of your account.');
    if (!SEGMENT.test(segment)) return refuse(`path segment "${segment.slice(0, 40)}" holds characters Zendesk paths do not use (letters, digits and _ - . ~ : @ , only).`);
  }
  return { segments };
}

type QueryValue = string | number | boolean | (string | number)[];

/** Query values Zendesk reads: text, numbers, true/false, or lists of text and numbers (sent comma-separated). */
function checkQuery(query: Record<string, unknown> | unknown[] | undefined): InputProblem | undefined {
  if (query === undefined) return undefined;
  if (Array.isArray(query)) return { param: 'query', message: 'query must be a JSON object of parameter names to values, e.g. {"page[size]": 10}.' };
  for (const [key, value] of Object.entries(query)) {
    const scalar = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    if (scalar(value) || typeof value === 'boolean' || (Array.isArray(value) && value.every(scalar))) continue;
    return { param: 'query', message: `query: "${key.slice(0, 40)}" must be text, a number, true/false or a list of those.` };
  }
  return undefined;
}

export const apiRequestTool = defineTool({
  id: 'zendesk_api_request',
  name: 'API request',
  resource: api.id,
  description:
    'Call any Zendesk Support API endpoint the other operations do not cover: a method, a path under /api/v2 (e.g. "/api/v2/ticket_fields" or ' +
    '"tickets/123/comments"), optional query parameters and a JSON body. The answer is Zendesk\'s status and JSON body, as it came. ' +
    'Requests go only to your own account, with the same retries, rate-limit pacing and secret redaction as every operation; a write is never ' +
    'replayed after an unknown outcome. Prefer a dedicated operation when one exists: its inputs are checked and its outputs documented.',
  // Block fields named for the raw API: "query" or "body" alone would read as a search or a comment.
  params: {
    method: param.choice(API_METHODS, 'HTTP method: GET reads; POST, PUT, PATCH and DELETE change data.', { required: true, example: 'GET', field: 'apiMethod' }),
    path: param.text('Path of the endpoint under /api/v2, e.g. "/api/v2/ticket_fields" or "tickets/123/comments".', {
      required: true,
      example: '/api/v2/ticket_fields',
      field: 'apiPath',
    }),
    query: param.jsonObject('Query parameters as a JSON object, e.g. {"page[size]": 10}; lists are sent comma-separated.', {
      example: '{"page[size]": 10}',
      field: 'apiQuery',
    }),
    body: param.jsonObject('JSON body of a POST, PUT, PATCH or DELETE, e.g. {"ticket_field": {"type": "text", "title": "Order"}}.', {
      multiline: true,
      example: '{"ticket_field": {"type": "text", "title": "Order"}}',
      field: 'apiBody',
    }),
  },
  check: (p) => {
    const path = apiPathSegments(p.path);
    if ('problem' in path) return path.problem;
    if (p.body !== undefined && p.method === 'GET') return { param: 'body', message: 'body is sent with POST, PUT, PATCH or DELETE only; a GET takes query parameters.' };
    return checkQuery(p.query);
  },
  request: (p) => {
    const path = apiPathSegments(p.path);
    if ('problem' in path) throw new Error(path.problem.message);
    return {
      method: p.method as (typeof API_METHODS)[number],
      path: path.segments,
      query: p.query as Record<string, QueryValue> | undefined,
      body: p.body,
      // Whether a write may be replayed is unknowable here: only reads are.
      idempotent: p.method === 'GET',
    };
  },
  readOnlyFor: (p) => p.method === 'GET',
  outputs: {
    status: out.number('HTTP status of Zendesk\'s answer, e.g. 200 or 201'),
    body: out.json('Zendesk\'s JSON answer as it came; null for an empty answer (204)'),
  },
  output: ({ status, body }) => ({ status, body: body ?? null }),
  result: { kind: 'single' },
  hints: { readOnly: false, destructive: true, idempotent: false },
});
