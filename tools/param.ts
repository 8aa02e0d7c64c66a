/** The param builders, one per format, that operation files declare their params with. */
import type { InputProblem, ParamDefinition, ParamFormat } from '../contract';

type ParamOptions<R extends boolean> = Partial<
  Omit<ParamDefinition<ParamFormat, R>, 'type' | 'format' | 'required' | 'description'>
> & { required?: R };

function make<F extends ParamFormat>(format: F) {
  return <const R extends boolean = false>(description: string, options: ParamOptions<R> = {}) =>
    ({
      type: 'string',
      format,
      visibility: 'user-or-llm',
      ...options,
      required: (options.required ?? false) as R,
      description,
    }) as ParamDefinition<F, R>;
}

export const param = {
  text: make('text'),
  /** A positive integer id, digits only. */
  numericId: make('numeric-id'),
  /** Comma-separated ids: `"111, 222,333"`. */
  idList: make('id-list'),
  /** Comma-separated words, trimmed and de-duplicated: `"billing, urgent"`. */
  stringList: make('string-list'),
  jsonObject: make('json-object'),
  jsonArray: make('json-array'),
  integer: make('integer'),
  /** `"true"` or `"false"`. */
  boolean: <const R extends boolean = false>(description: string, options: ParamOptions<R> = {}) =>
    make('boolean')<R>(description, { enum: ['true', 'false'], ...options }),
  /** One of a fixed list of values. */
  choice: <const R extends boolean = false>(values: readonly string[], description: string, options: ParamOptions<R> = {}) =>
    make('text')<R>(description, { ...options, enum: values }),
  /** The required JSON array of objects of a bulk operation, 100 a request; `item` is one element, shown as the example. */
  batch: (description: string, item: string) =>
    make('json-array')(description, { required: true, multiline: true, perRequestLimit: 100, example: `[${item}]` }),
};

/**
 * Checks every element of a json-array param: each must be an object (`shape` shows one) that
 * passes `rule`. The problem names the param and the item (from 1), so the right element gets fixed.
 */
export function checkEachItem(
  name: string,
  items: readonly unknown[],
  shape: string,
  rule: (item: Record<string, unknown>) => string | undefined,
): InputProblem | undefined {
  for (const [index, item] of items.entries()) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { param: name, message: `${name}: item ${index + 1} must be an object such as ${shape}; got ${JSON.stringify(item)?.slice(0, 40)}` };
    }
    const problem = rule(item as Record<string, unknown>);
    if (problem) return { param: name, message: `${name}: item ${index + 1} ${problem}, e.g. ${shape}` };
  }
  return undefined;
}

/** A `checkEachItem` rule: the item has a "name" that is not blank. */
export function needsName(item: Record<string, unknown>): string | undefined {
  return typeof item.name === 'string' && item.name.trim() !== '' ? undefined : 'needs a "name" (text)';
}
