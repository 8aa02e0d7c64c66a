import { defineTool } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users, userId } from './resource';

export const openUserProfileInAgentBrowserTool = defineTool({
  id: 'zendesk_open_user_profile_in_agent_browser',
  name: 'Open user profile in agent browser',
  resource: users.id,
  description:
    "Show a user's profile to an agent: Zendesk (Talk) opens it in the agent's Zendesk tab, e.g. for the caller on a phone call. The agent must " +
    'be signed in to the agent interface. Zendesk answers not_found when the agent or the user id is wrong. Changes no data.',
  params: {
    agentId: param.numericId('Id of the agent whose browser shows the profile, e.g. 385473779372.', { required: true, example: '385473779372' }),
    userId: userId('Id of the user whose profile to show, e.g. 12345.'),
  },
  // Zendesk answers 200 with nothing; showing the profile again is harmless, so a lost answer may be replayed.
  request: (p) => ({ method: 'POST', path: ['channels', 'voice', 'agents', p.agentId, 'users', p.userId, 'display'], emptyAnswer: true, idempotent: true }),
  outputs: {
    displayed: out.boolean("True once Zendesk delivered the profile to the agent's browser"),
    agent_id: out.number('Id of the agent'),
    user_id: out.number('Id of the user shown'),
  },
  output: (_response, p) => ({ displayed: true, agent_id: p.agentId, user_id: p.userId }),
  result: { kind: 'single' },
  hints: { readOnly: false, destructive: false, idempotent: true },
});
