import { CREATES, defineTool } from '../define';
import { out } from '../outputs';
import { param, SUBDOMAIN_PATTERN } from '../params';
import { sharingAgreements } from './resource';

export const createSharingAgreementTool = defineTool({
  id: 'zendesk_create_sharing_agreement',
  name: 'Create sharing agreement',
  resource: sharingAgreements.id,
  description:
    'Invite another Zendesk account to share tickets: the agreement starts pending until that account accepts it. remoteSubdomain is the other ' +
    'account\'s subdomain ("partner" for partner.zendesk.com). Admins only.',
  params: {
    remoteSubdomain: param.text('Subdomain of the other Zendesk account: "partner" for partner.zendesk.com.', {
      required: true,
      pattern: SUBDOMAIN_PATTERN,
      mustBe: 'must be a bare subdomain such as "partner" for partner.zendesk.com (letters, digits and inner hyphens; no dots, slashes or spaces)',
      example: 'partner',
    }),
    name: param.text('Name of the agreement, e.g. "Partner escalations".', { example: 'Partner escalations', field: 'sharingAgreementName' }),
    type: param.choice(['inbound', 'outbound'], 'Direction: outbound (this account shares tickets with the other) or inbound (the other shares with this one).', {
      field: 'sharingAgreementType',
    }),
  },
  request: (p) => ({
    method: 'POST',
    path: ['sharing_agreements'],
    body: { sharing_agreement: { remote_subdomain: p.remoteSubdomain, ...(p.name === undefined ? {} : { name: p.name }), ...(p.type === undefined ? {} : { type: p.type }) } },
    reads: ['sharing_agreement.id'],
  }),
  outputs: { sharing_agreement: sharingAgreements.record, sharing_agreement_id: out.number('Id of the new sharing agreement') },
  output: ({ body }) => ({ sharing_agreement: body.sharing_agreement, sharing_agreement_id: body.sharing_agreement?.id }),
  result: { kind: 'single' },
  hints: CREATES,
});
