import { defineTool, READ_ONLY } from '../define';
import { cursorListAnswer, cursorPagingParams, cursorQuery } from '../paging';
import { param } from '../params';
import { userId } from '../users/resource';
import { IDENTITY_TYPES, userIdentities } from './resource';

export const getUserIdentitiesTool = defineTool({
  id: 'zendesk_get_user_identities',
  name: 'Get user identities',
  resource: userIdentities.id,
  description:
    "List the identities of one user, the ways Zendesk recognises them: email addresses, phone numbers, social accounts. The primary email identity is the user's email. " +
    'Up to 100 per page, optionally of one type only; pass paging.after_cursor as pageAfter for the next page. Use it to see every address of a user, or to find ' +
    'the id of an identity to verify, make primary or delete.',
  params: {
    userId: userId('Id of the user whose identities to list, e.g. 12345.'),
    type: param.choice(IDENTITY_TYPES, 'Only identities of this type: email, phone_number, twitter, facebook, google, agent_forwarding, sdk or messaging.', {
      field: 'identityTypeFilter',
    }),
    ...cursorPagingParams,
  },
  request: (p) => ({
    method: 'GET',
    path: ['users', p.userId, 'identities'],
    query: { 'type[]': p.type, ...cursorQuery(p) },
  }),
  ...cursorListAnswer('identities', userIdentities.record, 'The identities of this page'),
  hints: READ_ONLY,
});
