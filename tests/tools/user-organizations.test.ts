/** A user's organization memberships (Users API): the exact requests (nock), outputs checked against the schemas. */
import { executeTool } from '../../catalog';
import { credentials, expectMappedError, expectRefused, expectValidOutput, useNock, zendesk } from '../helpers';

useNock();

describe('zendesk_set_user_default_organization', () => {
  it('puts make_default and reports the default organization', async () => {
    zendesk()
      .put('/api/v2/users/11/organizations/360001/make_default')
      .reply(200, { organization_membership: { id: 4, user_id: 11, organization_id: 360001, organization_name: 'Acme', default: true, view_tickets: false } });
    const result = await executeTool('zendesk_set_user_default_organization', { ...credentials, userId: '11', organizationId: '360001' });
    expect(result).toMatchObject({ success: true, output: { organization_id: 360001, organization_membership: { default: true, organization_name: 'Acme' } } });
    if (result.success) expectValidOutput('zendesk_set_user_default_organization', result.output);
  });

  it('maps the 404 of an organization the user is not in', async () => {
    zendesk().put('/api/v2/users/11/organizations/9/make_default').reply(404, { error: 'RecordNotFound', description: 'Not found' });
    await expectMappedError('zendesk_set_user_default_organization', { ...credentials, userId: '11', organizationId: '9' }, 404, 'not_found', 'Not found');
  });

  it('refuses a missing organization id before any request', async () => {
    await expectRefused('zendesk_set_user_default_organization', { ...credentials, userId: '11' }, 'organizationId', 'organizationId is required');
  });
});

describe('zendesk_remove_user_from_organization', () => {
  it('deletes the membership; 204 answers removed: true', async () => {
    zendesk().delete('/api/v2/users/11/organizations/360001').reply(204);
    const result = await executeTool('zendesk_remove_user_from_organization', { ...credentials, userId: '11', organizationId: '360001' });
    expect(result).toEqual({ success: true, output: { removed: true, user_id: '11', organization_id: '360001' } });
    if (result.success) expectValidOutput('zendesk_remove_user_from_organization', result.output);
  });

  it('refuses a path-like id before any request', async () => {
    await expectRefused('zendesk_remove_user_from_organization', { ...credentials, userId: '11', organizationId: '1/../../users' }, 'organizationId', 'numeric id');
  });
});
