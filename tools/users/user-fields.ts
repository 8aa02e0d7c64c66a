/** What the user operations share: the Zendesk user fields of the params that were set. */
import { defined } from '../define';

export interface UserFieldValues {
  name?: string;
  userEmail?: string;
  role?: string;
  phone?: string;
  organizationId?: number;
  verified?: boolean;
  tags?: string[];
  customFields?: Record<string, unknown> | unknown[];
}

/** The params an update may change; at least one of them must be set. */
export const USER_CHANGES = ['name', 'userEmail', 'role', 'phone', 'organizationId', 'verified', 'tags', 'customFields'] as const;

/** `{name, email, role, ...}` for the params that were set; nothing else is sent. */
export function userFields(p: UserFieldValues) {
  return defined({
    name: p.name,
    email: p.userEmail,
    role: p.role,
    phone: p.phone,
    organization_id: p.organizationId,
    verified: p.verified,
    tags: p.tags,
    user_fields: p.customFields,
  });
}

/** A user's id as Zendesk reads it in a bulk update: a positive whole JSON number. */
export const isRecordId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
