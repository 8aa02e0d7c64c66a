/** Declaring an operation: the connection every operation receives, hints, and answer shapes that repeat. */
import type { BatchOutcome, EndpointLimit, InputProblem, ParamMap, ResourceDeclaration, ToolDefinition, ZendeskResponse } from '../contract';
import { connectionParams, zendeskConnection } from './connection';
import { batchedOutputs, jobOutputs } from './outputs';

type Connection = typeof connectionParams;

/**
 * Declares an operation. The Zendesk connection params (credentials) come first in every operation's
 * params, declared once in connection.ts; the identity of the rest lets TypeScript infer coerced types.
 */
export function defineTool<P extends ParamMap>(tool: ToolDefinition<P>): ToolDefinition<Connection & P> {
  // The operation's own functions read only its own params, which the merged params include.
  return { ...tool, params: { ...connectionParams, ...tool.params }, connection: zendeskConnection } as unknown as ToolDefinition<Connection & P>;
}

/** Declares a resource: its title in the block, docs and CLI, and its record tree. */
export const defineResource = <R extends ResourceDeclaration>(resource: R): R => resource;

export const READ_ONLY = { readOnly: true, destructive: false, idempotent: true } as const;
export const CREATES = { readOnly: false, destructive: false, idempotent: false } as const;
export const UPDATES = { readOnly: false, destructive: false, idempotent: true } as const;
export const DELETES = { readOnly: false, destructive: true, idempotent: true } as const;

/** Drops the keys left undefined so a request body holds only what the user asked to change. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** An InputProblem when none of the given change params is set. */
export function requireOneOf(params: Record<string, unknown>, names: readonly string[]): InputProblem | undefined {
  if (names.some((name) => params[name] !== undefined)) return undefined;
  return { param: names[0], message: `Nothing to change: set at least one of ${names.join(', ')}.` };
}

/** An InputProblem unless exactly one of `names` is set (ids or external ids, a start time or a cursor). */
export function requireExactlyOne(params: Record<string, unknown>, names: readonly string[]): InputProblem | undefined {
  const given = names.filter((name) => params[name] !== undefined);
  if (given.length === 1) return undefined;
  const choices = `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  if (given.length === 0) return { param: names[0], message: `Give ${choices}: one of them is required.` };
  return { param: given[1], message: `Give only one of ${choices}, not ${given.join(' and ')} together.` };
}

/** The outputs of an operation that queued a background job. */
export function jobResult(body: any) {
  return { job_status: body?.job_status, job_id: body?.job_status?.id };
}

/**
 * The answer of an operation that queues a background job per 100 items of its `batchParam` (or of
 * the one of several list params the call sets): the job status.
 */
export function jobAnswer(batchParam?: string | readonly string[]) {
  return {
    outputs: jobOutputs,
    output: ({ body }: ZendeskResponse) => jobResult(body),
    result: batchParam ? ({ kind: 'job', batchParam } as const) : ({ kind: 'job' } as const),
  };
}

/**
 * The answer of an operation whose one request takes 100 ids of `batchParam` (an id list) and queues
 * no job: longer lists are sent as several requests, and every id is reported by outcome. `done` says
 * what success means for an id ("signed out").
 */
export function batchedAnswer(batchParam: string, done: string) {
  return {
    outputs: batchedOutputs(done),
    output: ({ body }: ZendeskResponse) => {
      const batches = (body?.batches ?? []) as BatchOutcome[];
      const ids = (outcome: BatchOutcome['outcome']) => batches.filter((b) => b.outcome === outcome).flatMap((b) => b.items);
      return {
        succeeded_ids: ids('succeeded'),
        failed_ids: ids('failed'),
        unknown_ids: ids('unknown_outcome'),
        requests: batches.map((b) => ({ ids: b.items, outcome: b.outcome, status: b.status, error: b.error ? `${b.error.code}: ${b.error.message}` : null })),
      };
    },
    result: { kind: 'batched', batchParam } as const,
  };
}

/** Zendesk's incremental export endpoints: 10 requests a minute per account, apart from its budget. */
export const INCREMENTAL_EXPORTS: EndpointLimit = { group: 'incremental-exports', perMinute: 10 };
