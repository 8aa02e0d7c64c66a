import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { users, userId } from './resource';

export const getUserRelatedTool = defineTool({
  id: 'zendesk_get_user_related',
  name: 'Get user related information',
  resource: users.id,
  description:
    'Count what one user is linked to: the tickets assigned to them, the tickets they requested, the tickets they are copied on, and their organization ' +
    'subscriptions. Useful before deleting or merging a user. To fetch the user itself use zendesk_get_user.',
  params: {
    userId: userId('Id of the user, e.g. 12345.'),
  },
  request: (p) => ({ method: 'GET', path: ['users', p.userId, 'related'], reads: ['user_related'] }),
  outputs: {
    user_related: out.object('What the user is linked to', {
      assigned_tickets: out.number('Tickets assigned to the user'),
      requested_tickets: out.number('Tickets the user requested'),
      ccd_tickets: out.number('Tickets the user is copied on'),
      organization_subscriptions: out.number('Organization subscriptions of the user'),
    }),
    user_id: out.number('Id of the user'),
  },
  output: ({ body }, p) => ({ user_related: body.user_related, user_id: p.userId }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
