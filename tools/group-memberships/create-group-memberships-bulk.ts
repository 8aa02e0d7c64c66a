import type { InputProblem } from '../../contract';
import { CREATES, defineTool, jobAnswer } from '../define';
import { checkEachItem, param } from '../params';
import { groupMemberships } from './resource';

const SHAPE = '{"user_id": 12345, "group_id": 360000123}';

const isRecordId = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;

export const createGroupMembershipsBulkTool = defineTool({
  id: 'zendesk_create_group_memberships_bulk',
  name: 'Create group memberships in bulk',
  resource: groupMemberships.id,
  description:
    'Add many agents to groups in background jobs: a JSON array of memberships, each with the numeric "user_id" of an agent and "group_id" ' +
    '(and "default": true to make it the agent\'s default group). Zendesk takes 100 per job; longer lists are split into several jobs. ' +
    'The per-item results say which memberships were created and why others failed (an end user, for instance). To make a group\'s agents exactly a set, use zendesk_update_group.',
  params: {
    groupMemberships: param.batch(`JSON array of memberships, each with "user_id" and "group_id", e.g. [${SHAPE}, {"user_id": 12346, "group_id": 360000123}].`, SHAPE),
  },
  check: (p): InputProblem | undefined =>
    checkEachItem('groupMemberships', p.groupMemberships, SHAPE, (item) => {
      for (const key of ['user_id', 'group_id']) if (!isRecordId(item[key])) return `needs a numeric "${key}"`;
      return item.default === undefined || typeof item.default === 'boolean' ? undefined : 'has a "default" that is not true or false';
    }),
  request: (p) => ({ method: 'POST', path: ['group_memberships', 'create_many'], body: { group_memberships: p.groupMemberships } }),
  ...jobAnswer('groupMemberships'),
  hints: CREATES,
});
