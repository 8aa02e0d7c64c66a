/** Checks shared by every bulk endpoint, and the job_status answer they all give. */
import { isObject, queryIds, readId, type RequestCtx } from '../core';
import type { JobSpec } from '../jobs';
import { badRequest, json, type Reply } from '../reply';
import { jobObject } from '../serialize';

export const BULK_LIMIT = 100;

/** Over 100 items → 400; too many live jobs → 429 with Retry-After; otherwise null. */
export function bulkGuard(ctx: RequestCtx, count: number, noun: string): Reply | null {
  if (count > BULK_LIMIT) {
    return json(400, {
      error: 'InvalidValue',
      description: `Too many ${noun}: ${count} given, at most ${BULK_LIMIT} are allowed in one request`,
    });
  }
  const jobs = ctx.core.jobs;
  if (jobs.liveCount(ctx.account) >= jobs.opts.maxLive) {
    const wait = jobs.retryAfterSeconds(ctx.account);
    return json(
      429,
      { error: 'TooManyJobs', description: `Too many background jobs are queued or running (at most ${jobs.opts.maxLive}). Try again later.` },
      { 'Retry-After': String(wait) },
    );
  }
  return null;
}

export function enqueue(ctx: RequestCtx, spec: Omit<JobSpec, 'account'>): Reply {
  const job = ctx.core.jobs.enqueue({ ...spec, account: ctx.account });
  return json(200, { job_status: jobObject(job, ctx.core.base) });
}

/**
 * The items of a create_many: the body's `nouns` array (`article` as the 400 says it: "a users array"),
 * or the reply refusing the request (no array, or bulkGuard's).
 */
export function createManyItems(ctx: RequestCtx, nouns: string, article: 'a' | 'an' = 'a'): unknown[] | Reply {
  const items = isObject(ctx.body) ? ctx.body[nouns] : undefined;
  if (!Array.isArray(items)) return badRequest('Invalid attribute', `The request body must contain ${article} ${nouns} array`);
  return bulkGuard(ctx, items.length, nouns) ?? items;
}

/** One record's change in an update_many: the record it names (not yet looked up) and what to apply. */
export interface BulkChange {
  /** null when the item's `id` is not an id: that item fails as not found. */
  id: number | null;
  /** The id as sent, for the not-found details. */
  sent: unknown;
  input: unknown;
}

/**
 * The changes of an update_many: `?ids=` with one `noun` object applied to each, or a `${noun}s` array of
 * objects each with its own id; or the reply refusing the request (malformed, or bulkGuard's).
 */
export function updateManyChanges(ctx: RequestCtx, noun: string): BulkChange[] | Reply {
  const nouns = `${noun}s`;
  const body = isObject(ctx.body) ? ctx.body : {};
  const idsRaw = ctx.query.get('ids');
  let changes: BulkChange[];
  if (idsRaw !== null) {
    const ids = queryIds(idsRaw);
    if (!ids) return badRequest('Invalid parameter', `ids must be a comma-separated list of ${noun} ids`);
    const input = body[noun];
    if (!isObject(input)) return badRequest('Invalid attribute', `With ?ids= the body must contain a ${noun} object`);
    changes = ids.map((id) => ({ id, sent: id, input }));
  } else {
    const list = body[nouns];
    if (!Array.isArray(list)) return badRequest('Invalid attribute', `Send ?ids= with a ${noun} object, or a ${nouns} array of {id, ...}`);
    changes = list.map((item) => {
      const sent = isObject(item) ? item.id : undefined;
      return { id: readId(sent), sent, input: item };
    });
  }
  return bulkGuard(ctx, changes.length, nouns) ?? changes;
}
