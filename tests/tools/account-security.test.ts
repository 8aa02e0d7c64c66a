/** The users resource's account-security operations: the exact request (nock) and the output against its schema. */
import { executeTool } from '../../catalog';
import { credentials, expectMissingRequired, expectRefused, expectValidOutput, NO_RETRY, useNock, zendesk } from '../helpers';

const PASSWORD = 'Tr0ub4dor&3-horse';
const ticket = (id: number) => ({ id, subject: `Ticket ${id}`, status: 'open', tags: ['billing'], custom_fields: [] });

useNock();

describe('zendesk_set_user_password', () => {
  it('posts {password} and takes the empty 200 as success, with nothing of the password in the result', async () => {
    zendesk().matchHeader('content-type', 'application/json').post('/api/v2/users/12345/password', { password: PASSWORD }).reply(200, '""', { 'Content-Type': 'application/json' });
    const result = await executeTool('zendesk_set_user_password', { ...credentials, userId: '12345', password: PASSWORD });
    expect(result).toEqual({ success: true, output: { password_set: true, user_id: 12345 } });
    if (result.success) expectValidOutput('zendesk_set_user_password', result.output);
  });

  it('sends the password exactly as typed, spaces included', async () => {
    zendesk().post('/api/v2/users/7/password', { password: '  spaced out  ' }).reply(200);
    expect(await executeTool('zendesk_set_user_password', { ...credentials, userId: 7, password: '  spaced out  ' })).toMatchObject({ success: true });
  });

  it('maps the 403 of an account that does not let admins set passwords', async () => {
    zendesk().post('/api/v2/users/12345/password').reply(403, { error: 'Forbidden', description: 'You do not have access to this page.' });
    const result = await executeTool('zendesk_set_user_password', { ...credentials, userId: '12345', password: PASSWORD }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'forbidden', status: 403 } });
  });

  it('refuses a missing or too short password before sending, never quoting it', async () => {
    await expectMissingRequired('zendesk_set_user_password', { ...credentials, userId: '1', password: PASSWORD }, 'password');
    for (const short of ['abcd', 'x']) {
      await expectRefused('zendesk_set_user_password', { ...credentials, userId: '1', password: short }, 'password', 'at least 5 characters');
      const result = await executeTool('zendesk_set_user_password', { ...credentials, userId: '1', password: short });
      expect(JSON.stringify(result)).not.toContain(`"${short}"`);
      expect(!result.success && result.error.message).not.toContain('got');
    }
  });

  it('a 200 answered with an object is not this endpoint\'s answer: the outcome is unknown, never replayed', async () => {
    zendesk().post('/api/v2/users/5/password').reply(200, { user: { id: 5 } });
    const result = await executeTool('zendesk_set_user_password', { ...credentials, userId: '5', password: PASSWORD });
    expect(result).toMatchObject({ success: false, error: { code: 'unknown_outcome', status: 200 } });
    expect(!result.success && result.error.message).toContain('instead of the empty answer this endpoint gives');
  });
});

describe('zendesk_get_user_password_requirements', () => {
  it('lists the rules', async () => {
    zendesk().get('/api/v2/users/12345/password/requirements').reply(200, { requirements: ['must be at least 5 characters', 'must be different from email address'] });
    const result = await executeTool('zendesk_get_user_password_requirements', { ...credentials, userId: '12345' });
    expect(result).toEqual({ success: true, output: { requirements: ['must be at least 5 characters', 'must be different from email address'], user_id: 12345 } });
    if (result.success) expectValidOutput('zendesk_get_user_password_requirements', result.output);
  });

  it('refuses an answer without requirements', async () => {
    zendesk().get('/api/v2/users/1/password/requirements').reply(200, { user: {} });
    const result = await executeTool('zendesk_get_user_password_requirements', { ...credentials, userId: '1' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
  });
});

describe('zendesk_get_user_compliance_deletion_statuses', () => {
  it('filters by application with cursor paging', async () => {
    const status = { account_subdomain: 'acme', action: 'complete', application: 'support', created_at: '2026-01-01T00:00:00Z', executer_id: null, user_id: 12345 };
    zendesk()
      .get('/api/v2/users/12345/compliance_deletion_statuses')
      .query({ application: 'support', 'page[size]': '100' })
      .reply(200, { compliance_deletion_statuses: [status], meta: { has_more: false, after_cursor: null }, links: { next: null } });
    const result = await executeTool('zendesk_get_user_compliance_deletion_statuses', { ...credentials, userId: '12345', application: 'support' });
    expect(result).toMatchObject({ success: true, output: { compliance_deletion_statuses: [status], paging: { has_more: false } } });
    if (result.success) expectValidOutput('zendesk_get_user_compliance_deletion_statuses', result.output);
  });
});

describe('zendesk_get_user_ticket_skips', () => {
  it('lists the skips newest first with their tickets', async () => {
    const skip = { id: 1, ticket_id: 123, user_id: 456, reason: 'I have no idea.', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ticket: ticket(123) };
    zendesk()
      .get('/api/v2/users/456/skips')
      .query({ sort_order: 'desc', 'page[size]': '10' })
      .reply(200, { skips: [skip], meta: { has_more: false }, links: { next: null } });
    const result = await executeTool('zendesk_get_user_ticket_skips', { ...credentials, userId: '456', sortOrder: 'desc', perPage: '10' });
    expect(result).toMatchObject({ success: true, output: { skips: [{ id: 1, reason: 'I have no idea.', ticket: { id: 123, subject: 'Ticket 123', priority: null } }] } });
    if (result.success) expectValidOutput('zendesk_get_user_ticket_skips', result.output);
  });

  it('refuses an unknown sort order', async () => {
    await expectRefused('zendesk_get_user_ticket_skips', { ...credentials, userId: '456', sortOrder: 'newest' }, 'sortOrder', 'asc, desc');
  });
});

describe('zendesk_request_user_create', () => {
  it('posts the name and email under user', async () => {
    zendesk().post('/api/v2/users/request_create', { user: { name: 'Roger Wilco', email: 'roge@example.org' } }).reply(200, '""', { 'Content-Type': 'application/json' });
    const result = await executeTool('zendesk_request_user_create', { ...credentials, name: 'Roger Wilco', userEmail: 'roge@example.org' });
    expect(result).toEqual({ success: true, output: { requested: true } });
    if (result.success) expectValidOutput('zendesk_request_user_create', result.output);
  });

  it('sends the name alone when no email is given, and needs the name', async () => {
    zendesk().post('/api/v2/users/request_create', { user: { name: 'Solo' } }).reply(200);
    expect(await executeTool('zendesk_request_user_create', { ...credentials, name: 'Solo' })).toMatchObject({ success: true });
    await expectMissingRequired('zendesk_request_user_create', { ...credentials, name: 'Solo' }, 'name');
  });
});

describe('zendesk_open_user_profile_in_agent_browser', () => {
  it('posts to the Talk display endpoint with no body', async () => {
    zendesk().post('/api/v2/channels/voice/agents/385473779372/users/12345/display', (body) => body === '' || body === undefined).reply(200, '""', { 'Content-Type': 'application/json' });
    const result = await executeTool('zendesk_open_user_profile_in_agent_browser', { ...credentials, agentId: '385473779372', userId: '12345' });
    expect(result).toEqual({ success: true, output: { displayed: true, agent_id: 385473779372, user_id: 12345 } });
    if (result.success) expectValidOutput('zendesk_open_user_profile_in_agent_browser', result.output);
  });

  it('maps the 404 of a wrong agent or user id', async () => {
    zendesk().post('/api/v2/channels/voice/agents/1/users/2/display').reply(404, '""', { 'Content-Type': 'application/json' });
    const result = await executeTool('zendesk_open_user_profile_in_agent_browser', { ...credentials, agentId: '1', userId: '2' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'not_found', status: 404 } });
  });
});

describe('zendesk_permanently_delete_user', () => {
  it('deletes /deleted_users/{id} and answers the deleted user', async () => {
    const deletedUser = { id: 12345, url: 'https://acme.zendesk.com/api/v2/deleted_users/12345.json', name: 'David', email: 'david@example.com', active: false, phone: null, time_zone: 'UTC', created_at: '2025-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };
    zendesk().delete('/api/v2/deleted_users/12345').reply(200, { deleted_user: deletedUser });
    const result = await executeTool('zendesk_permanently_delete_user', { ...credentials, userId: '12345' });
    expect(result).toMatchObject({ success: true, output: { permanently_deleted: true, user_id: 12345, deleted_user: { id: 12345, name: 'David', role: null } } });
    if (result.success) expectValidOutput('zendesk_permanently_delete_user', result.output);
  });

  it('maps the 404 of a user who is not deleted', async () => {
    zendesk().delete('/api/v2/deleted_users/9').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    const result = await executeTool('zendesk_permanently_delete_user', { ...credentials, userId: '9' }, NO_RETRY);
    expect(result).toMatchObject({ success: false, error: { code: 'not_found', status: 404 } });
  });
});
