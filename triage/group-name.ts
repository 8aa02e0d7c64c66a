/**
 * A group given by name (`--set group=Billing`): resolved once, before triage reads or writes any
 * ticket, among the groups a ticket can be assigned to. An unknown or ambiguous name is refused.
 */
import type { ZendeskConnection } from '../contract';
import { listAllItems } from '../lib/composite';
import { CallError } from '../lib/connection';
import { TriageError } from './types';

const invalid = (message: string) => new TriageError({ code: 'invalid_input', param: 'groupName', message });

/**
 * The id of the one assignable group named `name`: an exact match, else the one match ignoring case.
 * Deleted groups are not assignable, so they are not candidates.
 */
export async function groupIdByName(connection: ZendeskConnection, name: string): Promise<number> {
  let groups: { id?: unknown; name?: unknown }[];
  try {
    groups = (await listAllItems(connection, { method: 'GET', path: ['groups', 'assignable'] }, 'groups')) as typeof groups;
  } catch (error) {
    if (error instanceof CallError) throw new TriageError({ ...error.toolError, message: `Looking up the group "${name}" failed, so nothing was changed. ${error.toolError.message}` });
    throw error;
  }
  const named = groups.filter((g): g is { id: number; name: string } => typeof g?.id === 'number' && typeof g.name === 'string');
  const exact = named.filter((g) => g.name.trim() === name);
  const matches = exact.length ? exact : named.filter((g) => g.name.trim().toLowerCase() === name.toLowerCase());
  if (matches.length === 1) return matches[0].id;
  if (matches.length > 1) {
    throw invalid(`The group name "${name}" is ambiguous: groups ${matches.map((g) => g.id).join(', ')} are all named so. Give the group id instead.`);
  }
  const known = named.slice(0, 10).map((g) => `"${g.name}"`).join(', ');
  throw invalid(`No assignable group is named "${name}"${known ? `; groups include ${known}${named.length > 10 ? ', ...' : ''}` : ''}. Give the exact name or the group id.`);
}
