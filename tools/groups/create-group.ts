import { CREATES, defineTool } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { agentChangeOutputs, agentsResult, changeAgents } from './group-agents';
import { groupFieldParams, groupFields } from './group-fields';
import { agentIdsParam, groups } from './resource';

export const createGroupTool = defineTool({
  id: 'zendesk_create_group',
  name: 'Create group',
  resource: groups.id,
  description:
    'Create a group (a team tickets can be routed to), optionally with its agents: they are added as group memberships in background jobs, ' +
    'and each agent\'s outcome is reported (an end user cannot be a member). Only name is required. To change the agents later use zendesk_update_group.',
  params: {
    name: param.text('Name of the group, e.g. "Billing".', { required: true, example: 'Billing', field: 'groupName' }),
    ...groupFieldParams,
    agentIds: agentIdsParam('Comma-separated ids of the agents who are to be members, e.g. "360000111, 360000222".'),
  },
  run: async (p, ctx) => {
    const { body } = await ctx.connection.send({ method: 'POST', path: ['groups'], body: { group: groupFields(p) }, reads: ['group.id'] });
    const group = body.group;
    const changes = await changeAgents(ctx, group.id, p.agentIds ?? [], []);
    return agentsResult({ group, group_id: group.id, agent_ids: changes.added, failed_changes: changes.problems }, changes, group.id);
  },
  outputs: {
    group: groups.record,
    group_id: out.number('Id of the new group'),
    agent_ids: out.array('Ids of the agents now members of the group', out.number('Agent id')),
    ...agentChangeOutputs,
  },
  output: ({ body }) => body ?? {},
  result: { kind: 'composite' },
  hints: CREATES,
});
