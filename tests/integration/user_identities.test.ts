/** User identity operations against the sandbox over HTTP: identities kept in step with the user's email addresses. */
import { getTool } from '../../catalog';
import { err, ok, run, sandbox, succeeded, useIntegrationSandbox, users, walkCursor } from './harness';

useIntegrationSandbox();

const endUsers = () => users().filter((u) => u.role === 'end-user' && u.active && u.email !== null);
const ids = (items: { id: number }[]) => items.map((i) => i.id);

describe('identities follow the user', () => {
  let userId: number;
  let secondId: number;

  it("zendesk_get_user_identities: a user's email is its primary email identity", async () => {
    const user = endUsers()[0];
    userId = user.id;
    const output = ok(await run('zendesk_get_user_identities', { userId: String(user.id) }));
    expect(output.identities).toEqual([expect.objectContaining({ user_id: user.id, type: 'email', value: user.email, primary: true })]);
    expect(output.paging).toMatchObject({ has_more: false });
  });

  it('zendesk_create_user_identity: another email address becomes one of the user’s addresses', async () => {
    const output = ok(await run('zendesk_create_user_identity', { userId: String(userId), type: 'email', value: 'Second.Address@Customer.example' }));
    secondId = output.identity_id;
    expect(output.identity).toMatchObject({ type: 'email', value: 'second.address@customer.example', primary: false, verified: false });
    const user = sandbox.state.users.get(userId)!;
    expect(user.secondary_emails).toContain('second.address@customer.example');
    expect(sandbox.state.userByEmail.get('second.address@customer.example')).toBe(userId);
    const search = ok(await run('zendesk_search_users', { query: 'email:second.address@customer.example' }));
    expect(ids(search.users)).toEqual([userId]);
  });

  it('zendesk_create_user_identity: a phone number, found with the type filter', async () => {
    const phone = ok(await run('zendesk_create_user_identity', { userId: String(userId), type: 'phone_number', value: '+1 555 0142', verified: 'true' }));
    expect(phone.identity).toMatchObject({ type: 'phone_number', primary: true, verified: true });
    const phones = ok(await run('zendesk_get_user_identities', { userId: String(userId), type: 'phone_number' }));
    expect(phones.identities.map((i: { value: string }) => i.value)).toEqual(['+1 555 0142']);
    const all = ok(await run('zendesk_get_user_identities', { userId: String(userId) }));
    expect(all.identities).toHaveLength(3);
  });

  it("zendesk_create_user_identity: another user's address is refused with Zendesk's 422, and nothing changes", async () => {
    const other = endUsers()[1];
    const error = err(await run('zendesk_create_user_identity', { userId: String(userId), type: 'email', value: other.email! }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toContain('already being used by another user');
    expect(sandbox.state.users.get(userId)!.secondary_emails).toEqual(['second.address@customer.example']);
  });

  it('zendesk_get_user_identity: one identity by id; an identity of another user is not found', async () => {
    const output = ok(await run('zendesk_get_user_identity', { userId: String(userId), identityId: String(secondId) }));
    expect(output.identity).toMatchObject({ id: secondId, user_id: userId, value: 'second.address@customer.example' });
    const other = endUsers()[1];
    expect(err(await run('zendesk_get_user_identity', { userId: String(other.id), identityId: String(secondId) }))).toMatchObject({ code: 'not_found', status: 404 });
  });

  it("zendesk_update_user_identity: a new value replaces that address of the user", async () => {
    const output = ok(await run('zendesk_update_user_identity', { userId: String(userId), identityId: String(secondId), value: 'renamed@customer.example' }));
    expect(output.identity).toMatchObject({ id: secondId, value: 'renamed@customer.example' });
    const user = sandbox.state.users.get(userId)!;
    expect(user.secondary_emails).toEqual(['renamed@customer.example']);
    expect(sandbox.state.userByEmail.has('second.address@customer.example')).toBe(false);
    expect(sandbox.state.userByEmail.get('renamed@customer.example')).toBe(userId);
  });

  it("zendesk_make_user_identity_primary: the address becomes the user's email, the former one stays", async () => {
    const before = sandbox.state.users.get(userId)!.email;
    const output = ok(await run('zendesk_make_user_identity_primary', { userId: String(userId), identityId: String(secondId) }));
    expect(output.identity).toMatchObject({ id: secondId, primary: true });
    expect(output.identities.filter((i: { type: string; primary: boolean }) => i.type === 'email' && i.primary)).toHaveLength(1);
    const user = ok(await run('zendesk_get_user', { userId: String(userId) }));
    expect(user.user.email).toBe('renamed@customer.example');
    expect(sandbox.state.users.get(userId)!.secondary_emails).toEqual([before]);
  });

  it('zendesk_verify_user_identity: verified, and the primary email makes the user verified', async () => {
    const output = ok(await run('zendesk_verify_user_identity', { userId: String(userId), identityId: String(secondId) }));
    expect(output.identity).toMatchObject({ id: secondId, verified: true, verification_method: 'low' });
    expect(sandbox.state.users.get(userId)!.verified).toBe(true);
  });

  it('zendesk_request_user_verification: accepted', async () => {
    expect(ok(await run('zendesk_request_user_verification', { userId: String(userId), identityId: String(secondId) }))).toEqual({ requested: true, identity_id: String(secondId) });
  });

  it('zendesk_delete_user_identity: the identity and its address are gone', async () => {
    const former = sandbox.state.users.get(userId)!.secondary_emails[0];
    const list = ok(await run('zendesk_get_user_identities', { userId: String(userId), type: 'email' }));
    const formerId = list.identities.find((i: { value: string }) => i.value === former).id;
    expect(ok(await run('zendesk_delete_user_identity', { userId: String(userId), identityId: String(formerId) }))).toEqual({ deleted: true, identity_id: String(formerId) });
    const after = ok(await run('zendesk_get_user_identities', { userId: String(userId) }));
    expect(after.identities.map((i: { value: string }) => i.value).sort()).toEqual(['+1 555 0142', 'renamed@customer.example']);
    expect(sandbox.state.users.get(userId)!.secondary_emails).toEqual([]);
    expect(sandbox.state.userByEmail.has(former)).toBe(false);
  });

  it('a user update that adds an email shows as a new identity', async () => {
    ok(await run('zendesk_update_user', { userId: String(userId), userEmail: 'added.by.update@customer.example' }));
    const output = ok(await run('zendesk_get_user_identities', { userId: String(userId), type: 'email' }));
    expect(output.identities.map((i: { value: string; primary: boolean }) => [i.value, i.primary])).toEqual([
      ['renamed@customer.example', true],
      ['added.by.update@customer.example', false],
    ]);
  });
});

it('zendesk_get_user_identities: cursor pages to the end', async () => {
  const user = endUsers()[2];
  for (let i = 0; i < 4; i += 1) ok(await run('zendesk_create_user_identity', { userId: String(user.id), type: 'twitter', value: `handle_${i}` }));
  const { items, pages } = await walkCursor('zendesk_get_user_identities', 'identities', { userId: String(user.id), perPage: '2' });
  expect(pages).toBe(3);
  expect(items).toHaveLength(5);
  expect(new Set(ids(items)).size).toBe(5);
});

it('exercised every user identity operation with a validated success', () => {
  const operations = ['get_user_identities', 'get_user_identity', 'create_user_identity', 'update_user_identity', 'make_user_identity_primary', 'verify_user_identity', 'request_user_verification', 'delete_user_identity'].map((name) => `zendesk_${name}`);
  expect(operations.every((id) => getTool(id)?.resource === 'user_identities')).toBe(true);
  expect(operations.filter((id) => !succeeded.has(id))).toEqual([]);
});
