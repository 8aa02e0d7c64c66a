/**
 * Plain requests in chunks: an operation whose one request takes at most `perRequestLimit` ids (no
 * background job, e.g. signing users out) is sent once per chunk, one chunk after another. Every
 * chunk's outcome is kept, so a failure after earlier chunks succeeded says exactly which ids were
 * done, which were not, and which may have been.
 */
import type { AnyToolDefinition, BatchOutcome, ToolError, ToolResult, ZendeskConnection } from '../contract';
import { CallError, doublesIfReplayed, requestName } from './connection';
import { batchOf } from './jobs';
import { conformOutputs } from './output';

/**
 * Failures that every later request of the call would meet too (the credentials, the account's rate
 * limit, the caller's cancel): the chunks after one of them are not sent.
 */
const STOPS_THE_CALL = new Set(['unauthorized', 'forbidden', 'rate_limited', 'aborted']);

/**
 * A chunk that did not succeed: `failed` when Zendesk refused it (a 4xx, a rate limit) and no earlier
 * attempt of it went unanswered, so nothing was applied; otherwise (an answer lost, a 5xx, an answer
 * that is not the endpoint's, a cancel in flight) nothing says what happened: its outcome is unknown.
 */
function outcomeOf(error: CallError): BatchOutcome['outcome'] {
  const { code, status } = error.toolError;
  if (code === 'unknown_outcome' || error.answerLost) return 'unknown_outcome';
  if (code === 'rate_limited' || (status !== undefined && status >= 400 && status < 500)) return 'failed';
  return 'unknown_outcome';
}

/** Up to 20 ids, then how many more: for messages (the output lists them all). */
function idsText(items: unknown[]): string {
  const shown = items.slice(0, 20).join(', ');
  return items.length > 20 ? `${shown} and ${items.length - 20} more` : shown;
}

/** The call's error when some chunk did not succeed: which ids were done, which were not, which may have been. */
function batchError(batches: BatchOutcome[], what: string, safe: boolean): ToolError {
  const of = (outcome: BatchOutcome['outcome']) => batches.filter((b) => b.outcome === outcome);
  const ids = (list: BatchOutcome[]) => list.flatMap((b) => b.items);
  const [done, failed, unknown] = [of('succeeded'), of('failed'), of('unknown_outcome')];
  const firstBad = unknown[0] ?? failed[0];
  if (batches.length === 1 && !unknown.length) return firstBad.error!;
  const total = ids(batches).length;
  const parts = [
    `${ids(done).length} done${done.length ? ` (${idsText(ids(done))})` : ''}`,
    ...failed.map((b) => `${b.items.length} not done (${idsText(b.items)}: ${b.error!.message.replace(/\.$/, '')})`),
    ...unknown.map((b) => `${b.items.length} with an unknown outcome (${idsText(b.items)}: ${b.error!.message.replace(/\.$/, '')})`),
  ];
  const next = unknown.length
    ? safe
      ? ' Those with an unknown outcome may have been applied; repeating them is safe.'
      : ' Check those with an unknown outcome before retrying them: repeating one could apply it twice.'
    : '';
  const bad = failed.length + unknown.length;
  return {
    code: unknown.length ? 'unknown_outcome' : firstBad.error!.code,
    ...(firstBad.status !== undefined ? { status: firstBad.status } : {}),
    ...(firstBad.error!.retryAfter !== undefined ? { retryAfter: firstBad.error!.retryAfter } : {}),
    message:
      `${what}: ${bad} of ${batches.length} requests did not succeed. Of ${total} ids, ${parts.join('; ')}.${next} ` +
      'The output lists every id by outcome (succeeded_ids, failed_ids, unknown_ids) and every request (requests).',
    details: { succeeded: ids(done).length, failed: ids(failed).length, unknown: ids(unknown).length, total },
  };
}

/**
 * Runs a batched operation: one request per chunk of its batch param, in order. A chunk's failure is
 * recorded and the next chunk is still sent, unless the failure is one every request would meet
 * (STOPS_THE_CALL); the chunks left are then reported as not sent.
 */
export async function runBatched(connection: ZendeskConnection, tool: AnyToolDefinition, params: Record<string, any>): Promise<ToolResult> {
  const { param, limit } = batchOf(tool, params)!;
  const items: unknown[] = params[param];
  const batches: BatchOutcome[] = [];
  for (let offset = 0; offset < items.length; offset += limit) batches.push({ offset, items: items.slice(offset, offset + limit), outcome: 'failed' });
  const specOf = (batch: BatchOutcome) => tool.request!({ ...params, [param]: batch.items });
  const first = specOf(batches[0]);
  const what = requestName(first);
  let stop: ToolError | undefined;
  for (const batch of batches) {
    if (stop) {
      batch.error = { code: stop.code, message: `not sent: an earlier request failed with ${stop.code}, which every request of this call would meet` };
      continue;
    }
    try {
      const response = await connection.send(specOf(batch));
      batch.outcome = 'succeeded';
      batch.status = response.status;
    } catch (error) {
      if (!(error instanceof CallError)) throw error;
      batch.outcome = outcomeOf(error);
      const { toolError } = error;
      batch.error =
        error.answerLost && toolError.code !== 'unknown_outcome'
          ? { ...toolError, message: `an attempt got no answer, so it may have been applied; then ${toolError.message}` }
          : toolError;
      if (error.toolError.status !== undefined) batch.status = error.toolError.status;
      if (STOPS_THE_CALL.has(error.toolError.code)) stop = error.toolError;
    }
  }
  const output = conformOutputs(tool.outputs, tool.output({ status: 200, headers: {}, body: { batches } }, params));
  if (batches.every((b) => b.outcome === 'succeeded')) return { success: true, output };
  return { success: false, error: batchError(batches, what, !doublesIfReplayed(first)), output };
}
