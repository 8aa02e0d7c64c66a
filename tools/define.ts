import { jobOutputs } from './outputs';
import { jobResult } from './pages';
import type { ParamMap, ToolDefinition, ZendeskResponse } from './types';

/** Declares an operation; the identity function lets TypeScript infer the coerced param types. */
export function defineTool<P extends ParamMap>(tool: ToolDefinition<P>): ToolDefinition<P> {
  return tool;
}

export const READ_ONLY = { readOnly: true, destructive: false, idempotent: true } as const;
export const CREATES = { readOnly: false, destructive: false, idempotent: false } as const;
export const UPDATES = { readOnly: false, destructive: false, idempotent: true } as const;
export const DELETES = { readOnly: false, destructive: true, idempotent: true } as const;

/** Drops the keys left undefined so a request body holds only what the user asked to change. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** An InputProblem when none of the given change params is set. */
export function requireOneOf(params: Record<string, unknown>, names: readonly string[]) {
  if (names.some((name) => params[name] !== undefined)) return undefined;
  return { param: names[0], message: `Nothing to change: set at least one of ${names.join(', ')}.` };
}

/** The answer of an operation that queues a background job per 100 items of its `batchParam`: the job status. */
export function jobAnswer(batchParam: string) {
  return {
    outputs: jobOutputs,
    output: ({ body }: ZendeskResponse) => jobResult(body),
    result: { kind: 'job', batchParam } as const,
  };
}
