import type { RequestSpec } from '../../contract';
import { defineTool, requireOneOf, UPDATES } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { agentChangeOutputs, agentsResult, changeAgents, membershipsOf, sortedIds } from './group-agents';
import { GROUP_FIELDS, groupFieldParams, groupFields, type GroupFieldValues } from './group-fields';
import { agentIdsParam, groups, groupId } from './resource';

/** The group's own fields, one declarative request; the agents are changed through memberships (group-agents.ts). */
const updateGroupRequest = (p: GroupFieldValues & { groupId: number }): RequestSpec => ({
  method: 'PUT',
  path: ['groups', p.groupId],
  body: { group: groupFields(p) },
  reads: ['group.id'],
});

export const updateGroupTool = defineTool({
  id: 'zendesk_update_group',
  name: 'Update group',
  resource: groups.id,
  description:
    'Change a group: its name, description, whether it is public, and its agents. agentIds follows the membership rule of the original Groups API: ' +
    'left out, the agents stay as they are; given, the agents become exactly that set (missing ones added, others removed, through group memberships ' +
    'in background jobs); "none" removes every agent. The output lists the agents before and after, and who was added and removed. ' +
    'A private group cannot be made public. At least one change is required.',
  params: {
    groupId: groupId('Id of the group to change, e.g. 360000123.'),
    name: param.text('New name of the group, e.g. "Billing".', { example: 'Billing', field: 'groupName' }),
    ...groupFieldParams,
    agentIds: agentIdsParam(
      'Comma-separated ids of the agents who must be the members, e.g. "360000111, 360000222": agents not listed are removed; ' +
        '"none" removes every agent. Left empty, the agents stay as they are.',
    ),
  },
  check: (p) => requireOneOf(p, [...GROUP_FIELDS, 'agentIds']),
  run: async (p, ctx) => {
    // The members are read first: an unknown group fails here, before anything is changed.
    const before = await membershipsOf(ctx, p.groupId);
    const changesFields = GROUP_FIELDS.some((field) => p[field] !== undefined);
    const { body } = await ctx.connection.send(
      changesFields ? updateGroupRequest(p) : { method: 'GET', path: ['groups', p.groupId], reads: ['group.id'] },
    );
    const agentsBefore = sortedIds(before.map((m) => m.user_id));
    const wanted = p.agentIds;
    const add = wanted ? wanted.filter((id) => !agentsBefore.includes(id)) : [];
    const remove = wanted ? before.filter((m) => !wanted.includes(m.user_id)) : [];
    const changes = await changeAgents(ctx, p.groupId, add, remove);
    const output = {
      group: body.group,
      group_id: body.group?.id,
      agent_ids_before: agentsBefore,
      agent_ids_after: sortedIds([...agentsBefore.filter((id) => !changes.removed.includes(id)), ...changes.added]),
      added: changes.added,
      removed: changes.removed,
      failed_changes: changes.problems,
    };
    return agentsResult(output, changes, p.groupId);
  },
  outputs: {
    group: groups.record,
    group_id: out.number('Id of the group'),
    agent_ids_before: out.array('Ids of the agents who were members before the change', out.number('Agent id')),
    agent_ids_after: out.array('Ids of the agents who are members after it (a change whose outcome is unknown counts as not made)', out.number('Agent id')),
    added: out.array('Ids of the agents added', out.number('Agent id')),
    removed: out.array('Ids of the agents removed', out.number('Agent id')),
    ...agentChangeOutputs,
  },
  output: ({ body }) => body ?? {},
  result: { kind: 'composite' },
  hints: UPDATES,
});
