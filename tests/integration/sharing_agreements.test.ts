/** Sharing agreement operations against the sandbox over HTTP: list, show, create, status changes, delete. */
import { err, expectEveryCatalogOperationOf, ok, run, sandbox, useIntegrationSandbox } from './harness';

useIntegrationSandbox();

const agreements = () => [...sandbox.state.sharingAgreements.map.values()];

describe('sharing agreements', () => {
  let id: number;

  it('zendesk_get_sharing_agreements: every agreement, with its direction and status', async () => {
    const output = ok(await run('zendesk_get_sharing_agreements'));
    expect(output.count).toBe(agreements().length);
    expect(output.sharing_agreements.map((a: { id: number; status: string }) => [a.id, a.status])).toEqual(agreements().map((a) => [a.id, a.status]));
  });

  it('zendesk_create_sharing_agreement: pending until the other account accepts', async () => {
    const output = ok(await run('zendesk_create_sharing_agreement', { remoteSubdomain: 'Partner-Support2', name: 'Escalations to partner', type: 'outbound' }));
    id = output.sharing_agreement_id;
    expect(output.sharing_agreement).toMatchObject({ name: 'Escalations to partner', type: 'outbound', status: 'pending', remote_subdomain: 'partner-support2' });
    expect(ok(await run('zendesk_get_sharing_agreement', { sharingAgreementId: String(id) })).sharing_agreement).toMatchObject({ id, status: 'pending' });
  });

  it('a remote subdomain that is not a DNS label is refused before any request', async () => {
    const before = sandbox.stats.total;
    expect(err(await run('zendesk_create_sharing_agreement', { remoteSubdomain: 'partner.zendesk.com' }))).toMatchObject({ code: 'invalid_input', param: 'remoteSubdomain' });
    expect(sandbox.stats.total).toBe(before);
  });

  it('zendesk_update_sharing_agreement: accepted, then inactive; any other change is refused before any request', async () => {
    expect(ok(await run('zendesk_update_sharing_agreement', { sharingAgreementId: String(id), status: 'accepted' })).sharing_agreement.status).toBe('accepted');
    expect(ok(await run('zendesk_update_sharing_agreement', { sharingAgreementId: String(id), status: 'inactive' })).sharing_agreement.status).toBe('inactive');
    const before = sandbox.stats.total;
    expect(err(await run('zendesk_update_sharing_agreement', { sharingAgreementId: String(id), status: 'accepted', name: 'Renamed' }))).toMatchObject({ code: 'invalid_input', param: 'name' });
    expect(err(await run('zendesk_update_sharing_agreement', { sharingAgreementId: String(id), status: 'failed' }))).toMatchObject({ code: 'invalid_input', param: 'status' });
    expect(sandbox.stats.total).toBe(before);
    expect(sandbox.state.sharingAgreements.get(id)).toMatchObject({ name: 'Escalations to partner', status: 'inactive' });
  });

  it('zendesk_delete_sharing_agreement: deleted: true, then not found', async () => {
    expect(ok(await run('zendesk_delete_sharing_agreement', { sharingAgreementId: String(id) }))).toEqual({ deleted: true, sharing_agreement_id: String(id) });
    expect(err(await run('zendesk_get_sharing_agreement', { sharingAgreementId: String(id) })).code).toBe('not_found');
  });
});

expectEveryCatalogOperationOf('sharing_agreements');
