/**
 * Which form fields the block has, derived from the tool registry: one field per distinct meaning
 * of a param name. Nothing here lists params or tools; it reads their definitions.
 *
 * Params with the same name share one field, shown for exactly the operations that take them,
 * unless the definitions say the name means different things. Then each meaning gets its own
 * field id (and the block maps it back to the param name):
 *
 *  A. Resource: the same non-id name on several resources with differing definitions is a
 *     different attribute on each (a user's `name` vs an organization's; ticket `customFields`
 *     keyed by numeric field id vs user fields keyed by field key): `userName`, `organizationName`.
 *     Ids (`organizationId`) and identical shared definitions (credentials, paging) stay shared.
 *  B. Lookup: free text taken by read-only operations and by writing ones of the same resource is a
 *     search value on the first and a value to store on the second (`name` "the beginning of the
 *     organization name" of autocomplete vs the name of a created organization): `organizationNamePrefix`.
 *  C. Add vs set: where some params say their value is added (bulk ticket tags are added to each
 *     ticket's tags; an email given on a user update is added as another identity) and others set or
 *     replace it: `ticketTagsToAdd`, `userEmailToAdd`.
 *  D. Anything else the field could not show one way (different allowed values, format, multi-line
 *     or advanced mode): split by resource when that separates them, else numbered.
 */
import { CREDENTIAL_PARAMS } from '../tools/params';
import type { AnyToolDefinition, ParamDefinition, ResourceName } from '../tools/types';

/** The resources, in the order the operation dropdown groups them. Typed so a new resource must be named here. */
export const RESOURCES: Record<ResourceName, { title: string; singular: string }> = {
  tickets: { title: 'Tickets', singular: 'ticket' },
  users: { title: 'Users', singular: 'user' },
  organizations: { title: 'Organizations', singular: 'organization' },
  search: { title: 'Search', singular: 'search' },
};

const RESOURCE_ORDER = Object.keys(RESOURCES);

export const resourceTitle = (resource: string): string =>
  RESOURCES[resource as ResourceName]?.title ?? resource.charAt(0).toUpperCase() + resource.slice(1);

const resourceSingular = (resource: string): string => RESOURCES[resource as ResourceName]?.singular ?? resource.replace(/s$/, '');

/** The tools grouped by resource (in RESOURCES order), each group in registry order. */
export function orderTools(tools: readonly AnyToolDefinition[]): AnyToolDefinition[] {
  const rank = (tool: AnyToolDefinition) => {
    const index = RESOURCE_ORDER.indexOf(tool.resource);
    return index < 0 ? RESOURCE_ORDER.length : index;
  };
  return tools
    .map((tool, index) => ({ tool, index }))
    .sort((a, b) => rank(a.tool) - rank(b.tool) || a.index - b.index)
    .map(({ tool }) => tool);
}

/** One param of one operation. */
export interface ParamUse {
  tool: AnyToolDefinition;
  name: string;
  definition: ParamDefinition;
}

export type SplitReason = 'resource' | 'lookup' | 'additive' | 'presentation';

/** A form field to be: its id, the param it fills, and every operation param it stands for. */
export interface FieldPlan {
  id: string;
  param: string;
  uses: ParamUse[];
  /** Why this field is not simply the param name (rules A-D above). */
  reasons: SplitReason[];
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** A stable text of everything about a definition, to tell identical definitions from look-alikes. */
function fingerprint(definition: ParamDefinition): string {
  const entries = Object.entries(definition).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

/** What a form field must show one way: its kind of input, options, editor and mode. */
function presentation(definition: ParamDefinition): string {
  return JSON.stringify([
    definition.format,
    definition.enum ?? null,
    Boolean(definition.multiline),
    Boolean(definition.advanced),
    Boolean(definition.acceptsArray),
    definition.visibility === 'hidden',
  ]);
}

const REFERENCE_FORMATS = new Set(['numeric-id', 'id-list']);
const ADDITIVE = /\b(to add|added|adds)\b/i;
const REPLACING = /\breplac/i;
const PREFIX = /\b(beginning|starts? with|prefix)\b/i;

const isAdditive = (use: ParamUse) => ADDITIVE.test(use.definition.description) && !REPLACING.test(use.definition.description);
const isFreeText = (use: ParamUse) => use.definition.format === 'text' && !use.definition.enum;

interface Group {
  id: string;
  uses: ParamUse[];
  reasons: SplitReason[];
}

function partition<K>(uses: ParamUse[], key: (use: ParamUse) => K): Map<K, ParamUse[]> {
  const parts = new Map<K, ParamUse[]>();
  for (const use of uses) parts.set(key(use), [...(parts.get(key(use)) ?? []), use]);
  return parts;
}

/** A. One field per resource for an attribute name several resources define differently. */
function byResource(group: Group): Group[] {
  const parts = partition(group.uses, (use) => use.tool.resource);
  if (parts.size < 2 || group.uses.every((use) => REFERENCE_FORMATS.has(use.definition.format))) return [group];
  return [...parts].map(([resource, uses]) => ({
    id: `${resourceSingular(resource)}${capitalize(group.id)}`,
    uses,
    reasons: [...group.reasons, 'resource' as const],
  }));
}

/** B. Free text looked up by read-only operations vs stored by writing ones. */
function byLookup(group: Group): Group[] {
  const parts = partition(group.uses, (use) => use.tool.hints.readOnly);
  if (parts.size < 2 || !group.uses.every(isFreeText)) return [group];
  const lookups = parts.get(true)!;
  const suffix = lookups.some((use) => PREFIX.test(use.definition.description)) ? 'Prefix' : 'Filter';
  return [
    { ...group, uses: parts.get(false)! },
    { id: `${group.id}${suffix}`, uses: lookups, reasons: [...group.reasons, 'lookup'] },
  ];
}

/** C. Values added to what is there vs values set or replacing it. */
function byAdditive(group: Group): Group[] {
  const parts = partition(group.uses, isAdditive);
  if (parts.size < 2) return [group];
  return [
    { ...group, uses: parts.get(false)! },
    { id: `${group.id}ToAdd`, uses: parts.get(true)!, reasons: [...group.reasons, 'additive'] },
  ];
}

/** D. Whatever one field still could not show one way. */
function byPresentation(group: Group): Group[] {
  const parts = [...partition(group.uses, (use) => presentation(use.definition)).values()];
  if (parts.length < 2) return [group];
  const resourcesOf = (uses: ParamUse[]) => new Set(uses.map((use) => use.tool.resource));
  const disjoint = parts.every((uses, i) => parts.every((other, j) => i === j || [...resourcesOf(uses)].every((r) => !resourcesOf(other).has(r))));
  return parts.map((uses, index) => ({
    id: disjoint
      ? `${resourceSingular(uses[0].tool.resource)}${capitalize(group.id)}`
      : index === 0
        ? group.id
        : `${group.id}${index + 1}`,
    uses,
    reasons: [...group.reasons, 'presentation' as const],
  }));
}

function splitUses(name: string, uses: ParamUse[]): Group[] {
  const start: Group[] = [{ id: name, uses, reasons: [] }];
  // The same definition everywhere (credentials, paging) is one meaning, whatever the operation.
  if (new Set(uses.map((use) => fingerprint(use.definition))).size === 1) return start;
  return start.flatMap(byResource).flatMap(byLookup).flatMap(byAdditive).flatMap(byPresentation);
}

/** Field ids the block uses for itself. */
export const RESERVED_FIELD_IDS: readonly string[] = ['operation', 'waitForCompletion'];

/**
 * The param fields of the block: credentials first, then in order of first appearance over the
 * operations as the dropdown lists them. Throws when two meanings would get the same field id.
 */
export function planParamFields(tools: readonly AnyToolDefinition[]): FieldPlan[] {
  const byName = new Map<string, ParamUse[]>();
  for (const tool of orderTools(tools)) {
    for (const [name, definition] of Object.entries(tool.params as Record<string, ParamDefinition>)) {
      byName.set(name, [...(byName.get(name) ?? []), { tool, name, definition }]);
    }
  }
  const plans = [...byName].flatMap(([name, uses]) => splitUses(name, uses).map((group) => ({ ...group, param: name })));
  const credentialRank = (plan: FieldPlan) => {
    const index = CREDENTIAL_PARAMS.indexOf(plan.param);
    return index < 0 ? CREDENTIAL_PARAMS.length : index;
  };
  const ordered = plans
    .map((plan, index) => ({ plan, index }))
    .sort((a, b) => credentialRank(a.plan) - credentialRank(b.plan) || a.index - b.index)
    .map(({ plan }) => plan);
  const seen = new Map<string, FieldPlan>();
  for (const plan of ordered) {
    const clash = seen.get(plan.id) ?? (RESERVED_FIELD_IDS.includes(plan.id) ? plan : undefined);
    if (clash) {
      throw new Error(
        `zendesk block: the field id "${plan.id}" (param "${plan.param}" of ${plan.uses.map((u) => u.tool.id).join(', ')}) ` +
          `is already taken${clash === plan ? ' by the block itself' : ` by param "${clash.param}" of ${clash.uses.map((u) => u.tool.id).join(', ')}`}; rename the param.`,
      );
    }
    seen.set(plan.id, plan);
  }
  return ordered;
}

const TITLE_WORDS: Record<string, string> = { Id: 'ID', Ids: 'IDs', Api: 'API', Url: 'URL', Json: 'JSON', Oauth: 'OAuth' };
const SMALL_WORDS = new Set(['to', 'for', 'of', 'with', 'and', 'or', 'a', 'the']);

/** Cosmetic titles for the few ids that read badly word by word. Unlisted ids are titled from their words. */
const TITLES: Record<string, string> = {
  apiToken: 'API Token',
  accessToken: 'OAuth Access Token',
  perPage: 'Results per Page',
  pageAfter: 'Page Cursor',
  page: 'Page Number',
};

/** `sourceTicketIds` → "Source Ticket IDs", `ticketTagsToAdd` → "Ticket Tags to Add". */
export function fieldTitle(id: string): string {
  if (TITLES[id]) return TITLES[id];
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((word, index) => {
      const cap = capitalize(word);
      if (TITLE_WORDS[cap]) return TITLE_WORDS[cap];
      return index > 0 && SMALL_WORDS.has(word.toLowerCase()) ? word.toLowerCase() : cap;
    })
    .join(' ');
}
