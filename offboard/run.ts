/**
 * Offboarding one user: the user (and where their tickets go) is looked up once, before any change;
 * then the steps run in order, each checking the state first so a second run changes nothing:
 * suspend and sign out (the user can do nothing more), move their unsolved tickets, remove their group
 * memberships, delete them. A step that fails, or whose outcome is unknown, stops the steps after it.
 */
import type { JobItemOutcome, RequestSpec, ToolError, ToolRunContext, ZendeskConnection } from '../contract';
import { countingConnection, exportSearch, runContext } from '../lib/composite';
import { CallError, type ConnectionTarget, connectTarget } from '../lib/connection';
import { assignedTicketsQuery, moveTicketsRequest, type OffboardPlan, planOffboarding, UNSOLVED_STATUSES } from './plan';
import {
  OFFBOARD_STEPS, OffboardError, type OffboardMembership, type OffboardOptions, type OffboardReport, type OffboardStep,
  type OffboardStepName, type OffboardTicket, type OffboardUser,
} from './types';

/** Where the user is: a connection (the executor's), or credentials plus connection options. */
export type OffboardTarget = ConnectionTarget;

const invalid = (param: string, message: string) => new OffboardError({ code: 'invalid_input', param, message });
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The body of a GET, or null for a 404 (an unknown record); any other failure throws. */
async function getOrNull(ctx: ToolRunContext, path: (string | number)[], reads: string[]): Promise<any | null> {
  try {
    return (await ctx.connection.send({ method: 'GET', path, reads })).body;
  } catch (error) {
    if (error instanceof CallError && error.toolError.code === 'not_found') return null;
    throw error;
  }
}

function userOf(record: Record<string, any>): OffboardUser {
  return {
    id: record.id,
    name: typeof record.name === 'string' ? record.name : null,
    email: typeof record.email === 'string' ? record.email : null,
    role: typeof record.role === 'string' ? record.role : null,
    active: record.active !== false,
    suspended: record.suspended === true,
  };
}

interface Resolved {
  user: OffboardUser;
  /** The user was permanently deleted by an earlier run: nothing is left to do. */
  erased: boolean;
}

/** The user by id: a 404 is an unknown user, unless Zendesk keeps GDPR deletion records of it (erased earlier). */
async function userById(ctx: ToolRunContext, id: number): Promise<Resolved> {
  const body = await getOrNull(ctx, ['users', id], ['user.id']);
  if (body) {
    if (body.user.id !== id) throw new OffboardError({ code: 'unexpected_response', message: `GET /users/${id} answered user ${String(body.user.id)}, so nothing was changed.` });
    return { user: userOf(body.user), erased: false };
  }
  const statuses = await getOrNull(ctx, ['users', id, 'compliance_deletion_statuses'], ['compliance_deletion_statuses[]']);
  if (statuses?.compliance_deletion_statuses.length) {
    return { user: { id, name: null, email: null, role: null, active: false, suspended: false }, erased: true };
  }
  throw invalid('userId', `No user has the id ${id}. Check the id (zendesk_search_users finds a user by name or email).`);
}

/** The one user whose primary email is `email` (case aside): none or several is refused. */
async function userByEmail(ctx: ToolRunContext, email: string): Promise<Resolved> {
  const { body } = await ctx.connection.send({ method: 'GET', path: ['users', 'search'], query: { query: `email:${email}` }, reads: ['users[]'] });
  const wanted = email.toLowerCase();
  const users = (body.users as unknown[]).filter((u): u is Record<string, any> => typeof u === 'object' && u !== null && isId((u as { id?: unknown }).id));
  const matches = users.filter((u) => typeof u.email === 'string' && u.email.toLowerCase() === wanted);
  if (matches.length === 1) return { user: userOf(matches[0]), erased: false };
  if (matches.length > 1) {
    throw invalid('userEmail', `The email ${email} is ambiguous: users ${matches.map((u) => u.id).join(', ')} all have it. Give the userId instead.`);
  }
  const others = users.length ? ` (the search found ${users.slice(0, 5).map((u) => `user ${u.id}`).join(', ')}, none with this primary email)` : '';
  throw invalid(
    'userEmail',
    `No active user has the primary email ${email}${others}. Give the userId instead; a deleted user is found by id only.`,
  );
}

/** Where the tickets go, checked before any change: a group that takes tickets, an agent who can take them (and is in that group). */
async function checkReassignTarget(ctx: ToolRunContext, plan: OffboardPlan, userId: number): Promise<void> {
  const groupId = plan.reassignToGroupId;
  const agentId = plan.reassignToAgentId;
  if (groupId !== undefined) {
    const body = await getOrNull(ctx, ['groups', groupId], ['group.id']);
    if (!body) throw invalid('reassignToGroupId', `No group has the id ${groupId}.`);
    if (body.group.deleted === true) throw invalid('reassignToGroupId', `Group ${groupId} is deleted: tickets cannot be assigned to it.`);
  }
  if (agentId === undefined) return;
  if (agentId === userId) throw invalid('reassignToAgentId', `reassignToAgentId is the user being offboarded (${userId}): give another agent.`);
  const body = await getOrNull(ctx, ['users', agentId], ['user.id']);
  if (!body) throw invalid('reassignToAgentId', `No user has the id ${agentId}.`);
  const agent = body.user;
  if (agent.role !== 'agent' && agent.role !== 'admin') throw invalid('reassignToAgentId', `User ${agentId} is ${agent.role === 'end-user' ? 'an end user' : `a ${String(agent.role)}`}, not an agent: tickets can only be assigned to agents.`);
  if (agent.active === false) throw invalid('reassignToAgentId', `Agent ${agentId} is deleted.`);
  if (agent.suspended === true) throw invalid('reassignToAgentId', `Agent ${agentId} is suspended.`);
  if (groupId === undefined) return;
  const memberships = await ctx.listAll({ method: 'GET', path: ['users', agentId, 'group_memberships'] }, 'group_memberships');
  if (!memberships.some((m) => (m as { group_id?: unknown })?.group_id === groupId)) {
    throw invalid('reassignToAgentId', `Agent ${agentId} is not a member of group ${groupId}: Zendesk assigns a ticket only to an agent of its group. Add them to the group, or give only one of the two.`);
  }
}

/** Everything looked up before any change; a failed lookup changes nothing and says so. */
async function resolve(ctx: ToolRunContext, plan: OffboardPlan): Promise<Resolved> {
  try {
    const resolved = plan.userId !== undefined ? await userById(ctx, plan.userId) : await userByEmail(ctx, plan.userEmail!);
    if (resolved.erased) return resolved;
    const param = plan.userId !== undefined ? 'userId' : 'userEmail';
    const { body } = await ctx.connection.send({ method: 'GET', path: ['users', 'me'], reads: ['user.id'] });
    if (body.user.id === resolved.user.id) {
      throw invalid(param, `User ${resolved.user.id} is the account these credentials belong to: offboarding it would lock this run out halfway. Use another admin's credentials.`);
    }
    await checkReassignTarget(ctx, plan, resolved.user.id);
    return resolved;
  } catch (error) {
    if (error instanceof CallError) {
      throw new OffboardError({ ...error.toolError, message: `Looking up the user failed, so nothing was changed. ${error.toolError.message}` });
    }
    if (error instanceof OffboardError || !(error instanceof Error)) throw error;
    throw new OffboardError({ code: 'unexpected_response', message: `Looking up the user failed, so nothing was changed. ${error.message}` });
  }
}

/** Errors after which a write may still have been applied: the step's outcome is then unknown. */
const MAYBE_APPLIED = new Set(['unknown_outcome', 'server_error', 'network_error', 'timeout', 'aborted', 'unexpected_response', 'job_timeout']);

/** A step that threw: unknown when a write was under way and may have been applied, failed otherwise. */
function stepFailure(name: OffboardStepName, error: unknown, writing: boolean, connection: ZendeskConnection): OffboardStep {
  const toolError: ToolError =
    error instanceof CallError
      ? error.toolError
      : { code: 'unexpected_response', message: connection.clean(`Unexpected failure: ${(error as Error)?.message ?? String(error)}`) };
  const unknown = writing && MAYBE_APPLIED.has(toolError.code);
  return {
    step: name,
    status: unknown ? 'unknown' : 'failed',
    found: 0,
    changed: 0,
    detail: unknown ? `it may or may not have been applied: ${toolError.message}` : toolError.message,
    error: unknown && toolError.code !== 'unknown_outcome' ? { ...toolError, code: 'unknown_outcome' } : toolError,
  };
}

const listed = (ids: readonly (number | string)[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));

/**
 * Runs an offboarding. Throws an OffboardError for bad input or a failed lookup (nothing changed then);
 * once a change may have been made, every failure is in the report, never thrown.
 */
export async function offboardUser(target: OffboardTarget, options: OffboardOptions): Promise<OffboardReport> {
  const started = Date.now();
  const plan = planOffboarding(options);
  const emit = options.onProgress ?? (() => undefined);
  const base = connectTarget(target, (error) => new OffboardError(error));
  const { connection, count } = countingConnection(base);
  const throttledBefore = base.throttled;
  let jobStep: 'tickets' | 'memberships' = 'tickets';
  const ctx = runContext(connection, { waitForJob: options.jobs ?? {}, onProgress: (p) => emit({ phase: 'jobs', step: jobStep, ...p }) });

  // 0. Who, and where the tickets go: looked up once, before anything is changed.
  const { user, erased } = await resolve(ctx, plan);
  emit({ phase: 'resolved', user });
  const id = user.id;
  const dry = plan.dryRun;
  const tickets: OffboardTicket[] = [];
  const memberships: OffboardMembership[] = [];
  let jobs = 0;
  // Set by the step's first write: a failure after it may have changed something (its outcome is then unknown).
  let writing = false;
  const write = (spec: RequestSpec) => {
    writing = true;
    return connection.send(spec);
  };

  const step = (name: OffboardStepName, status: OffboardStep['status'], found: number, changed: number, detail: string, error?: ToolError): OffboardStep => ({
    step: name,
    status,
    found,
    changed,
    detail,
    ...(error ? { error } : {}),
  });

  const suspend = async (): Promise<OffboardStep> => {
    if (user.suspended) return step('suspend', 'unchanged', 0, 0, 'already suspended');
    if (!user.active) return step('suspend', 'unchanged', 0, 0, 'the user is deleted: a deleted user cannot sign in');
    if (dry) return step('suspend', 'would_change', 1, 0, 'would suspend the user');
    const { body } = await write({ method: 'PUT', path: ['users', id], body: { user: { suspended: true } }, reads: ['user.id'] });
    if (body.user.suspended !== true) {
      return step('suspend', 'failed', 1, 0, 'Zendesk answered, but the user is not suspended', {
        code: 'unexpected_response',
        message: `PUT /users/${id} answered a user whose suspended is ${JSON.stringify(body.user.suspended)}, not true.`,
      });
    }
    return step('suspend', 'done', 1, 1, 'suspended the user');
  };

  const signOut = async (): Promise<OffboardStep> => {
    const sessions = await ctx.listAll({ method: 'GET', path: ['users', id, 'sessions'] }, 'sessions');
    const n = sessions.length;
    if (!n) return step('sign_out', 'unchanged', 0, 0, 'no session: already signed out everywhere');
    if (dry) return step('sign_out', 'would_change', n, 0, `would end ${plural(n, 'session')}`);
    await write({ method: 'DELETE', path: ['users', id, 'sessions'] });
    return step('sign_out', 'done', n, n, `ended ${plural(n, 'session')}`);
  };

  const moveTickets = async (): Promise<OffboardStep> => {
    const results = await exportSearch(connection, assignedTicketsQuery(id), 'ticket', (found, pages) => emit({ phase: 'search', found, pages }));
    const toMove: OffboardTicket[] = [];
    for (const t of results) {
      const entry: OffboardTicket = { id: t.id, outcome: 'skipped', subject: String(t.subject ?? ''), status: String(t.status ?? ''), groupId: isId(t.group_id) ? t.group_id : null };
      tickets.push(entry);
      // The search index can lag: only what the ticket itself says counts.
      if (t.assignee_id !== id) entry.reason = `no longer assigned to the user (assignee ${t.assignee_id ?? 'none'})`;
      else if (!UNSOLVED_STATUSES.includes(t.status)) entry.reason = `no longer unsolved (${String(t.status)})`;
      else toMove.push(entry);
    }
    const n = toMove.length;
    if (!n) return step('tickets', 'unchanged', 0, 0, 'no unsolved ticket is assigned to the user');
    if (plan.reassignToGroupId === undefined && plan.reassignToAgentId === undefined) {
      for (const t of toMove) Object.assign(t, { outcome: 'not_moved', reason: 'no reassign target given: still assigned to the user' });
      const detail = `${plural(n, 'unsolved ticket')} still assigned to the user: no reassign target was given`;
      if (!plan.deleteUser) return step('tickets', 'skipped', n, 0, detail);
      return step('tickets', 'failed', n, 0, `${detail}, so the user is not deleted`, {
        code: 'conflict',
        message: `${plural(n, 'unsolved ticket')} are still assigned to user ${id}; give reassignToGroupId or reassignToAgentId so they are moved before the user is deleted.`,
      });
    }
    const where = [plan.reassignToGroupId !== undefined ? `group ${plan.reassignToGroupId}` : '', plan.reassignToAgentId !== undefined ? `agent ${plan.reassignToAgentId}` : '']
      .filter(Boolean)
      .join(', ');
    if (dry) {
      for (const t of toMove) Object.assign(t, { outcome: 'would_move', reason: `dry run: a real run would move it to ${where}` });
      return step('tickets', 'would_change', n, 0, `would move ${plural(n, 'unsolved ticket')} to ${where}${plan.comment !== undefined ? ' with the note' : ''}`);
    }
    jobStep = 'tickets';
    jobs += Math.ceil(n / 100);
    // Until its job says otherwise, a ticket's move is unknown.
    for (const t of toMove) Object.assign(t, { outcome: 'unknown', reason: 'its job reported nothing for it' });
    const { items } = await ctx.runJobs({ items: toMove.map((t) => t.id), request: (chunk) => moveTicketsRequest(chunk, plan) });
    applyOutcomes(toMove, items, 'moved');
    const moved = toMove.filter((t) => t.outcome === 'moved').length;
    return jobStepResult('tickets', toMove, n, moved, `moved ${moved} of ${plural(n, 'unsolved ticket')} to ${where}`, 'ticket');
  };

  const removeMemberships = async (): Promise<OffboardStep> => {
    const listedMemberships = await ctx.listAll({ method: 'GET', path: ['users', id, 'group_memberships'] }, 'group_memberships');
    const found = listedMemberships.map((item) => (item ?? {}) as Record<string, unknown>);
    // Without both ids a membership can be neither removed nor reported: nothing of this step is changed yet.
    if (found.some((m) => !isId(m.id) || !isId(m.group_id))) {
      throw new CallError({ code: 'unexpected_response', message: `GET /users/${id}/group_memberships answered a membership without a numeric id and group_id.` });
    }
    // Until its job says otherwise, a membership's removal is unknown.
    for (const m of found) memberships.push({ id: m.id as number, groupId: m.group_id as number, outcome: dry ? 'would_remove' : 'unknown' });
    const n = memberships.length;
    if (!n) return step('memberships', 'unchanged', 0, 0, 'the user is in no group');
    const groups = `group${n === 1 ? '' : 's'} ${listed(memberships.map((m) => m.groupId))}`;
    if (dry) return step('memberships', 'would_change', n, 0, `would remove the user from ${groups}`);
    jobStep = 'memberships';
    jobs += Math.ceil(n / 100);
    const { items } = await ctx.runJobs({
      items: memberships.map((m) => m.id),
      request: (chunk) => ({ method: 'DELETE', path: ['group_memberships', 'destroy_many'], query: { ids: chunk } }),
    });
    applyOutcomes(memberships, items, 'removed');
    const removed = memberships.filter((m) => m.outcome === 'removed').length;
    return jobStepResult('memberships', memberships, n, removed, `removed the user from ${removed} of ${n} ${groups}`, 'membership');
  };

  const deleteUser = async (): Promise<OffboardStep> => {
    if (!user.active) return step('delete', 'unchanged', 0, 0, 'already deleted');
    if (dry) return step('delete', 'would_change', 1, 0, 'would delete the user (Zendesk keeps the record, inactive)');
    const { body } = await write({ method: 'DELETE', path: ['users', id], reads: ['user'] });
    if (body.user.active === true) {
      return step('delete', 'failed', 1, 0, 'Zendesk answered, but the user is still active', { code: 'unexpected_response', message: `DELETE /users/${id} answered a user still active.` });
    }
    return step('delete', 'done', 1, 1, 'deleted the user (Zendesk keeps the record, inactive)');
  };

  const erase = async (): Promise<OffboardStep> => {
    if (dry) return step('permanently_delete', 'would_change', 1, 0, 'would erase the deleted user for good (cannot be undone)');
    // Never replayed after a lost answer: a repeat would answer not_found and hide that the first one worked.
    await write({ method: 'DELETE', path: ['deleted_users', id], reads: ['deleted_user'], idempotent: false });
    return step('permanently_delete', 'done', 1, 1, 'erased the user for good');
  };

  const runners: Record<OffboardStepName, { asked: boolean; run: () => Promise<OffboardStep> }> = {
    suspend: { asked: plan.suspend, run: suspend },
    sign_out: { asked: plan.signOut, run: signOut },
    // Always checked: it says what stays assigned, and it keeps a user with unsolved tickets from being deleted.
    tickets: { asked: true, run: moveTickets },
    memberships: { asked: plan.removeFromGroups, run: removeMemberships },
    delete: { asked: plan.deleteUser, run: deleteUser },
    permanently_delete: { asked: plan.permanentlyDelete, run: erase },
  };
  const notAsked: Record<OffboardStepName, string> = {
    suspend: 'not asked: suspend is false',
    sign_out: 'not asked: signOut is false',
    tickets: '',
    memberships: 'not asked: removeFromGroups is false',
    delete: 'not asked: deleteUser is false',
    permanently_delete: 'not asked: permanentlyDelete is false',
  };

  const steps: OffboardStep[] = [];
  let stopped: OffboardStep | null = null;
  for (const name of OFFBOARD_STEPS) {
    const runner = runners[name];
    let result: OffboardStep;
    if (!runner.asked) result = step(name, 'skipped', 0, 0, notAsked[name]);
    else if (stopped) {
      const why = stopped.status === 'unknown' ? 'has an unknown outcome' : 'failed';
      result = step(name, 'not_run', 0, 0, `not run: the ${stopped.step} step ${why}${name === 'delete' || name === 'permanently_delete' ? ', so nothing is deleted' : ''}`);
    } else if (erased) result = step(name, 'unchanged', 0, 0, 'the user was permanently deleted by an earlier run: nothing is left to do');
    else {
      emit({ phase: 'step', step: name });
      writing = false;
      try {
        result = await runner.run();
      } catch (error) {
        // Jobs report each item and never throw: what throws is a read, or the step's one plain write.
        result = stepFailure(name, error, writing, base);
      }
      if (result.status === 'failed' || result.status === 'unknown') stopped = result;
    }
    steps.push(result);
    emit({ phase: 'stepDone', step: result });
  }

  const report: OffboardReport = {
    user,
    alreadyErased: erased,
    dryRun: dry,
    completed: stopped === null,
    stoppedAt: stopped?.step ?? null,
    reassignTo: { groupId: plan.reassignToGroupId ?? null, agentId: plan.reassignToAgentId ?? null },
    steps,
    tickets,
    memberships,
    stats: { requests: count(), rateLimited: base.throttled - throttledBefore, jobs, elapsedMs: Date.now() - started },
  };
  emit({ phase: 'done', report });
  return report;
}

/** Each entry's outcome from its job item: `done` on success, `failed` or `unknown` (with the job id) otherwise. */
function applyOutcomes<E extends { outcome: string; reason?: string; jobId?: string }>(entries: E[], items: JobItemOutcome[], done: E['outcome']): void {
  for (const item of items) {
    const entry = entries[item.index];
    if (!entry) continue;
    entry.outcome = item.outcome === 'succeeded' ? done : item.outcome;
    if (item.outcome === 'succeeded') delete entry.reason;
    else entry.reason = item.reason ?? item.outcome;
    if (item.jobId) entry.jobId = item.jobId;
  }
}

/** The step of a job run: done when every item succeeded, otherwise unknown (some may be applied) or failed, saying which. */
function jobStepResult(
  name: OffboardStepName,
  entries: { id: number; outcome: string; reason?: string; jobId?: string }[],
  found: number,
  changed: number,
  detail: string,
  what: string,
): OffboardStep {
  const unknown = entries.filter((e) => e.outcome === 'unknown');
  const failed = entries.filter((e) => e.outcome === 'failed');
  if (!unknown.length && !failed.length) return { step: name, status: 'done', found, changed, detail };
  const jobIds = [...new Set(unknown.map((e) => e.jobId).filter((j): j is string => !!j))];
  const details = {
    changed,
    failed_ids: failed.map((e) => e.id),
    unknown_ids: unknown.map((e) => e.id),
    job_ids: jobIds,
  };
  if (unknown.length) {
    const jobs = jobIds.length ? ` (job ${jobIds.join(', ')})` : '';
    return {
      step: name,
      status: 'unknown',
      found,
      changed,
      detail: `${detail}; ${unknown.length} ${what}(s) with an unknown outcome${failed.length ? `, ${failed.length} failed` : ''}`,
      error: {
        code: 'unknown_outcome',
        message: `The change of ${unknown.length} ${what}(s) has an unknown outcome: ${listed(details.unknown_ids)}${jobs}; it may have been applied. Check them before running again.`,
        details,
      },
    };
  }
  const examples = failed.slice(0, 3).map((e) => `${what} ${e.id}: ${e.reason}`).join('; ');
  return {
    step: name,
    status: 'failed',
    found,
    changed,
    detail: `${detail}; ${failed.length} failed`,
    error: { code: 'job_failed', message: `${failed.length} ${what}(s) failed (${examples}).`, details },
  };
}
