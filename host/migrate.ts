/**
 * Saved blocks of the host's own Zendesk integration, brought to the pack's block: the operation id
 * (`get_tickets` → `zendesk_get_tickets`) and every value under the pack's field id for the param it
 * fills (`tags` → `ticketTags` on tickets, `query` → `userQuery` or `searchQuery`...). The pack's
 * field ids are looked up in the catalog, never written here. Every saved value is either placed or
 * reported with the reason; where the host's block had a bug the pack fixes, the value is placed the
 * way the pack fixes it and the change is reported.
 */
import { getTool } from '../catalog';
import type { AnyToolDefinition, InputProblem, ParamDefinition } from '../contract';
import { OPERATION_FIELD, type BlockValues, fieldIdOf, zendeskBlock } from '../blocks';
import { prepareInput } from '../lib/input';
import { isBlank } from '../lib/param-formats';
import { HOST_LEGACY_DEFAULT_OPERATION, HOST_LEGACY_FIELDS, HOST_LEGACY_LEAKS, HOST_LEGACY_OPERATIONS, HOST_LEGACY_TRIGGER_FIELDS, type HostLegacyOperation } from './legacy';

/** A saved value that has no place in the pack's block. */
export interface HostMigrationIssue {
  /** The host's field it was saved under. */
  field: string;
  /** The value as saved; left out for a secret. */
  value?: unknown;
  reason: string;
}

/** A placed value that now does something else than on the host: a host bug the pack fixes. */
export interface HostMigrationChange {
  /** The host's field. */
  field: string;
  /** The pack's field it went to. */
  to: string;
  change: string;
}

/** What the pack will refuse when the migrated block runs as it is, by the pack's field id. */
export interface HostMigrationProblem {
  field: string;
  message: string;
}

export interface HostMigration {
  /** The pack's block values: `operation` is the pack's tool id, every value under the pack's field id. */
  values: BlockValues;
  /** The pack's operation; absent when the saved operation is not one the host's block had. */
  operation?: string;
  /** Every non-empty saved value left out, with why. Nothing else is dropped (empty values carry nothing). */
  unplaced: HostMigrationIssue[];
  /** Placed values whose effect differs from the host's, because the pack fixes the host's handling. */
  changes: HostMigrationChange[];
  /**
   * What the pack's checks refuse in the migrated values, found the way the executor checks before a
   * call (values that are references, `<block.output>` or `{{VARIABLE}}`, are left to run time).
   */
  problems: HostMigrationProblem[];
}

/** A host reference, resolved only when the workflow runs: `<block.output>`, `{{VARIABLE}}`. */
const REFERENCE = /<[^<>\s]+\.[^<>]*>|\{\{[^{}]+\}\}/;
const isReference = (value: unknown) => typeof value === 'string' && REFERENCE.test(value);

const TICKET_LIST_FILTERS = ['status', 'priority', 'type', 'assigneeId', 'organizationId'];
const JOB_CHANGE =
  'The host returned as soon as the background job was queued; the pack\'s block waits for the job and fails on a failed item ' +
  '(the Wait for Completion switch, on by default; switch it off for the old behaviour).';

/**
 * Where a host field's value goes for an operation when it is not the param named like the field:
 * another param (the fix of a host bug, with what changes), or nowhere (with why).
 */
type Placement = { param: string; change?: string } | { reason: string };

const SPECIAL: Partial<Record<string, Partial<Record<HostLegacyOperation, Placement>>>> = {
  description: {
    update_ticket: {
      param: 'comment',
      change:
        'The host\'s block showed Description on Update Ticket, but its tool reads a comment and never read it: the text was dropped. ' +
        'The pack adds it to the ticket as a public comment.',
    },
  },
  organizationName: {
    autocomplete_organizations: { param: 'name' },
    create_organization: {
      param: 'name',
      change: 'The host\'s block never passed Organization Name to its tool, which requires a name: the create failed every time. The pack creates the organization with it.',
    },
    update_organization: {
      param: 'name',
      change: 'The host\'s block never passed Organization Name to its tool: the rename was silently skipped. The pack renames the organization.',
    },
  },
  organizationId: {
    create_ticket: {
      reason: 'The host\'s block showed Organization ID on Create Ticket, but its tool never read it (nothing was sent); the pack\'s Create ticket takes no organization (Zendesk sets it from the requester).',
    },
  },
};

/** Zendesk's keys of a bulk ticket change and the params of the pack's bulk update that send them. */
const BULK_CHANGE_PARAMS: Record<string, string> = {
  status: 'status',
  priority: 'priority',
  assignee_id: 'assigneeId',
  group_id: 'groupId',
  additional_tags: 'tags',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const formText = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value));

/**
 * The host's Update Tickets Bulk showed a Tickets field (JSON ticket objects) while its tool needs ticket
 * ids and never read it. When every item asks for the same change, that is the pack's bulk update:
 * the ids and the one change. Otherwise, why not.
 */
function bulkUpdateFromTickets(saved: unknown): { params: Record<string, unknown> } | { reason: string } {
  const intro =
    'The host\'s block showed Tickets on Update Tickets Bulk, but its tool needs ticket ids and never read it (the operation failed every time). ' +
    'The pack\'s bulk update applies one change to tickets by id; ';
  if (isReference(saved)) return { reason: `${intro}this value is only known when the workflow runs, so it cannot be split into ids and a change. Set Ticket IDs and the change.` };
  let items = saved;
  if (typeof saved === 'string') {
    try {
      items = JSON.parse(saved);
    } catch {
      return { reason: `${intro}this value is not JSON.` };
    }
  }
  if (!Array.isArray(items) || items.length === 0) return { reason: `${intro}this value is not a JSON array of tickets.` };
  const ids: string[] = [];
  let change: Record<string, unknown> | undefined;
  for (const [index, item] of items.entries()) {
    const at = `item ${index + 1}`;
    if (!isRecord(item) || !/^\d+$/.test(String(item.id ?? '').trim())) return { reason: `${intro}${at} has no ticket id.` };
    const { id, ...rest } = item;
    const other = Object.keys(rest).filter((key) => !(key in BULK_CHANGE_PARAMS));
    if (other.length) {
      const replaces = other.includes('tags') ? ' (tags would replace each ticket\'s tags; the pack\'s bulk update only adds them, as additional_tags)' : '';
      return { reason: `${intro}${at} sets ${other.join(', ')}, which it does not change${replaces}. Use Update ticket for each ticket.` };
    }
    if (change && JSON.stringify(Object.entries(rest).sort()) !== JSON.stringify(Object.entries(change).sort())) {
      return { reason: `${intro}the items ask for different changes (${at} differs from item 1). Use Update ticket for each ticket, or one bulk update per change.` };
    }
    change = change ?? rest;
    ids.push(String(id).trim());
  }
  if (!change || Object.keys(change).length === 0) return { reason: `${intro}the items change nothing.` };
  const params: Record<string, unknown> = { ticketIds: ids.join(', ') };
  for (const [key, value] of Object.entries(change)) params[BULK_CHANGE_PARAMS[key]] = formText(value);
  return { params };
}

/** The pack's field for a param of an operation, from the catalog. */
function fieldOf(tool: AnyToolDefinition, param: string): string | undefined {
  const definition = (tool.params as Record<string, ParamDefinition>)[param];
  return definition ? fieldIdOf(param, definition) : undefined;
}

const PACK_FIELDS = new Set(zendeskBlock.subBlocks.map((field) => field.id));

/** The pack's own values (already migrated): kept, except keys that are no field of the pack's block. */
function keepPackValues(values: BlockValues, operation: string): HostMigration {
  const kept: BlockValues = {};
  const unplaced: HostMigrationIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (PACK_FIELDS.has(key)) kept[key] = value;
    else if (!isBlank(value)) unplaced.push({ field: key, value, reason: `"${key}" is not a field of the pack's block.` });
  }
  return { values: kept, operation, unplaced, changes: [], problems: [] };
}

/** The pack's checks over the migrated params, by field; problems about a reference are left to run time. */
function checkPlaced(tool: AnyToolDefinition, params: Record<string, unknown>, fieldOfParam: (param: string) => string): HostMigrationProblem[] {
  const references = new Set(Object.keys(params).filter((param) => isReference(params[param])));
  const literal = Object.fromEntries(Object.entries(params).filter(([param]) => !references.has(param)));
  const input = prepareInput(tool, literal);
  if (input.ok) return [];
  return input.problems
    .filter((problem: InputProblem) => !references.has(problem.param))
    .map((problem) => ({ field: problem.param ? fieldOfParam(problem.param) : '', message: problem.message }));
}

/**
 * Maps the values of a saved block of the host's Zendesk integration (field id → value, as the host's
 * block saved them) to the pack's block. Values already migrated (a pack operation id) are kept.
 */
export function migrateHostWorkflowValues(saved: Readonly<Record<string, unknown>>): HostMigration {
  const values = isRecord(saved) ? saved : {};
  const savedOperation = values[OPERATION_FIELD];
  if (typeof savedOperation === 'string' && getTool(savedOperation)) return keepPackValues(values, savedOperation);

  const unplaced: HostMigrationIssue[] = [];
  const changes: HostMigrationChange[] = [];
  const report = (field: string, value: unknown, reason: string) =>
    unplaced.push({ field, ...(HOST_LEGACY_FIELDS[field]?.secret ? {} : { value }), reason });

  const legacy = isBlank(savedOperation) ? HOST_LEGACY_DEFAULT_OPERATION : String(savedOperation).trim();
  const tool = (HOST_LEGACY_OPERATIONS as readonly string[]).includes(legacy) ? getTool(`zendesk_${legacy}`) : undefined;
  if (!tool) {
    const reason = `The saved operation ${JSON.stringify(savedOperation)} is not one of the host's Zendesk block, so no value can be placed.`;
    for (const [field, value] of Object.entries(values)) {
      if (isBlank(value)) continue;
      report(field, value, field === OPERATION_FIELD ? `${reason} Its operations: ${HOST_LEGACY_OPERATIONS.join(', ')}.` : reason);
    }
    return { values: {}, unplaced, changes, problems: [] };
  }
  const operation = legacy as HostLegacyOperation;

  const migrated: BlockValues = { [OPERATION_FIELD]: tool.id };
  const params: Record<string, unknown> = {};
  const sources = new Map<string, string>(); // pack field → host field
  const place = (hostField: string, param: string, value: unknown, change?: string): void => {
    const field = fieldOf(tool, param);
    if (!field) {
      report(hostField, value, `The pack's ${tool.id} has no ${param} param for it.`);
      return;
    }
    if (sources.has(field)) {
      report(hostField, value, `The pack's field ${field} already holds the value of ${sources.get(field)}.`);
      return;
    }
    sources.set(field, hostField);
    const allowed = (tool.params as Record<string, ParamDefinition>)[param].enum;
    const written = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    // The host's fields took free text; the pack's take exactly the allowed values.
    const placed = allowed && written !== undefined && !allowed.includes(value as string) && allowed.includes(written) ? written : value;
    migrated[field] = placed;
    params[param] = placed;
    if (change) changes.push({ field: hostField, to: field, change });
    if (placed !== value) changes.push({ field: hostField, to: field, change: `Written ${JSON.stringify(placed)}: the pack's field takes exactly ${allowed!.join(', ')}.` });
  };

  for (const [field, value] of Object.entries(values)) {
    if (field === OPERATION_FIELD || isBlank(value)) continue;
    const legacyField = HOST_LEGACY_FIELDS[field];
    if (!legacyField) {
      const why = HOST_LEGACY_TRIGGER_FIELDS.includes(field)
        ? 'a trigger setting of the host\'s block; the pack\'s block has no trigger mode (add the host\'s Zendesk triggers to it to keep one: docs/host.md).'
        : 'not a field of the host\'s Zendesk block, so the host never sent it.';
      report(field, value, `"${field}" is ${why}`);
      continue;
    }
    if (legacyField.shownFor && !legacyField.shownFor.includes(operation)) {
      const hidden = `"${field}" is not shown for ${operation} in the host's block (only for ${legacyField.shownFor.join(', ')})`;
      const leaked = HOST_LEGACY_LEAKS[field]?.includes(operation) ? fieldOf(tool, field) : undefined;
      report(
        field,
        value,
        leaked
          ? `${hidden}, yet the host sent it when the block was not in advanced mode, and its tool used it for this operation. ` +
              `Nobody could see it, so it is not carried over: set the pack's ${leaked} if it was meant.`
          : `${hidden}: a value left from another operation, not part of this one.`,
      );
      continue;
    }
    if (field === 'tickets' && operation === 'update_tickets_bulk') {
      const converted = bulkUpdateFromTickets(value);
      if ('reason' in converted) {
        report(field, value, converted.reason);
        continue;
      }
      for (const [param, paramValue] of Object.entries(converted.params)) place(field, param, paramValue);
      changes.push({
        field,
        to: Object.keys(converted.params).map((param) => fieldOf(tool, param)).join(', '),
        change:
          'The host\'s block showed Tickets on Update Tickets Bulk, but its tool needs ticket ids and never read it: the operation failed every time. ' +
          'The items ask for one change, so it became the ids and that change (tags are added, never replacing a ticket\'s tags).',
      });
      continue;
    }
    const special = SPECIAL[field]?.[operation];
    if (special && 'reason' in special) report(field, value, special.reason);
    else place(field, special?.param ?? field, value, special?.change);
  }

  // The pack's fixes the values themselves do not show.
  if (operation === 'get_tickets' && TICKET_LIST_FILTERS.some((param) => param in params)) {
    if ('sort' in params) {
      const field = fieldOf(tool, 'sort')!;
      delete migrated[field];
      delete params.sort;
      report('sort', values.sort, 'The host ignored Sort when a filter is set (filtered tickets come from the search export, ordered by creation); the pack refuses that combination, so the filters are kept and Sort is not.');
    }
    changes.push({
      field: 'operation',
      to: OPERATION_FIELD,
      change: 'The host sent the filters as a search export with "type:ticket" in the query, which Zendesk refuses; the pack sends filter[type] only.',
    });
  }
  if (tool.result.kind === 'job') changes.push({ field: 'operation', to: OPERATION_FIELD, change: JOB_CHANGE });
  const customFields = values.customFields;
  const customTo = fieldOf(tool, 'customFields');
  if (customTo && sources.get(customTo) === 'customFields' && (Array.isArray(customFields) || (typeof customFields === 'string' && customFields.trim().startsWith('[')))) {
    changes.push({
      field: 'customFields',
      to: customTo,
      change: 'The host read a JSON array of {id, value} as an object (sending field ids 0, 1...); the pack sends each {id, value} as Zendesk expects.',
    });
  }

  const fieldOfParam = (param: string) => fieldOf(tool, param) ?? param;
  return { values: migrated, operation: tool.id, unplaced, changes, problems: checkPlaced(tool, params, fieldOfParam) };
}
