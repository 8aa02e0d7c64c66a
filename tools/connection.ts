/**
 * The Zendesk connection: the credential params every operation receives, declared once, and how
 * they make credentials (email + API token as Basic auth, or an OAuth access token as Bearer).
 */
import type { ConnectionGroup, Credentials, InputProblem } from '../contract';
import { param } from './param';

export const SUBDOMAIN_PATTERN = '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$';

export const connectionParams = {
  email: param.text('Email address of the Zendesk user the API token belongs to, e.g. agent@example.com.', {
    required: true,
    visibility: 'user-only',
    // A colon or whitespace would corrupt the Basic credentials.
    pattern: '^[^\\s@:/]+@[^\\s@:/]+$',
    mustBe: 'must be an email address such as agent@example.com',
    example: 'agent@example.com',
  }),
  apiToken: param.text('Zendesk API token (Admin Center > Apps and integrations > Zendesk API).', {
    required: true,
    visibility: 'hidden',
  }),
  subdomain: param.text('Your Zendesk subdomain: "acme" for acme.zendesk.com.', {
    required: true,
    visibility: 'user-only',
    // A DNS label: anything else pasted into the host could send the credentials elsewhere.
    pattern: SUBDOMAIN_PATTERN,
    mustBe: 'must be a bare subdomain such as "acme" for acme.zendesk.com (letters, digits and inner hyphens; no dots, slashes, "@", "#", ":" or spaces)',
    example: 'acme',
  }),
  accessToken: param.text('OAuth access token; replaces email and apiToken (sent as a Bearer token).', {
    visibility: 'hidden',
    advanced: true,
  }),
};

/** Both forms of credential: email + API token (Basic), or an OAuth access token (Bearer). */
function readCredentials(values: Record<string, unknown>): Credentials | InputProblem {
  const { subdomain, email, apiToken, accessToken } = values as Record<string, string | undefined>;
  if (!subdomain) return { param: 'subdomain', message: 'subdomain is required: your Zendesk subdomain, "acme" for acme.zendesk.com.' };
  if (accessToken) return { subdomain, accessToken };
  if (email && apiToken) return { subdomain, email, apiToken };
  const missing = !email ? 'email' : 'apiToken';
  if (!email && !apiToken) {
    return {
      param: missing,
      message: 'Credentials are missing: give email and apiToken (API token, sent as Basic auth), or accessToken (OAuth, sent as a Bearer token).',
    };
  }
  return {
    param: missing,
    message: `Credentials are incomplete: ${missing} is missing (it goes with ${missing === 'email' ? 'apiToken' : 'email'}). Give email and apiToken (API token), or accessToken (OAuth).`,
  };
}

export const zendeskConnection: ConnectionGroup = { params: connectionParams, read: readCredentials };
