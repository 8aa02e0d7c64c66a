import { defineResource } from '../define';
import { out } from '../outputs';
import { param } from '../param';

export const sharingAgreementOutput = out.object(
  'The sharing agreement: ticket sharing between this account and another',
  {
    id: out.number('Sharing agreement id'),
    url: out.string('API URL of the sharing agreement'),
    name: out.string('Name'),
    type: out.string('inbound (the other account shares with this one) or outbound (this account shares with it)'),
    status: out.string('accepted, declined, pending, inactive, failed, ssl_error or configuration_error'),
    partner_name: out.string('jira for a Jira agreement; null for a Zendesk account'),
    remote_subdomain: out.string('Subdomain of the other Zendesk account'),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
  },
  { ref: 'SharingAgreement' },
);

export const sharingAgreements = defineResource({ id: 'sharing_agreements', title: 'Sharing agreements', singular: 'sharing agreement', record: sharingAgreementOutput });

/** The statuses an agreement can be set to (the others are set by Zendesk). */
export const SHARING_AGREEMENT_STATUSES = ['accepted', 'declined', 'pending', 'inactive'] as const;

/** The sharing agreement an operation acts on. */
export const sharingAgreementId = (description: string) => param.numericId(description, { required: true, example: '88335' });
