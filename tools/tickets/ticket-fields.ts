/** What ticket create, update and bulk update share: the ticket fields and custom-field reading. */
import { defined } from '../define';
import type { InputProblem } from '../../contract';

export interface TicketFieldValues {
  subject?: string;
  priority?: string;
  status?: string;
  type?: string;
  tags?: string[];
  assigneeId?: number;
  groupId?: number;
  requesterId?: number;
  customFields?: Record<string, unknown> | unknown[];
}

export interface CustomFieldValue {
  id: number;
  value: unknown;
}

/**
 * `{"360001": "gold"}` or `[{"id": 360001, "value": "gold"}]` → `[{id, value}]`.
 * Throws a message (never drops a field silently) when the shape is wrong.
 */
export function customFieldList(customFields: Record<string, unknown> | unknown[]): CustomFieldValue[] {
  const entries = Array.isArray(customFields)
    ? customFields.map((entry, index) => {
        if (!entry || typeof entry !== 'object' || !('id' in entry) || !('value' in entry)) {
          throw new Error(`item ${index + 1} must be an object with "id" and "value"`);
        }
        return [String((entry as CustomFieldValue).id), (entry as CustomFieldValue).value] as const;
      })
    : Object.entries(customFields);
  return entries.map(([key, value]) => {
    if (!/^\d+$/.test(key.trim()) || !Number.isSafeInteger(Number(key))) {
      throw new Error(`"${key.slice(0, 40)}" is not a numeric custom field id`);
    }
    return { id: Number(key), value };
  });
}

export function checkCustomFields(customFields: TicketFieldValues['customFields']): InputProblem | undefined {
  if (customFields === undefined) return undefined;
  try {
    customFieldList(customFields);
    return undefined;
  } catch (error) {
    return { param: 'customFields', message: `customFields: ${(error as Error).message}.` };
  }
}

/** The Zendesk ticket fields for the params that were set; nothing else is sent. */
export function ticketFields(p: TicketFieldValues) {
  return defined({
    subject: p.subject,
    priority: p.priority,
    status: p.status,
    type: p.type,
    tags: p.tags,
    assignee_id: p.assigneeId,
    group_id: p.groupId,
    requester_id: p.requesterId,
    custom_fields: p.customFields === undefined ? undefined : customFieldList(p.customFields),
  });
}
