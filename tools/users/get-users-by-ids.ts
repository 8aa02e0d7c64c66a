import type { ZendeskConnection } from '../../contract';
import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { users } from './resource';
import { userListParams, userListProblem } from './user-lists';

/** Ids Zendesk's show_many takes in one request. */
const PER_REQUEST = 100;

/**
 * The users of `userIds` (or `externalIds`), fetched 100 a request, in the order given; what Zendesk did
 * not return is listed, never dropped. Only users that were asked for are kept.
 */
async function usersByIds(connection: ZendeskConnection, p: { userIds?: number[]; externalIds?: string[] }) {
  const byExternalId = p.userIds === undefined;
  const wanted: (number | string)[] = p.userIds ?? p.externalIds ?? [];
  // External ids are matched as Zendesk looks them up: regardless of case.
  const keyOf = (value: unknown) => (byExternalId ? String(value).toLowerCase() : String(value));
  const found = new Map<string, unknown>();
  for (let start = 0; start < wanted.length; start += PER_REQUEST) {
    const chunk = wanted.slice(start, start + PER_REQUEST);
    const { body } = await connection.send({
      method: 'GET',
      path: ['users', 'show_many'],
      query: byExternalId ? { external_ids: chunk } : { ids: chunk },
      reads: ['users[]'],
    });
    for (const user of body.users as Record<string, unknown>[]) {
      const key = byExternalId ? user?.external_id : user?.id;
      if (key !== undefined && key !== null) found.set(keyOf(key), user);
    }
  }
  return {
    users: wanted.filter((id) => found.has(keyOf(id))).map((id) => found.get(keyOf(id))),
    missing_ids: wanted.filter((id) => !found.has(keyOf(id))),
  };
}

export const getUsersByIdsTool = defineTool({
  id: 'zendesk_get_users_by_ids',
  name: 'Get users by ids',
  resource: users.id,
  description:
    'Fetch many users at once by their ids, or by their external ids (their ids in another system): give exactly one of userIds and externalIds. ' +
    'The users come back in the order asked for, and the ids that match no active user are listed in missing_ids. Zendesk takes 100 ids per request; ' +
    'longer lists are fetched in several requests. For one user use zendesk_get_user; to find users by name or email use zendesk_search_users.',
  params: userListParams('of the users to fetch'),
  check: userListProblem,
  run: async (p, { connection }) => ({ success: true, output: await usersByIds(connection, p) }),
  outputs: {
    users: out.array('The users found, in the order their ids were given', users.record),
    missing_ids: out.array('The ids (or external ids) given that match no active user', out.json('An id, or an external id')),
  },
  output: ({ body }) => body ?? {},
  result: { kind: 'composite' },
  hints: READ_ONLY,
});
