import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { sharingAgreements, sharingAgreementId } from './resource';

export const getSharingAgreementTool = defineTool({
  id: 'zendesk_get_sharing_agreement',
  name: 'Get sharing agreement',
  resource: sharingAgreements.id,
  description: 'Fetch one ticket-sharing agreement by id: the other account, the direction (type) and the status.',
  params: {
    sharingAgreementId: sharingAgreementId('Id of the sharing agreement, e.g. 88335.'),
  },
  request: (p) => ({ method: 'GET', path: ['sharing_agreements', p.sharingAgreementId], reads: ['sharing_agreement.id'] }),
  outputs: { sharing_agreement: sharingAgreements.record, sharing_agreement_id: out.number('Id of the sharing agreement') },
  output: ({ body }) => ({ sharing_agreement: body.sharing_agreement, sharing_agreement_id: body.sharing_agreement?.id }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
