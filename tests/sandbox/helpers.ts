/** Shared test helpers: raw HTTP calls to a sandbox with either credential. */
import type { Sandbox } from '../../sandbox';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export function basicAuth(sb: Sandbox): string {
  return `Basic ${Buffer.from(`${sb.credentials.email}/token:${sb.credentials.apiToken}`).toString('base64')}`;
}

export function bearerAuth(sb: Sandbox): string {
  return `Bearer ${sb.credentials.accessToken}`;
}

/** `path` is relative to baseUrl (e.g. `/tickets/1.json`) or a full URL from a `links.next`. */
export async function api<T = any>(
  sb: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const url = path.startsWith('http') ? path : `${sb.baseUrl}${path}`;
  const res = await fetch(url, {
    method,
    headers: {
      Authorization: basicAuth(sb),
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export const get = <T = any>(sb: Sandbox, path: string, headers?: Record<string, string>) => api<T>(sb, 'GET', path, undefined, headers);

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls a job status until it is completed or failed. */
export async function waitForJob(sb: Sandbox, id: string, timeoutMs = 5000): Promise<any> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = await get(sb, `/job_statuses/${id}.json`);
    if (r.status === 200 && (r.body.job_status.status === 'completed' || r.body.job_status.status === 'failed')) return r.body.job_status;
    if (Date.now() > end) throw new Error(`job ${id} did not finish: ${r.text}`);
    await sleep(10);
  }
}

/** Every result of a /search query, following next_page (at most the 1,000 the API allows). */
export async function searchIds(sb: Sandbox, query: string): Promise<{ ids: string[]; count: number }> {
  const ids: string[] = [];
  let url: string | null = `/search.json?query=${encodeURIComponent(query)}&per_page=100`;
  let count = 0;
  let page = 0;
  while (url && page < 10) {
    const r: ApiResponse = await get(sb, url);
    expect(r.status).toBe(200);
    count = r.body.count;
    for (const x of r.body.results) ids.push(`${x.result_type}:${x.id}`);
    url = r.body.next_page;
    page++;
  }
  return { ids, count };
}

/** Every result of a /search/export query for one type, following links.next. */
export async function exportIds(sb: Sandbox, query: string, type: string, size = 1000): Promise<string[]> {
  const ids: string[] = [];
  let url: string | null = `/search/export.json?query=${encodeURIComponent(query)}&filter[type]=${type}&page[size]=${size}`;
  while (url) {
    const r: ApiResponse = await get(sb, url);
    expect(r.status).toBe(200);
    for (const x of r.body.results) ids.push(`${x.result_type}:${x.id}`);
    url = r.body.meta.has_more ? r.body.links.next : null;
  }
  return ids;
}
