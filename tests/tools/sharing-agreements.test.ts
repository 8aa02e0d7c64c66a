/** The sharing agreement operations: the exact requests (nock), their outputs checked against the schemas. */
import { executeTool } from '../../catalog';
import { credentials, expectMappedError, expectRefused, expectValidOutput, useNock, zendesk } from '../helpers';

const agreement = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://acme.zendesk.com/api/v2/sharing_agreements/${id}.json`,
  name: 'Partner',
  type: 'outbound',
  status: 'accepted',
  partner_name: null,
  remote_subdomain: 'partner',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-01T00:00:00Z',
  ...extra,
});

useNock();

describe('zendesk_get_sharing_agreements', () => {
  it('lists them all with a count', async () => {
    zendesk().get('/api/v2/sharing_agreements').reply(200, { sharing_agreements: [agreement(1), agreement(2, { status: 'pending' })], next_page: null, previous_page: null, count: 2 });
    const result = await executeTool('zendesk_get_sharing_agreements', credentials);
    expect(result).toMatchObject({ success: true, output: { count: 2, sharing_agreements: [{ id: 1 }, { id: 2, status: 'pending' }] } });
    if (result.success) expectValidOutput('zendesk_get_sharing_agreements', result.output);
  });

  it('refuses an answer without the list', async () => {
    zendesk().get('/api/v2/sharing_agreements').reply(200, { agreements: [] });
    const result = await executeTool('zendesk_get_sharing_agreements', credentials);
    expect(result).toMatchObject({ success: false, error: { code: 'unexpected_response' } });
  });
});

describe('zendesk_get_sharing_agreement', () => {
  it('fetches one', async () => {
    zendesk().get('/api/v2/sharing_agreements/88').reply(200, { sharing_agreement: agreement(88) });
    const result = await executeTool('zendesk_get_sharing_agreement', { ...credentials, sharingAgreementId: '88' });
    expect(result).toMatchObject({ success: true, output: { sharing_agreement_id: 88, sharing_agreement: { remote_subdomain: 'partner' } } });
    if (result.success) expectValidOutput('zendesk_get_sharing_agreement', result.output);
  });
});

describe('zendesk_create_sharing_agreement', () => {
  it('posts the remote subdomain, name and type', async () => {
    zendesk()
      .post('/api/v2/sharing_agreements', { sharing_agreement: { remote_subdomain: 'partner', name: 'Partner escalations', type: 'inbound' } })
      .reply(201, { sharing_agreement: agreement(90, { status: 'pending', type: 'inbound' }) });
    const result = await executeTool('zendesk_create_sharing_agreement', { ...credentials, remoteSubdomain: 'partner', name: 'Partner escalations', type: 'inbound' });
    expect(result).toMatchObject({ success: true, output: { sharing_agreement_id: 90, sharing_agreement: { status: 'pending' } } });
    if (result.success) expectValidOutput('zendesk_create_sharing_agreement', result.output);
  });

  it.each(['partner.zendesk.com', 'evil.example/x', 'a b', '-partner', 'partner@x', 'https://partner'])('refuses the remote subdomain %j, sending nothing', async (remoteSubdomain) => {
    await expectRefused('zendesk_create_sharing_agreement', { ...credentials, remoteSubdomain }, 'remoteSubdomain', 'bare subdomain');
  });

  it('refuses a type other than inbound or outbound', async () => {
    await expectRefused('zendesk_create_sharing_agreement', { ...credentials, remoteSubdomain: 'partner', type: 'both' }, 'type', 'inbound, outbound');
  });
});

describe('zendesk_update_sharing_agreement', () => {
  it('puts only the status', async () => {
    zendesk().put('/api/v2/sharing_agreements/88', { sharing_agreement: { status: 'inactive' } }).reply(200, { sharing_agreement: agreement(88, { status: 'inactive' }) });
    const result = await executeTool('zendesk_update_sharing_agreement', { ...credentials, sharingAgreementId: '88', status: 'inactive' });
    expect(result).toMatchObject({ success: true, output: { sharing_agreement_id: 88, sharing_agreement: { status: 'inactive' } } });
    if (result.success) expectValidOutput('zendesk_update_sharing_agreement', result.output);
  });

  it.each([
    [{ status: 'inactive', name: 'Renamed' }, 'name', 'Unknown param "name"'],
    [{ status: 'inactive', remoteSubdomain: 'other' }, 'remoteSubdomain', 'Unknown param "remoteSubdomain"'],
    [{ status: 'inactive', type: 'inbound' }, 'type', 'Unknown param "type"'],
    [{ status: 'failed' }, 'status', 'must be one of: accepted, declined, pending, inactive'],
    [{}, 'status', 'status is required'],
  ])('anything but a settable status is invalid_input before any request: %j', async (params, param, text) => {
    await expectRefused('zendesk_update_sharing_agreement', { ...credentials, sharingAgreementId: '88', ...params }, param, text);
  });
});

describe('zendesk_delete_sharing_agreement', () => {
  it('answers deleted: true on 204', async () => {
    zendesk().delete('/api/v2/sharing_agreements/88').reply(204);
    const result = await executeTool('zendesk_delete_sharing_agreement', { ...credentials, sharingAgreementId: '88' });
    expect(result).toEqual({ success: true, output: { deleted: true, sharing_agreement_id: '88' } });
    if (result.success) expectValidOutput('zendesk_delete_sharing_agreement', result.output);
  });

  it('maps 404', async () => {
    zendesk().delete('/api/v2/sharing_agreements/89').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    await expectMappedError('zendesk_delete_sharing_agreement', { ...credentials, sharingAgreementId: '89' }, 404, 'not_found', 'Not found');
  });
});
