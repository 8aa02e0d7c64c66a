/**
 * The agents of a group, through its group memberships: reading every membership, and adding or
 * removing agents as background jobs (create_many / destroy_many, 100 a job), each agent's outcome
 * reported. Only the executor's context is used: its connection, paging and jobs.
 */
import type { JobItemOutcome, ToolRunContext, ToolRunResult } from '../../contract';
import { out } from '../outputs';

export interface Membership {
  id: number;
  user_id: number;
}

/** A membership change that was not applied, or whose outcome is unknown. */
export interface AgentChangeProblem {
  agent_id: number;
  change: 'add' | 'remove';
  outcome: 'failed' | 'unknown';
  reason: string;
  job_id: string | null;
}

export interface AgentChanges {
  added: number[];
  removed: number[];
  problems: AgentChangeProblem[];
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** The ids, once each, in ascending order. */
export const sortedIds = (ids: Iterable<number>) => [...new Set(ids)].sort((a, b) => a - b);

/** Every membership of a group; an unknown group fails here (404), before anything is changed. */
export async function membershipsOf(ctx: ToolRunContext, groupId: number): Promise<Membership[]> {
  const items = await ctx.listAll({ method: 'GET', path: ['groups', groupId, 'memberships'] }, 'group_memberships');
  return items.map((item) => {
    const { id, user_id: userId } = (item ?? {}) as Record<string, unknown>;
    // Without both ids a membership can be neither kept nor removed: nothing has been changed yet.
    if (!isId(id) || !isId(userId)) throw new Error(`GET /groups/${groupId}/memberships answered a membership without a numeric id and user_id`);
    return { id, user_id: userId };
  });
}

/** Adds `add` (agent ids) to the group and deletes the memberships `remove`; never throws for a failed job. */
export async function changeAgents(ctx: ToolRunContext, groupId: number, add: readonly number[], remove: readonly Membership[]): Promise<AgentChanges> {
  const changes: AgentChanges = { added: [], removed: [], problems: [] };
  const note = (agentId: number, change: 'add' | 'remove', item: JobItemOutcome) => {
    if (item.outcome === 'succeeded') (change === 'add' ? changes.added : changes.removed).push(agentId);
    else changes.problems.push({ agent_id: agentId, change, outcome: item.outcome, reason: item.reason ?? item.outcome, job_id: item.jobId ?? null });
  };
  if (add.length) {
    const { items } = await ctx.runJobs({
      items: add,
      request: (chunk) => ({
        method: 'POST',
        path: ['group_memberships', 'create_many'],
        body: { group_memberships: chunk.map((userId) => ({ user_id: userId, group_id: groupId })) },
      }),
    });
    for (const item of items) note(add[item.index], 'add', item);
  }
  if (remove.length) {
    const { items } = await ctx.runJobs({
      items: remove.map((m) => m.id),
      request: (chunk) => ({ method: 'DELETE', path: ['group_memberships', 'destroy_many'], query: { ids: chunk } }),
    });
    for (const item of items) note(remove[item.index].user_id, 'remove', item);
  }
  changes.added = sortedIds(changes.added);
  changes.removed = sortedIds(changes.removed);
  return changes;
}

export const agentChangeOutputs = {
  failed_changes: out.array(
    'Membership changes that failed or whose outcome is unknown; empty when every change was applied',
    out.object('One agent whose membership change was not confirmed', {
      agent_id: out.number('Id of the agent'),
      change: out.string('add or remove'),
      outcome: out.string('failed (not applied, see reason) or unknown (its job was queued but not followed to the end: check before retrying)'),
      reason: out.string('Why, as Zendesk or the job said'),
      job_id: out.string('The job of the change, when one was queued'),
    }),
  ),
};

const listed = (ids: number[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));

/**
 * The call's result once the agents were changed: a success when every change was applied; otherwise
 * `unknown_outcome` (some change may or may not have happened) or `job_failed`, the output saying
 * exactly which agents were added, removed, and which were not.
 */
export function agentsResult(output: Record<string, unknown>, changes: AgentChanges, groupId: number): ToolRunResult {
  if (!changes.problems.length) return { success: true, output };
  const unknown = changes.problems.filter((p) => p.outcome === 'unknown');
  const failed = changes.problems.filter((p) => p.outcome === 'failed');
  const done = `${changes.added.length} agent(s) added and ${changes.removed.length} removed`;
  const details = {
    added: changes.added,
    removed: changes.removed,
    failed_agent_ids: failed.map((p) => p.agent_id),
    unknown_agent_ids: unknown.map((p) => p.agent_id),
    job_ids: [...new Set(unknown.map((p) => p.job_id).filter((id): id is string => id !== null))],
  };
  if (unknown.length) {
    const jobs = details.job_ids.length ? ` (job ${details.job_ids.join(', ')})` : '';
    return {
      success: false,
      output,
      error: {
        code: 'unknown_outcome',
        message:
          `The membership change of ${unknown.length} agent(s) has an unknown outcome: ${listed(details.unknown_agent_ids)}${jobs}; it may have been applied. ` +
          `${done}${failed.length ? `; ${failed.length} failed` : ''}: see output.failed_changes. Check GET /api/v2/groups/${groupId}/memberships ` +
          'before retrying (a retry reads the members again and changes only what is still missing).',
        details,
      },
    };
  }
  const examples = failed.slice(0, 3).map((p) => `agent ${p.agent_id} (${p.change}): ${p.reason}`).join('; ');
  return {
    success: false,
    output,
    error: { code: 'job_failed', message: `${failed.length} membership change(s) failed (${examples}); ${done}: see output.failed_changes.`, details },
  };
}
