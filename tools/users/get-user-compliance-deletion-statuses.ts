import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param } from '../params';
import { users, userId } from './resource';

const complianceDeletionStatus = out.object(
  'One step of the deletion in one area',
  {
    action: out.string('The step: request_deletion, started or complete'),
    application: out.string('The area (product) it concerns, e.g. support, chat, or all'),
    account_subdomain: out.string('Subdomain of the account'),
    executer_id: out.number('Id of the user who requested the deletion (null for the steps Zendesk took)'),
    user_id: out.number('Id of the deleted user'),
    created_at: out.string('When the step happened (ISO 8601)'),
  },
  { ref: 'ComplianceDeletionStatus' },
);

export const getUserComplianceDeletionStatusesTool = defineTool({
  id: 'zendesk_get_user_compliance_deletion_statuses',
  name: 'Get user compliance deletion statuses',
  resource: users.id,
  description:
    'Follow the GDPR deletion of a user: one entry per step and area of compliance (a product such as support or chat), from the request to ' +
    "completion, up to 100 per page. A user who was not permanently deleted has none. Pass paging.after_cursor as pageAfter for the next page. " +
    'Permanent deletion is zendesk_permanently_delete_user.',
  params: {
    userId: userId('Id of the user, e.g. 12345.'),
    application: param.text('Only the steps of this area of compliance, e.g. "support" or "chat".', { example: 'support', advanced: true }),
    ...cursorPagingParams,
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId, 'compliance_deletion_statuses'], query: { application: p.application, ...cursorQuery(p) } }),
  ...cursorListAnswer('compliance_deletion_statuses', complianceDeletionStatus, 'The deletion steps of this page'),
  hints: READ_ONLY,
});
