import { defineTool, DELETES } from '../define';
import { out } from '../outputs';
import { sharingAgreements, sharingAgreementId } from './resource';

export const deleteSharingAgreementTool = defineTool({
  id: 'zendesk_delete_sharing_agreement',
  name: 'Delete sharing agreement',
  resource: sharingAgreements.id,
  description: 'Delete a ticket-sharing agreement: tickets are no longer shared with the other account. Cannot be undone; to pause sharing set the status to inactive instead.',
  params: {
    sharingAgreementId: sharingAgreementId('Id of the sharing agreement to delete, e.g. 88335.'),
  },
  request: (p) => ({ method: 'DELETE', path: ['sharing_agreements', p.sharingAgreementId] }),
  outputs: { deleted: out.boolean('True once the sharing agreement is deleted'), sharing_agreement_id: out.string('Id of the deleted sharing agreement') },
  output: (_response, p) => ({ deleted: true, sharing_agreement_id: String(p.sharingAgreementId) }),
  result: { kind: 'single' },
  hints: DELETES,
});
