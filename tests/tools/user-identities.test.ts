/** User identity operations: the exact requests (nock), the outputs against their schemas, bad input refused. */
import { executeTool } from '../../catalog';
import { credentials, expectMissingRequired, expectRefused, expectValidOutput, NO_RETRY, paramsFor, useNock, zendesk } from '../helpers';

const identity = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://acme.zendesk.com/api/v2/users/12/identities/${id}.json`,
  user_id: 12,
  type: 'email',
  value: `address${id}@example.com`,
  verified: false,
  primary: false,
  created_at: '2024-05-01T10:00:00Z',
  updated_at: '2024-05-01T10:00:00Z',
  ...extra,
});

useNock();

describe('zendesk_get_user_identities', () => {
  it('lists one type with cursor paging', async () => {
    zendesk()
      .get('/api/v2/users/12/identities')
      .query({ 'type[]': 'email', 'page[size]': '10', 'page[after]': 'cur1' })
      .reply(200, { identities: [identity(1, { primary: true }), identity(2)], meta: { has_more: true, after_cursor: 'cur2' }, links: { next: 'https://acme.zendesk.com/next' } });
    const result = await executeTool('zendesk_get_user_identities', { ...credentials, userId: '12', type: 'email', perPage: '10', pageAfter: 'cur1' });
    expect(result).toMatchObject({ success: true, output: { identities: [{ id: 1, primary: true }, { id: 2 }], paging: { after_cursor: 'cur2', has_more: true } } });
    if (result.success) expectValidOutput('zendesk_get_user_identities', result.output);
  });
});

describe('zendesk_get_user_identity', () => {
  it('fetches one identity', async () => {
    zendesk().get('/api/v2/users/12/identities/7').reply(200, { identity: identity(7, { type: 'phone_number', value: '+1 555 0100' }) });
    const result = await executeTool('zendesk_get_user_identity', { ...credentials, userId: '12', identityId: '7' });
    expect(result).toMatchObject({ success: true, output: { identity_id: 7, identity: { type: 'phone_number', deliverable_state: null } } });
    if (result.success) expectValidOutput('zendesk_get_user_identity', result.output);
  });
});

describe('zendesk_create_user_identity', () => {
  it('posts the identity with its flags and skip_verify_email', async () => {
    zendesk()
      .post('/api/v2/users/12/identities', { identity: { type: 'email', value: 'jane@example.com', verified: true, primary: true, skip_verify_email: true } })
      .reply(201, { identity: identity(8, { value: 'jane@example.com', verified: true, primary: true }) });
    const result = await executeTool('zendesk_create_user_identity', {
      ...credentials,
      userId: '12',
      type: 'email',
      value: ' jane@example.com ',
      verified: 'true',
      primary: 'true',
      skipVerifyEmail: 'true',
    });
    expect(result).toMatchObject({ success: true, output: { identity_id: 8, identity: { primary: true } } });
    if (result.success) expectValidOutput('zendesk_create_user_identity', result.output);
  });

  it('sends a phone number as it is', async () => {
    zendesk().post('/api/v2/users/12/identities', { identity: { type: 'phone_number', value: '+1 555 0100' } }).reply(201, { identity: identity(9, { type: 'phone_number', value: '+1 555 0100' }) });
    const result = await executeTool('zendesk_create_user_identity', { ...credentials, userId: '12', type: 'phone_number', value: '+1 555 0100' });
    expect(result).toMatchObject({ success: true, output: { identity_id: 9 } });
  });

  it.each([
    [{ type: 'email', value: 'not-an-address' }, 'value', 'must be an address such as jane@example.com when type is "email"'],
    [{ type: 'email', value: 'jane@example' }, 'value', 'must be an address'],
    [{ type: 'fax', value: '+1 555' }, 'type', 'must be one of: email, phone_number'],
    [{ type: 'messaging', value: 'x' }, 'type', 'must be one of'],
    [{ type: 'email', value: 'a@b.co', primary: 'yes' }, 'primary', 'one of: true, false'],
  ])('refuses %j, sending nothing', async (params, param, text) => {
    await expectRefused('zendesk_create_user_identity', { ...credentials, userId: '12', ...params }, param, text);
  });
});

describe('zendesk_update_user_identity', () => {
  it('puts only what changes', async () => {
    zendesk().put('/api/v2/users/12/identities/8', { identity: { verified: true } }).reply(200, { identity: identity(8, { verified: true }) });
    const result = await executeTool('zendesk_update_user_identity', { ...credentials, userId: '12', identityId: '8', verified: 'true' });
    expect(result).toMatchObject({ success: true, output: { identity_id: 8, identity: { verified: true } } });
    if (result.success) expectValidOutput('zendesk_update_user_identity', result.output);
  });

  it('changes the value', async () => {
    zendesk().put('/api/v2/users/12/identities/8', { identity: { value: 'new@example.com' } }).reply(200, { identity: identity(8, { value: 'new@example.com' }) });
    const result = await executeTool('zendesk_update_user_identity', { ...credentials, userId: '12', identityId: '8', value: 'new@example.com' });
    expect(result).toMatchObject({ success: true, output: { identity: { value: 'new@example.com' } } });
  });

  it('needs a value or verified', async () => {
    await expectRefused('zendesk_update_user_identity', { ...credentials, userId: '12', identityId: '8', value: '  ' }, 'value', 'Nothing to change: set at least one of value, verified');
  });
});

describe('zendesk_make_user_identity_primary', () => {
  it('puts make_primary and answers the identity made primary among all of them', async () => {
    zendesk()
      .put('/api/v2/users/12/identities/8/make_primary')
      .reply(200, { identities: [identity(1, { primary: false }), identity(8, { primary: true })] });
    const result = await executeTool('zendesk_make_user_identity_primary', { ...credentials, userId: '12', identityId: '8' });
    expect(result).toMatchObject({ success: true, output: { identity: { id: 8, primary: true }, identities: [{ id: 1 }, { id: 8 }] } });
    if (result.success) expectValidOutput('zendesk_make_user_identity_primary', result.output);
  });

  it('refuses an answer without the list', async () => {
    zendesk().put('/api/v2/users/12/identities/8/make_primary').reply(200, { identity: identity(8) });
    const result = await executeTool('zendesk_make_user_identity_primary', { ...credentials, userId: '12', identityId: '8' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
  });
});

describe('zendesk_verify_user_identity', () => {
  it('puts verify', async () => {
    zendesk().put('/api/v2/users/12/identities/8/verify').reply(200, { identity: identity(8, { verified: true }) });
    const result = await executeTool('zendesk_verify_user_identity', { ...credentials, userId: '12', identityId: '8' });
    expect(result).toMatchObject({ success: true, output: { identity_id: 8, identity: { verified: true } } });
    if (result.success) expectValidOutput('zendesk_verify_user_identity', result.output);
  });
});

describe('zendesk_request_user_verification', () => {
  it.each([
    ['an empty body', ''],
    ['the JSON empty string', '""'],
    ['a blank', ' '],
  ])('takes 200 with %s as the answer', async (_what, body) => {
    zendesk().put('/api/v2/users/12/identities/8/request_verification').reply(200, body, { 'Content-Type': 'application/json' });
    const result = await executeTool('zendesk_request_user_verification', { ...credentials, userId: '12', identityId: '8' });
    expect(result).toEqual({ success: true, output: { requested: true, identity_id: '8' } });
    if (result.success) expectValidOutput('zendesk_request_user_verification', result.output);
  });

  it.each([
    ['an HTML page', '<html>Sign in</html>', 'text/html'],
    ['a JSON object', '{}', 'application/json'],
  ])('does not take %s for it, and says the email may have been sent', async (_what, body, type) => {
    zendesk().put('/api/v2/users/12/identities/8/request_verification').reply(200, body, { 'Content-Type': type });
    const result = await executeTool('zendesk_request_user_verification', { ...credentials, userId: '12', identityId: '8' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_outcome', message: expect.stringContaining("instead of the empty answer this endpoint gives") } });
  });

  it('is not replayed after a 500: a second email could go out', async () => {
    zendesk().put('/api/v2/users/12/identities/8/request_verification').reply(500, { error: 'InternalError' });
    const result = await executeTool('zendesk_request_user_verification', { ...credentials, userId: '12', identityId: '8' });
    expect(result).toMatchObject({ success: false, error: { status: 500 } });
    expect(!result.success && result.error.message).toContain('Not retried');
  });
});

describe('zendesk_delete_user_identity', () => {
  it('answers deleted on a 204', async () => {
    zendesk().delete('/api/v2/users/12/identities/8').reply(204);
    const result = await executeTool('zendesk_delete_user_identity', { ...credentials, userId: '12', identityId: '8' });
    expect(result).toEqual({ success: true, output: { deleted: true, identity_id: '8' } });
    if (result.success) expectValidOutput('zendesk_delete_user_identity', result.output);
  });
});

describe('bad input sends nothing', () => {
  const base = { ...credentials, userId: '12', identityId: '8', type: 'email', value: 'jane@example.com', verified: 'true' };
  const ids = [
    'zendesk_get_user_identity',
    'zendesk_update_user_identity',
    'zendesk_make_user_identity_primary',
    'zendesk_verify_user_identity',
    'zendesk_request_user_verification',
    'zendesk_delete_user_identity',
  ];

  it.each(ids.flatMap((id) => [[id, 'identityId', 'abc', 'numeric id'], [id, 'userId', '12/../../tickets', 'numeric id']]))('%s refuses %s=%j', async (toolId, param, value, text) => {
    await expectRefused(toolId, paramsFor(toolId, base, { [param]: value }), param, text);
  });

  it('refuses an unknown identity type filter', async () => {
    await expectRefused('zendesk_get_user_identities', { ...credentials, userId: '12', type: 'fax' }, 'type', 'must be one of');
  });

  it.each([...ids.map((id) => [id, 'identityId']), ...ids.map((id) => [id, 'userId']), ['zendesk_create_user_identity', 'type'], ['zendesk_create_user_identity', 'value']])(
    '%s names the missing required %s',
    async (toolId, param) => {
      await expectMissingRequired(toolId, paramsFor(toolId, base), param);
    },
  );
});
