/**
 * Which form fields the block has. Every param fills the field its definition names (`field`), or the
 * field named like the param: ids are given, never derived from the other operations, so adding an
 * operation can never rename a field a saved workflow holds values in.
 *
 * Operations share a field when their params name the same one; the field is shown for exactly those
 * operations. Sharing is only allowed where one field can show every use the same way (kind of input,
 * allowed values, editor, mode, secrecy) and fills the same param; anything else is a definition
 * error, found when the block is built (and by the tests), never a silent rename.
 */
import type { AnyToolDefinition, ParamDefinition } from '../contract';
import { resourceInfo, resources } from '../catalog';
import { connectionParamNames } from '../lib/params-schema';

/** Orders tools by resource (in the catalog's order, unknown resources last), each group in given order. */
export function orderTools(tools: readonly AnyToolDefinition[]): AnyToolDefinition[] {
  const order = resources.map((r) => r.id);
  const seen = [...new Set(tools.map((t) => t.resource))];
  const rank = (resource: string) => (order.includes(resource) ? order.indexOf(resource) : order.length + seen.indexOf(resource));
  return tools
    .map((tool, index) => ({ tool, index }))
    .sort((a, b) => rank(a.tool.resource) - rank(b.tool.resource) || a.index - b.index)
    .map(({ tool }) => tool);
}

export const resourceTitle = (resource: string): string => resourceInfo(resource).title;

/** One param of one operation. */
export interface ParamUse {
  tool: AnyToolDefinition;
  name: string;
  definition: ParamDefinition;
}

/** A form field: its id, the param it fills, and every operation param it stands for. */
export interface FieldPlan {
  id: string;
  param: string;
  uses: ParamUse[];
}

/** The field id a param fills. */
export const fieldIdOf = (name: string, definition: ParamDefinition): string => definition.field ?? name;

/** What a form field must show one way: its kind of input, options, editor and mode. */
function presentation(definition: ParamDefinition): string {
  return JSON.stringify([
    definition.format,
    definition.enum ?? null,
    Boolean(definition.multiline),
    Boolean(definition.advanced),
    Boolean(definition.acceptsArray),
    definition.visibility === 'hidden',
    definition.emptyWord ?? null,
  ]);
}

/** Field ids the block uses for itself. */
export const RESERVED_FIELD_IDS: readonly string[] = ['operation', 'waitForCompletion'];

const usedBy = (uses: ParamUse[]) => [...new Set(uses.map((use) => use.tool.id))].join(', ');

/**
 * The param fields of the block: connection params first, then in order of first appearance over
 * the operations as the dropdown lists them. Throws when one field id would stand for params that
 * one field cannot show (give one of them another `field`).
 */
export function planParamFields(tools: readonly AnyToolDefinition[]): FieldPlan[] {
  const byId = new Map<string, ParamUse[]>();
  for (const tool of orderTools(tools)) {
    for (const [name, definition] of Object.entries(tool.params as Record<string, ParamDefinition>)) {
      const id = fieldIdOf(name, definition);
      byId.set(id, [...(byId.get(id) ?? []), { tool, name, definition }]);
    }
  }
  const plans: FieldPlan[] = [];
  for (const [id, uses] of byId) {
    if (RESERVED_FIELD_IDS.includes(id)) {
      throw new Error(`zendesk block: the field id "${id}" (param "${uses[0].name}" of ${usedBy(uses)}) is already taken by the block itself; give the param another field.`);
    }
    const params = new Set(uses.map((use) => use.name));
    if (params.size > 1) {
      throw new Error(`zendesk block: the field "${id}" would fill different params (${[...params].join(', ')} of ${usedBy(uses)}); give each its own field.`);
    }
    const looks = new Map<string, ParamUse[]>();
    for (const use of uses) looks.set(presentation(use.definition), [...(looks.get(presentation(use.definition)) ?? []), use]);
    if (looks.size > 1) {
      const variants = [...looks.values()].map((group) => usedBy(group)).join(' / ');
      throw new Error(
        `zendesk block: the field "${id}" cannot show the param "${uses[0].name}" one way for every operation (${variants} differ in format, ` +
          'allowed values, editor, mode or secrecy); give the new param its own `field` id, never rename an existing one.',
      );
    }
    plans.push({ id, param: uses[0].name, uses });
  }
  const connection = (plan: FieldPlan) => {
    const names = connectionParamNames(plan.uses[0].tool);
    return names.includes(plan.param) ? names.indexOf(plan.param) : names.length;
  };
  // Fields of one param name stay together (the ticket, user and organization tags side by side).
  const params = [...new Set(plans.map((plan) => plan.param))];
  return plans
    .map((plan, index) => ({ plan, index }))
    .sort((a, b) => connection(a.plan) - connection(b.plan) || params.indexOf(a.plan.param) - params.indexOf(b.plan.param) || a.index - b.index)
    .map(({ plan }) => plan);
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
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
