/** OAuth access tokens work wherever API tokens do: Bearer auth, and clear messages when credentials are missing. */
import nock from 'nock';
import { toModelResult } from '../../agents/llm-result';
import { executeModelCall } from '../../agents/model-call';
import { credentialsFromEnv, McpStartupError } from '../../agents/mcp-stdio';
import { executeTool } from '../../catalog';
import { NO_RETRY, ORIGIN, useNock } from '../helpers';

const ACCESS_TOKEN = 'oauth-access-token-9f8e7d';

/** Only requests whose Authorization is exactly the Bearer token match. */
const bearer = () => nock(ORIGIN, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}`, accept: 'application/json' } });

useNock();

describe('OAuth access token', () => {
  it('is sent as "Authorization: Bearer <token>", exactly, and no Basic auth', async () => {
    let seen: string | string[] | undefined;
    bearer()
      .get('/api/v2/tickets/5')
      .reply(function () {
        seen = this.req.headers.authorization;
        return [200, { ticket: { id: 5 } }];
      });
    const result = await executeTool('zendesk_get_ticket', { subdomain: 'acme', accessToken: ACCESS_TOKEN, ticketId: '5' }, NO_RETRY);
    expect(result).toMatchObject({ success: true, output: { ticket_id: 5 } });
    expect(seen).toBe(`Bearer ${ACCESS_TOKEN}`);
  });

  it('wins over an email and API token given alongside', async () => {
    bearer().get('/api/v2/users/me').reply(200, { user: { id: 7, name: 'Agent', role: 'agent' } });
    const result = await executeTool('zendesk_get_current_user', { subdomain: 'acme', email: 'a@example.com', apiToken: 'tok-123', accessToken: ACCESS_TOKEN }, NO_RETRY);
    expect(result.success).toBe(true);
  });

  it('works for a model call: credentials from configuration, typed args from the model', async () => {
    bearer().put('/api/v2/tickets/5', { ticket: { status: 'solved' } }).reply(200, { ticket: { id: 5, status: 'solved' } });
    const result = await executeModelCall('zendesk_update_ticket', { ticketId: 5, status: 'solved' }, { subdomain: 'acme', accessToken: ACCESS_TOKEN }, NO_RETRY);
    expect(result).toMatchObject({ success: true, output: { ticket_id: 5 } });
  });

  it('never appears in an error message, nor in what a model reads', async () => {
    bearer().get('/api/v2/tickets/5').reply(401, { error: `Couldn't authenticate you with ${ACCESS_TOKEN}` });
    const result = await executeModelCall('zendesk_get_ticket', { ticketId: 5 }, { subdomain: 'acme', accessToken: ACCESS_TOKEN }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unauthorized', status: 401 } });
    expect(!result.success && result.error.message).toContain('[redacted]');
    expect(!result.success && result.error.message).not.toContain(ACCESS_TOKEN);
    const text = toModelResult(result, { tool: 'zendesk_get_ticket' }).text;
    expect(text).not.toContain(ACCESS_TOKEN);
    expect(text).toContain('Changing arguments will not help');
  });
});

describe('missing credentials', () => {
  const run = (params: Record<string, unknown>) => executeTool('zendesk_get_ticket', { ticketId: '1', ...params });

  it('says both forms when none is given', async () => {
    const result = await run({ subdomain: 'acme' });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'email' } });
    expect(!result.success && result.error.message).toBe(
      'Credentials are missing: give email and apiToken (API token, sent as Basic auth), or accessToken (OAuth, sent as a Bearer token).',
    );
  });

  it('names the half of an API-token pair that is missing', async () => {
    const noToken = await run({ subdomain: 'acme', email: 'agent@example.com' });
    expect(noToken).toMatchObject({ success: false, error: { param: 'apiToken' } });
    expect(!noToken.success && noToken.error.message).toContain('apiToken is missing (it goes with email)');
    expect(!noToken.success && noToken.error.message).toContain('or accessToken (OAuth)');
    const noEmail = await run({ subdomain: 'acme', apiToken: 'tok-123' });
    expect(noEmail).toMatchObject({ success: false, error: { param: 'email' } });
    expect(!noEmail.success && noEmail.error.message).toContain('email is missing (it goes with apiToken)');
    expect(JSON.stringify(noEmail)).not.toContain('tok-123');
  });

  it('asks for the subdomain with either form', async () => {
    const result = await run({ accessToken: ACCESS_TOKEN });
    expect(result).toMatchObject({ success: false, error: { code: 'invalid_input', param: 'subdomain' } });
    expect(JSON.stringify(result)).not.toContain(ACCESS_TOKEN);
  });

  it('reads the MCP server environment: either credential form, or a message naming what is missing', () => {
    expect(credentialsFromEnv({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_ACCESS_TOKEN: ACCESS_TOKEN })).toEqual({
      credentials: { subdomain: 'acme', accessToken: ACCESS_TOKEN },
    });
    expect(
      credentialsFromEnv({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'a@example.com', ZENDESK_API_TOKEN: 'tok', ZENDESK_BASE_URL: 'http://127.0.0.1:9/api/v2/' }),
    ).toEqual({ credentials: { subdomain: 'acme', email: 'a@example.com', apiToken: 'tok' }, baseUrl: 'http://127.0.0.1:9/api/v2' });

    const fails = (env: Record<string, string>) => {
      try {
        credentialsFromEnv(env);
      } catch (error) {
        expect(error).toBeInstanceOf(McpStartupError);
        expect((error as McpStartupError).exitCode).toBe(2);
        return (error as Error).message;
      }
      throw new Error('expected a startup error');
    };
    expect(fails({})).toMatch(/ZENDESK_SUBDOMAIN is not set[\s\S]*No credentials: set ZENDESK_EMAIL and ZENDESK_API_TOKEN \(API token\), or ZENDESK_ACCESS_TOKEN \(OAuth\)/);
    expect(fails({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_EMAIL: 'a@example.com' })).toContain('ZENDESK_API_TOKEN is not set');
    expect(fails({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_API_TOKEN: 'tok' })).toContain('ZENDESK_EMAIL is not set');
    expect(fails({ ZENDESK_SUBDOMAIN: 'acme.evil.com', ZENDESK_ACCESS_TOKEN: 'x' })).toContain('ZENDESK_SUBDOMAIN must be a bare subdomain');
    expect(fails({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_ACCESS_TOKEN: 'x', ZENDESK_BASE_URL: 'ftp://host' })).toContain('ZENDESK_BASE_URL');
    expect(fails({ ZENDESK_SUBDOMAIN: 'acme', ZENDESK_ACCESS_TOKEN: 'x', ZENDESK_BASE_URL: 'http://user:pw@host/' })).not.toContain('pw@');
  });
});
