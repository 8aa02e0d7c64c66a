/** What the group operations share: the Zendesk group fields of the params that were set. */
import { defined } from '../define';
import { param } from '../param';

export interface GroupFieldValues {
  name?: string;
  description?: string;
  isPublic?: boolean;
}

/** The group's own fields an update may change (its agents are changed through memberships). */
export const GROUP_FIELDS = ['name', 'description', 'isPublic'] as const;

export const groupFieldParams = {
  description: param.text('What the group handles, e.g. "Invoices, refunds and payment failures".', { multiline: true, field: 'groupDescription' }),
  isPublic: param.boolean('Whether the group is public (a private group cannot be made public again): "true" or "false".', { advanced: true }),
};

/** `{name, description, is_public}` for the params that were set; nothing else is sent. */
export function groupFields(p: GroupFieldValues) {
  return defined({ name: p.name, description: p.description, is_public: p.isPublic });
}
