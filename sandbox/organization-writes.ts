/** Creating, updating and deleting organizations; names are unique once trimmed (case-insensitive). */
import type { Core } from './core';
import { isObject } from './core';
import { addError, hasErrors, notAnObject, readBooleans, readCustomFields, readReference, readTags } from './field-errors';
import type { FieldErrors } from './reply';
import { isoSeconds } from './seed';
import type { OrganizationRecord } from './types';

export type OrganizationWrite = { ok: true; organization: OrganizationRecord } | { ok: false; errors: FieldErrors };

function readFields(core: Core, input: Record<string, unknown>, self: OrganizationRecord | null, errors: FieldErrors): Partial<OrganizationRecord> {
  const s = core.state;
  const patch: Partial<OrganizationRecord> = {};
  if ('name' in input || !self) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    const owner = s.orgByName.get(name.toLowerCase());
    if (!name) addError(errors, 'name', 'Name: cannot be blank', 'BlankValue');
    else if (owner !== undefined && owner !== self?.id) addError(errors, 'name', 'Name: has already been taken', 'DuplicateValue');
    else patch.name = name;
  }
  if ('domain_names' in input) {
    const d = input.domain_names;
    const list = typeof d === 'string' ? d.split(/[\s,]+/) : Array.isArray(d) ? d : null;
    if (list && list.every((x) => typeof x === 'string')) patch.domain_names = [...new Set((list as string[]).map((x) => x.trim().toLowerCase()).filter(Boolean))];
    else addError(errors, 'domain_names', 'Domain names: must be a list of domains', 'InvalidValue');
  }
  for (const f of ['details', 'notes'] as const) {
    if (!(f in input)) continue;
    const v = input[f];
    if (v === null || typeof v === 'string') patch[f] = v;
    else addError(errors, f, `${f}: must be text`, 'InvalidValue');
  }
  readReference(input, 'group_id', (id) => s.groups.get(id), 'group', patch, errors);
  readBooleans(input, ['shared_tickets', 'shared_comments'], patch, errors);
  readTags(input, patch, errors);
  readCustomFields(input, 'organization_fields', self?.organization_fields, patch, errors);
  if ('external_id' in input) patch.external_id = input.external_id === null ? null : String(input.external_id);
  return patch;
}

export function createOrganization(core: Core, input: unknown): OrganizationWrite {
  if (!isObject(input)) return notAnObject('Organization');
  const errors: FieldErrors = {};
  const patch = readFields(core, input, null, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  const s = core.state;
  const at = isoSeconds(core.now());
  const org: OrganizationRecord = {
    id: s.nextOrganizationId++,
    name: patch.name!,
    domain_names: patch.domain_names ?? [],
    details: patch.details ?? null,
    notes: patch.notes ?? null,
    group_id: patch.group_id ?? null,
    shared_tickets: patch.shared_tickets ?? false,
    shared_comments: patch.shared_comments ?? false,
    tags: patch.tags ?? [],
    external_id: patch.external_id ?? null,
    organization_fields: patch.organization_fields ?? {},
    created_at: at,
    updated_at: at,
  };
  s.organizations.add(org);
  s.orgByName.set(org.name.toLowerCase(), org.id);
  return { ok: true, organization: org };
}

export function updateOrganization(core: Core, org: OrganizationRecord, input: unknown): OrganizationWrite {
  if (!isObject(input)) return notAnObject('Organization');
  const errors: FieldErrors = {};
  const patch = readFields(core, input, org, errors);
  if (hasErrors(errors)) return { ok: false, errors };
  let changed = false;
  for (const [k, v] of Object.entries(patch)) {
    const key = k as keyof OrganizationRecord;
    if (JSON.stringify(org[key]) === JSON.stringify(v)) continue;
    if (key === 'name') {
      core.state.orgByName.delete(org.name.toLowerCase());
      core.state.orgByName.set(String(v).toLowerCase(), org.id);
    }
    (org as unknown as Record<string, unknown>)[key] = v;
    changed = true;
  }
  if (changed) {
    org.updated_at = isoSeconds(core.now());
    core.state.organizations.changed(org);
  }
  return { ok: true, organization: org };
}

export function deleteOrganization(core: Core, org: OrganizationRecord): void {
  core.state.organizations.remove(org.id);
  core.state.orgByName.delete(org.name.toLowerCase());
}
