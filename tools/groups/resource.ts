import { defineResource } from '../define';
import { out } from '../outputs';
import { param } from '../param';

export const groupOutput = out.object(
  'The group',
  {
    id: out.number('Group id'),
    url: out.string('API URL of the group'),
    name: out.string('Name'),
    description: out.string('Description'),
    default: out.boolean('Whether it is the account\'s default group'),
    deleted: out.boolean('True once the group is deleted: it is kept, but tickets can no longer be assigned to it'),
    is_public: out.boolean('Whether the group is public (a private group cannot be made public)'),
    created_at: out.string('When it was created (ISO 8601)'),
    updated_at: out.string('When it was last updated (ISO 8601)'),
  },
  { ref: 'Group' },
);

export const groups = defineResource({ id: 'groups', title: 'Groups', singular: 'group', record: groupOutput });

/** The group an operation acts on. */
export const groupId = (description: string) => param.numericId(description, { required: true, example: '360000123' });

/** The agents of a group, for create and update: ids, or `none` (update: remove every agent). */
export const agentIdsParam = (description: string) => param.idList(description, { emptyWord: 'none', example: '360000111, 360000222' });
