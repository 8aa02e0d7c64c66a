/**
 * The pure half of offboarding: checking the input (before any request, the email lookup included),
 * the search for the user's tickets and the update that moves them. No requests here.
 */
import type { InputProblem, RequestSpec } from '../contract';
import { OffboardError, type OffboardOptions } from './types';

/** The input, checked, with every default applied. */
export interface OffboardPlan {
  userId?: number;
  userEmail?: string;
  reassignToGroupId?: number;
  reassignToAgentId?: number;
  comment?: string;
  signOut: boolean;
  suspend: boolean;
  removeFromGroups: boolean;
  deleteUser: boolean;
  permanentlyDelete: boolean;
  dryRun: boolean;
}

/**
 * An email address as the lookup takes it: one @, a dot in the domain, and none of the characters that
 * mean something in search syntax (spaces, quotes, `*`, `:`, parentheses) or separate addresses (`,;<>`).
 */
const EMAIL = /^[^\s@"',;:<>()*\\]+@[^\s@"',;:<>()*\\]+\.[^\s@"',;:<>()*\\]+$/;
const EMAIL_MAX_LENGTH = 254;

const BOOLEANS = ['signOut', 'suspend', 'removeFromGroups', 'deleteUser', 'permanentlyDelete', 'dryRun'] as const;
const IDS = ['userId', 'reassignToGroupId', 'reassignToAgentId'] as const;

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/** What is wrong with the input, naming the param, or undefined when it is fine. Sends nothing. */
export function offboardInputProblem(options: OffboardOptions): InputProblem | undefined {
  if (!options || typeof options !== 'object') return { param: 'userId', message: 'The options must be an object.' };
  for (const name of IDS) {
    const value = options[name];
    if (value !== undefined && !isId(value)) return { param: name, message: `${name} must be a positive numeric id; got ${JSON.stringify(value)}.` };
  }
  for (const name of BOOLEANS) {
    const value = options[name];
    if (value !== undefined && typeof value !== 'boolean') return { param: name, message: `${name} must be true or false; got ${JSON.stringify(value)}.` };
  }
  const { userId, userEmail, comment } = options;
  if (userEmail !== undefined) {
    if (typeof userEmail !== 'string' || !userEmail.trim()) return { param: 'userEmail', message: 'userEmail must be an email address, e.g. jane@example.com.' };
    const email = userEmail.trim();
    if (email.length > EMAIL_MAX_LENGTH || !EMAIL.test(email)) {
      return { param: 'userEmail', message: `userEmail must be one email address, e.g. jane@example.com; got ${JSON.stringify(email.slice(0, 80))}.` };
    }
    if (userId !== undefined) return { param: 'userEmail', message: 'Give the user by userId or by userEmail, not both.' };
  } else if (userId === undefined) {
    return { param: 'userId', message: 'Say which user to offboard: userId (e.g. 12345) or userEmail (e.g. jane@example.com).' };
  }
  if (comment !== undefined && typeof comment !== 'string') return { param: 'comment', message: 'comment must be text.' };
  const reassigns = options.reassignToGroupId !== undefined || options.reassignToAgentId !== undefined;
  if (comment !== undefined && comment.trim() && !reassigns) {
    return { param: 'comment', message: 'comment is the note added to every reassigned ticket: give reassignToGroupId or reassignToAgentId with it.' };
  }
  if (userId !== undefined && options.reassignToAgentId === userId) {
    return { param: 'reassignToAgentId', message: `reassignToAgentId is the user being offboarded (${userId}): give another agent.` };
  }
  if (options.permanentlyDelete === true && options.deleteUser !== true) {
    return { param: 'permanentlyDelete', message: 'permanentlyDelete erases a deleted user: it needs deleteUser (the user is deleted first, then erased).' };
  }
  const does = options.signOut !== false || options.suspend !== false || options.removeFromGroups !== false || options.deleteUser === true || reassigns;
  if (!does) {
    return { param: 'signOut', message: 'Nothing to do: signing out (signOut), suspending (suspend) and leaving the groups (removeFromGroups) are all turned off, and no reassign target or deletion is asked.' };
  }
  return undefined;
}

/** The checked input with its defaults; throws an invalid_input OffboardError (nothing sent). */
export function planOffboarding(options: OffboardOptions): OffboardPlan {
  const problem = offboardInputProblem(options);
  if (problem) throw new OffboardError({ code: 'invalid_input', ...problem });
  const comment = options.comment?.trim() ? options.comment : undefined;
  return {
    userId: options.userId,
    userEmail: options.userEmail?.trim(),
    reassignToGroupId: options.reassignToGroupId,
    reassignToAgentId: options.reassignToAgentId,
    comment,
    signOut: options.signOut !== false,
    suspend: options.suspend !== false,
    removeFromGroups: options.removeFromGroups !== false,
    deleteUser: options.deleteUser === true,
    permanentlyDelete: options.permanentlyDelete === true,
    dryRun: options.dryRun === true,
  };
}

/** Ticket statuses before solved: the tickets the user still has to work on. */
export const UNSOLVED_STATUSES: readonly string[] = ['new', 'open', 'pending', 'hold'];

/** The search export query for the user's unsolved assigned tickets. */
export const assignedTicketsQuery = (userId: number) => `assignee:${userId} status<solved`;

/**
 * `PUT /tickets/update_many?ids=...`: the tickets go to the group and/or the agent. A group alone
 * unassigns them (they wait in the group); the note is added in the same update, as an internal comment.
 */
export function moveTicketsRequest(ids: number[], plan: Pick<OffboardPlan, 'reassignToGroupId' | 'reassignToAgentId' | 'comment'>): RequestSpec {
  const ticket: Record<string, unknown> = { assignee_id: plan.reassignToAgentId ?? null };
  if (plan.reassignToGroupId !== undefined) ticket.group_id = plan.reassignToGroupId;
  if (plan.comment !== undefined) ticket.comment = { body: plan.comment, public: false };
  return {
    method: 'PUT',
    path: ['tickets', 'update_many'],
    query: { ids },
    body: { ticket },
    // A note added twice is a duplicate: never replay the update after an unknown outcome.
    idempotent: plan.comment === undefined,
  };
}
