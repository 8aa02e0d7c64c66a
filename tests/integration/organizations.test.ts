/** Organization operations against the sandbox over HTTP: reads, paging to the end, writes and jobs. */
import {
  distinct,
  err,
  expectEveryOperationOf,
  ok,
  organizations,
  run,
  sandbox,
  useIntegrationSandbox,
  walkCursor,
  walkOffset,
} from './harness';
useIntegrationSandbox();

describe('reads', () => {
  it('zendesk_get_organization: one organization as the state holds it', async () => {
    const org = organizations()[3];
    const output = ok(await run('zendesk_get_organization', { organizationId: String(org.id) }));
    expect(output.organization_id).toBe(org.id);
    expect(output.organization).toMatchObject({ id: org.id, name: org.name, domain_names: org.domain_names });
  });
});

describe('paging to the end', () => {
  it('zendesk_get_organizations: every organization once, page by page and with all: true', async () => {
    const size = sandbox.state.organizations.size;
    const fifty = await walkCursor('zendesk_get_organizations', 'organizations', { perPage: '50' });
    expect(distinct(fifty.items).size).toBe(size);
    const { items, pages } = await walkCursor('zendesk_get_organizations', 'organizations', { perPage: '10' });
    expect(pages).toBe(Math.ceil(size / 10));
    expect(distinct(items).size).toBe(size);
    expect(items).toHaveLength(size);

    const all = ok(await run('zendesk_get_organizations', { perPage: '10' }, { all: true }));
    expect(distinct(all.organizations)).toEqual(distinct(items));
    expect(all.metadata).toMatchObject({ total_returned: size, truncated: false });
  });

  it('zendesk_autocomplete_organizations: offset pages of names starting with the prefix', async () => {
    const expected = organizations().filter((o) => o.name.toLowerCase().startsWith('b'));
    expect(expected.length).toBeGreaterThan(2);
    const { items, pages } = await walkOffset('zendesk_autocomplete_organizations', 'organizations', { name: 'B', perPage: '2' });
    expect(pages).toBe(Math.ceil(expected.length / 2));
    expect(distinct(items)).toEqual(new Set(expected.map((o) => o.id)));
    expect(items.every((o) => (o as unknown as { name: string }).name.toLowerCase().startsWith('b'))).toBe(true);

    const all = ok(await run('zendesk_autocomplete_organizations', { name: 'b', perPage: '2' }, { all: true }));
    expect(distinct(all.organizations)).toEqual(distinct(items));
  });
});

describe('organizations', () => {
  let createdId: number;

  it('zendesk_create_organization: the fields as given', async () => {
    const output = ok(
      await run('zendesk_create_organization', {
        name: 'Northwind Traders',
        domainNames: 'northwind.example, northwind.test',
        details: 'Wholesale food distributor',
        notes: 'Renewal in Q4',
        tags: 'enterprise, emea',
        customFields: '{"tier": "platinum"}',
      }),
    );
    createdId = output.organization_id;
    expect(output.organization).toMatchObject({ id: createdId, name: 'Northwind Traders' });
    expect(sandbox.state.organizations.get(createdId)).toMatchObject({
      name: 'Northwind Traders',
      domain_names: ['northwind.example', 'northwind.test'],
      details: 'Wholesale food distributor',
      notes: 'Renewal in Q4',
      tags: ['enterprise', 'emea'],
      organization_fields: { tier: 'platinum' },
    });
  });

  it('zendesk_update_organization: the fields change, lists replaced', async () => {
    const output = ok(await run('zendesk_update_organization', { organizationId: String(createdId), notes: 'Renewed', tags: 'enterprise', domainNames: 'northwind.example' }));
    expect(output.organization_id).toBe(createdId);
    expect(sandbox.state.organizations.get(createdId)).toMatchObject({ name: 'Northwind Traders', notes: 'Renewed', tags: ['enterprise'], domain_names: ['northwind.example'] });
  });

  it('zendesk_autocomplete_organizations finds the new organization by its prefix', async () => {
    const output = ok(await run('zendesk_autocomplete_organizations', { name: 'northw' }));
    expect(output.organizations.map((o: { id: number }) => o.id)).toEqual([createdId]);
  });

  it('zendesk_create_organizations_bulk: waits for the job, and the organizations exist', async () => {
    const input = [{ name: 'Contoso Ltd', domain_names: ['contoso.example'] }, { name: 'Fabrikam Inc' }];
    const output = ok(await run('zendesk_create_organizations_bulk', { organizations: JSON.stringify(input) }, { waitForJob: true }));
    expect(output.job_status.status).toBe('completed');
    const results = output.job_status.results as { id: number; index: number }[];
    expect(results.map((r) => r.index)).toEqual([0, 1]);
    results.forEach((r, i) => expect(sandbox.state.organizations.get(r.id)!.name).toBe(input[i].name));
    expect(sandbox.state.organizations.get(results[0].id)!.domain_names).toEqual(['contoso.example']);
  });

  it('422: renaming an organization to a name in use, the field in the message', async () => {
    const taken = organizations().find((o) => o.id !== createdId)!.name;
    const error = err(await run('zendesk_update_organization', { organizationId: String(createdId), name: taken }));
    expect(error).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(error.message).toMatch(/name: /);
    expect(sandbox.state.organizations.get(createdId)!.name).toBe('Northwind Traders');
  });

  it('zendesk_delete_organization: 204 mapped to deleted: true, the organization gone', async () => {
    const output = ok(await run('zendesk_delete_organization', { organizationId: String(createdId) }));
    expect(output).toEqual({ deleted: true, organization_id: String(createdId) });
    expect(sandbox.state.organizations.get(createdId)).toBeUndefined();
    expect(err(await run('zendesk_get_organization', { organizationId: String(createdId) })).code).toBe('not_found');
  });
});

expectEveryOperationOf('organizations');
