/** What the organization operations share: the Zendesk organization fields of the params that were set. */
import { defined } from '../define';

export interface OrganizationFieldValues {
  name?: string;
  domainNames?: string[];
  details?: string;
  notes?: string;
  tags?: string[];
  customFields?: Record<string, unknown> | unknown[];
}

/** The params an update may change; at least one of them must be set. */
export const ORGANIZATION_CHANGES = ['name', 'domainNames', 'details', 'notes', 'tags', 'customFields'] as const;

/** `{name, domain_names, ...}` for the params that were set; nothing else is sent. */
export function organizationFields(p: OrganizationFieldValues) {
  return defined({
    name: p.name,
    domain_names: p.domainNames,
    details: p.details,
    notes: p.notes,
    tags: p.tags,
    organization_fields: p.customFields,
  });
}
