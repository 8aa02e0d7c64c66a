/**
 * Zendesk's two credential forms: Basic `{email}/token:{api_token}` and `Bearer {access_token}`.
 * The returned account key names the credential, so each gets its own rate-limit bucket and job cap.
 */
import { timingSafeEqual } from 'node:crypto';

export interface AuthConfig {
  email: string;
  token: string;
  accessToken: string;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The account key for a valid Authorization header, else null. */
export function authenticate(header: string | undefined, cfg: AuthConfig): string | null {
  if (!header) return null;
  const space = header.indexOf(' ');
  if (space < 0) return null;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === 'bearer') return same(value, cfg.accessToken) ? 'oauth' : null;
  if (scheme !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const marker = decoded.indexOf('/token:');
  if (marker < 0) return null; // password logins are not offered
  const email = decoded.slice(0, marker);
  const token = decoded.slice(marker + '/token:'.length);
  if (email.toLowerCase() !== cfg.email.toLowerCase() || !same(token, cfg.token)) return null;
  return `token:${cfg.email.toLowerCase()}`;
}
