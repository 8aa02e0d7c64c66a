import { CREATES, defineTool } from '../define';
import { out } from '../outputs';
import { param, userFieldParams } from '../params';
import { users } from './resource';

export const requestUserCreateTool = defineTool({
  id: 'zendesk_request_user_create',
  name: 'Request user create',
  resource: users.id,
  description:
    "Ask the account owner for another agent seat: Zendesk emails the owner a reminder to update the subscription so that this person can be " +
    'added as an agent. Nothing is created; use it when zendesk_create_user cannot add an agent because the plan has no seat left. Each call sends another email.',
  params: {
    name: param.text('Full name of the person to add as an agent, e.g. "Roger Wilco".', { required: true, example: 'Roger Wilco', field: 'userName' }),
    userEmail: userFieldParams.userEmail,
  },
  // Zendesk answers 200 with nothing.
  request: (p) => ({ method: 'POST', path: ['users', 'request_create'], body: { user: { name: p.name, ...(p.userEmail ? { email: p.userEmail } : {}) } }, emptyAnswer: true }),
  outputs: { requested: out.boolean('True once Zendesk accepted the request (the owner gets the email)') },
  output: () => ({ requested: true }),
  result: { kind: 'single' },
  hints: CREATES,
});
