/**
 * The users resource's account-security operations against the sandbox over HTTP: password setting
 * (refused until the account allows it), password rules, ticket skips, the owner reminder, the Talk
 * profile display, and permanent deletion with its GDPR statuses.
 */
import { createHash } from 'node:crypto';
import { err, ok, run, sandbox, succeeded, useIntegrationSandbox, users, walkCursor } from './harness';
useIntegrationSandbox();

const OPERATIONS = [
  'zendesk_set_user_password',
  'zendesk_get_user_password_requirements',
  'zendesk_get_user_compliance_deletion_statuses',
  'zendesk_get_user_ticket_skips',
  'zendesk_request_user_create',
  'zendesk_open_user_profile_in_agent_browser',
  'zendesk_permanently_delete_user',
];
const PASSWORD = 'Correct-Horse-Battery-9';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const activeEndUsers = () => users().filter((u) => u.active && u.role === 'end-user' && u.email);
const agents = () => users().filter((u) => u.active && u.role !== 'end-user');

describe('passwords', () => {
  it('zendesk_set_user_password: forbidden while the account does not allow it, then set (the sandbox keeps a hash), never echoed', async () => {
    const user = activeEndUsers()[0];
    const refused = await run('zendesk_set_user_password', { userId: String(user.id), password: PASSWORD });
    expect(err(refused)).toMatchObject({ code: 'forbidden', status: 403 });
    expect(sandbox.state.passwords.has(user.id)).toBe(false);

    sandbox.state.allowAdminSetPassword = true;
    try {
      const result = await run('zendesk_set_user_password', { userId: String(user.id), password: PASSWORD });
      expect(ok(result)).toEqual({ password_set: true, user_id: user.id });
      expect(sandbox.state.passwords.get(user.id)).toMatchObject({ sha256: sha256(PASSWORD), set_by: sandbox.state.ownerId });

      // The sandbox refuses the user's email as a password and quotes it: the error keeps none of it.
      const quoted = await run('zendesk_set_user_password', { userId: String(user.id), password: user.email! });
      expect(err(quoted)).toMatchObject({ code: 'validation_failed', status: 422 });
      expect(err(quoted).message).toContain('password: "[redacted]" must be different from email address');
      expect(JSON.stringify(quoted)).not.toContain(user.email!);
      expect(sandbox.state.passwords.get(user.id)!.sha256).toBe(sha256(PASSWORD));
    } finally {
      sandbox.state.allowAdminSetPassword = false;
    }
  });

  it('zendesk_get_user_password_requirements: the rules of the account', async () => {
    const output = ok(await run('zendesk_get_user_password_requirements', { userId: String(activeEndUsers()[1].id) }));
    expect(output.requirements).toEqual(['must be at least 5 characters', 'must be different from email address']);
  });
});

describe('agents', () => {
  it('zendesk_get_user_ticket_skips: every skip of the agent with its ticket, oldest first or newest first', async () => {
    const skips = [...sandbox.state.ticketSkips.map.values()];
    const agentId = skips.map((k) => k.user_id).find((id) => skips.filter((k) => k.user_id === id).length >= 2)!;
    const own = skips.filter((k) => k.user_id === agentId);
    expect(own.length).toBeGreaterThanOrEqual(2);
    const { items } = await walkCursor('zendesk_get_user_ticket_skips', 'skips', { userId: String(agentId), perPage: '1' });
    expect(items.map((k) => k.id)).toEqual(own.map((k) => k.id));
    const newest = ok(await run('zendesk_get_user_ticket_skips', { userId: String(agentId), sortOrder: 'desc' }));
    expect(newest.skips.map((k: { id: number }) => k.id)).toEqual(own.map((k) => k.id).reverse());
    expect(newest.skips[0]).toMatchObject({ user_id: agentId, ticket_id: own[own.length - 1].ticket_id, ticket: { id: own[own.length - 1].ticket_id } });
  });

  it('zendesk_request_user_create: the owner is asked for a seat, nothing is created', async () => {
    const before = users().length;
    expect(ok(await run('zendesk_request_user_create', { name: 'Roger Wilco', userEmail: 'roger.wilco@example.org' }))).toEqual({ requested: true });
    expect(sandbox.state.userCreateRequests.at(-1)).toMatchObject({ name: 'Roger Wilco', email: 'roger.wilco@example.org', requested_by: sandbox.state.ownerId });
    expect(users()).toHaveLength(before);
  });

  it("zendesk_open_user_profile_in_agent_browser: delivered to an agent; an end user as the agent is not found", async () => {
    const agent = agents()[1];
    const user = activeEndUsers()[2];
    expect(ok(await run('zendesk_open_user_profile_in_agent_browser', { agentId: String(agent.id), userId: String(user.id) }))).toEqual({ displayed: true, agent_id: agent.id, user_id: user.id });
    expect(sandbox.state.profileDisplays.at(-1)).toMatchObject({ agent_id: agent.id, user_id: user.id });
    expect(err(await run('zendesk_open_user_profile_in_agent_browser', { agentId: String(user.id), userId: String(agent.id) })).code).toBe('not_found');
  });
});

describe('GDPR', () => {
  it('zendesk_permanently_delete_user: refused for an active user; after a delete, the user is erased and the GDPR steps are listed', async () => {
    const user = activeEndUsers()[3];
    const id = String(user.id);
    expect(err(await run('zendesk_permanently_delete_user', { userId: id })).code).toBe('not_found');
    expect(sandbox.state.users.get(user.id)?.active).toBe(true);
    expect(ok(await run('zendesk_get_user_compliance_deletion_statuses', { userId: id })).compliance_deletion_statuses).toEqual([]);

    ok(await run('zendesk_delete_user', { userId: id }));
    const output = ok(await run('zendesk_permanently_delete_user', { userId: id }));
    expect(output).toMatchObject({ permanently_deleted: true, user_id: user.id, deleted_user: { id: user.id, email: user.email, active: false } });
    expect(sandbox.state.users.get(user.id)).toBeUndefined();
    expect(sandbox.state.permanentlyDeletedUsers.has(user.id)).toBe(true);
    expect([...sandbox.state.sessions.map.values()].filter((s) => s.user_id === user.id)).toEqual([]);
    expect(err(await run('zendesk_get_user', { userId: id })).code).toBe('not_found');
    expect(err(await run('zendesk_permanently_delete_user', { userId: id })).code).toBe('not_found');

    const statuses = ok(await run('zendesk_get_user_compliance_deletion_statuses', { userId: id }, { all: true })).compliance_deletion_statuses;
    expect(statuses.map((s: { action: string; application: string }) => `${s.action}/${s.application}`)).toEqual(['request_deletion/all', 'started/support', 'complete/support']);
    expect(statuses[0]).toMatchObject({ user_id: user.id, executer_id: sandbox.state.ownerId, account_subdomain: sandbox.credentials.subdomain });
    const support = ok(await run('zendesk_get_user_compliance_deletion_statuses', { userId: id, application: 'support' })).compliance_deletion_statuses;
    expect(support.map((s: { action: string }) => s.action)).toEqual(['started', 'complete']);
  });

  it('zendesk_get_user_compliance_deletion_statuses: not_found for no such user', async () => {
    expect(err(await run('zendesk_get_user_compliance_deletion_statuses', { userId: '999000000001' })).code).toBe('not_found');
  });
});

it('exercised every account-security operation of users with a validated success', () => {
  expect(OPERATIONS.filter((id) => !succeeded.has(id))).toEqual([]);
});
