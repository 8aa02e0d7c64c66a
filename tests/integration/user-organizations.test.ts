/**
 * A user's organizations against the sandbox over HTTP: a user in two organizations, the default one
 * changed, and a removal that takes the organization off the user's working tickets.
 */
import { err, expectEveryCatalogOperationOf, ok, run, sandbox, tickets, useIntegrationSandbox } from './harness';

useIntegrationSandbox();

const WORKING = ['new', 'open', 'pending', 'hold'];
const membershipsOf = (userId: number) => [...sandbox.state.organizationMemberships.map.values()].filter((m) => m.user_id === userId).map((m) => m.organization_id);

describe("a user's organizations", () => {
  // An end user with working and finished tickets in their organization, made a member of a second one.
  const user = () => {
    const found = [...sandbox.state.users.map.values()].find((u) => {
      const own = tickets().filter((t) => t.requester_id === u.id && t.organization_id === u.organization_id && u.organization_id !== null);
      return u.role === 'end-user' && own.some((t) => WORKING.includes(t.status)) && own.some((t) => !WORKING.includes(t.status));
    });
    if (!found) throw new Error('no end user with working and finished tickets in the seed');
    return found;
  };
  let userId: number;
  let first: number;
  let second: number;

  beforeAll(() => {
    const u = user();
    userId = u.id;
    first = u.organization_id!;
    second = [...sandbox.state.organizations.map.keys()].find((id) => !membershipsOf(userId).includes(id))!;
    const at = u.created_at;
    sandbox.state.organizationMemberships.add({ id: sandbox.state.nextOrganizationMembershipId++, user_id: userId, organization_id: second, created_at: at, updated_at: at });
  });

  it('zendesk_set_user_default_organization: the other organization becomes the default', async () => {
    const output = ok(await run('zendesk_set_user_default_organization', { userId: String(userId), organizationId: String(second) }));
    expect(output).toMatchObject({ organization_id: second, organization_membership: { user_id: userId, organization_id: second, default: true } });
    expect(sandbox.state.users.get(userId)!.organization_id).toBe(second);
  });

  it('refuses an organization the user is not in (404)', async () => {
    const stranger = [...sandbox.state.organizations.map.keys()].find((id) => !membershipsOf(userId).includes(id))!;
    expect(err(await run('zendesk_set_user_default_organization', { userId: String(userId), organizationId: String(stranger) })).code).toBe('not_found');
  });

  it('zendesk_remove_user_from_organization: the organization leaves the user and their working tickets only', async () => {
    const own = tickets().filter((t) => t.requester_id === userId && t.organization_id === first);
    const working = own.filter((t) => WORKING.includes(t.status)).map((t) => t.id);
    const finished = own.filter((t) => !WORKING.includes(t.status)).map((t) => t.id);
    expect(ok(await run('zendesk_remove_user_from_organization', { userId: String(userId), organizationId: String(first) }))).toEqual({
      removed: true,
      user_id: String(userId),
      organization_id: String(first),
    });
    expect(membershipsOf(userId)).toEqual([second]);
    expect(sandbox.state.users.get(userId)!.organization_id).toBe(second);
    for (const id of working) expect(sandbox.state.ticket(id)!.organization_id).toBeNull();
    for (const id of finished) expect(sandbox.state.ticket(id)!.organization_id).toBe(first);
    expect(err(await run('zendesk_remove_user_from_organization', { userId: String(userId), organizationId: String(first) })).code).toBe('not_found');
  });

  it('removing the default organization leaves the user with none', async () => {
    ok(await run('zendesk_remove_user_from_organization', { userId: String(userId), organizationId: String(second) }));
    expect(sandbox.state.users.get(userId)!.organization_id).toBeNull();
    expect(membershipsOf(userId)).toEqual([]);
  });
});

expectEveryCatalogOperationOf('users', ['zendesk_set_user_default_organization', 'zendesk_remove_user_from_organization']);
