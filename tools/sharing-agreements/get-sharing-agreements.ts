import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { sharingAgreements } from './resource';

export const getSharingAgreementsTool = defineTool({
  id: 'zendesk_get_sharing_agreements',
  name: 'Get sharing agreements',
  resource: sharingAgreements.id,
  description:
    'List the ticket-sharing agreements of the account (Zendesk answers them all at once): which accounts this one shares tickets with, ' +
    'in which direction (type) and whether each is accepted, pending, declined or inactive. To change one use zendesk_update_sharing_agreement.',
  params: {},
  request: () => ({ method: 'GET', path: ['sharing_agreements'], reads: ['sharing_agreements[]'] }),
  outputs: {
    sharing_agreements: out.array('The sharing agreements', sharingAgreements.record),
    count: out.number('Number of sharing agreements'),
  },
  output: ({ body }) => ({ sharing_agreements: body.sharing_agreements, count: body.sharing_agreements.length }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
