import { defineTool, UPDATES } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { SHARING_AGREEMENT_STATUSES, sharingAgreements, sharingAgreementId } from './resource';

export const updateSharingAgreementTool = defineTool({
  id: 'zendesk_update_sharing_agreement',
  name: 'Update sharing agreement',
  resource: sharingAgreements.id,
  description:
    'Change the status of a ticket-sharing agreement: accept or decline an invitation, or deactivate an agreement (inactive) to stop sharing. ' +
    'Zendesk lets only the status change; anything else means deleting the agreement and creating another.',
  // Only `status` is declared: any other param is refused as an unknown param before a request is made.
  params: {
    sharingAgreementId: sharingAgreementId('Id of the sharing agreement to change, e.g. 88335.'),
    status: param.choice(SHARING_AGREEMENT_STATUSES, 'New status: accepted, declined, pending or inactive.', { required: true, example: 'accepted', field: 'sharingAgreementStatus' }),
  },
  request: (p) => ({ method: 'PUT', path: ['sharing_agreements', p.sharingAgreementId], body: { sharing_agreement: { status: p.status } }, reads: ['sharing_agreement.id'] }),
  outputs: { sharing_agreement: sharingAgreements.record, sharing_agreement_id: out.number('Id of the sharing agreement') },
  output: ({ body }) => ({ sharing_agreement: body.sharing_agreement, sharing_agreement_id: body.sharing_agreement?.id }),
  result: { kind: 'single' },
  hints: UPDATES,
});
