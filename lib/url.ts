/** Where requests go: the Zendesk host of a subdomain, or a trusted base URL (the sandbox). */

export function zendeskApiBase(subdomain: string): string {
  return `https://${subdomain.toLowerCase()}.zendesk.com/api/v2`;
}

/**
 * A base URL override must be a plain http(s) URL; it comes from options or the environment, never from
 * params. Both forms people write are accepted: the API base (`http://127.0.0.1:4010/api/v2`, kept) and
 * an origin or any other path (`http://127.0.0.1:4010`, `https://proxy.example/zendesk`), which gets
 * `/api/v2` appended, as Zendesk's API lives there.
 */
export function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // Not repeated: a malformed URL may still hold a password or token.
    throw new Error('baseUrl is not a URL (expected e.g. http://127.0.0.1:4010 or https://acme.zendesk.com/api/v2)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('baseUrl must use http or https');
  if (url.username || url.password || url.search || url.hash) throw new Error('baseUrl must not carry credentials, a query or a fragment');
  const base = url.toString().replace(/\/+$/, '');
  return /\/api\/v2$/i.test(base) ? base : `${base}/api/v2`;
}

type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/** Appends percent-encoded path segments and query; lists are sent comma-separated. */
export function buildUrl(base: string, path: readonly (string | number)[], query?: Record<string, QueryValue>): string {
  // Plain loops: this runs on every request, and most have no query.
  let url = path.length === 0 ? `${base}/` : base;
  // An integer (an id, most segments) reads the same encoded: only other segments are encoded.
  for (const segment of path) url += `/${Number.isSafeInteger(segment) ? segment : encodeURIComponent(String(segment))}`;
  let separator = '?';
  for (const key in query) {
    const value = query[key];
    if (value === undefined) continue;
    const encoded = Array.isArray(value) ? value.map((item) => encodeURIComponent(String(item))).join(',') : encodeURIComponent(String(value));
    url += `${separator}${encodeURIComponent(key)}=${encoded}`;
    separator = '&';
  }
  return url;
}
