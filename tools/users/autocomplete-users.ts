import { defineTool, READ_ONLY } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users } from './resource';

export const autocompleteUsersTool = defineTool({
  id: 'zendesk_autocomplete_users',
  name: 'Autocomplete users',
  resource: users.id,
  description:
    'Find users whose name starts with the given text (at least 2 characters, case-insensitive), e.g. "jan" finds "Jane Doe": a quick way to turn a name ' +
    'someone typed into a user id. To search by email, phone, external id or search syntax use zendesk_search_users.',
  params: {
    name: param.text('The beginning of the name, at least 2 characters, e.g. "jan".', { required: true, example: 'jan', field: 'userNamePrefix' }),
  },
  check: (p) =>
    p.name.trim().length < 2 ? { param: 'name', message: `name must have at least 2 characters, e.g. "ja"; got "${p.name.trim()}"` } : undefined,
  request: (p) => ({ method: 'GET', path: ['users', 'autocomplete'], query: { name: p.name.trim() }, reads: ['users[]'] }),
  outputs: { users: out.array('The users whose name starts with the text', users.record) },
  output: ({ body }) => ({ users: body.users }),
  result: { kind: 'single' },
  hints: READ_ONLY,
});
