/**
 * Compressed answers, as Zendesk sends them: a client that asks for gzip (`Accept-Encoding`) gets
 * every answer longer than GZIP_ABOVE bytes (the `gzipAbove` option) gzipped; smaller ones (and
 * clients that do not ask) get them as they are.
 */
import { gzipSync } from 'node:zlib';

export const GZIP_ABOVE = 1024;

/** Whether an Accept-Encoding header takes gzip (`gzip`, `x-gzip` or `*`, with a q-value above 0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (!header) return false;
  for (const part of String(header).split(',')) {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue;
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** The body to send and the headers that say how it is encoded. */
export function encodeBody(body: string, acceptEncoding: string | string[] | undefined, above = GZIP_ABOVE): { body: string | Buffer; headers?: Record<string, string> } {
  if (body.length <= above || !acceptsGzip(acceptEncoding)) return { body };
  return { body: gzipSync(body), headers: { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } };
}
