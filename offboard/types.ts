/** Types of user offboarding: what to do, the progress events and the report. */
import type { JobProgress, JobWaitOptions, ToolError } from '../contract';

/** The user to offboard and what to do. Exactly one of `userId` and `userEmail`. */
export interface OffboardOptions {
  userId?: number;
  /** The user's primary email address, looked up once before any change; unknown or ambiguous is refused. */
  userEmail?: string;
  /**
   * Where the user's unsolved assigned tickets go (the issue's `reassignTicketsTo`): a group, an agent, or
   * both. A group alone leaves the tickets unassigned in that group; an agent alone assigns them to the agent.
   */
  reassignToGroupId?: number;
  reassignToAgentId?: number;
  /** An internal note added to every reassigned ticket, in the same update. Needs a reassign target. */
  comment?: string;
  /** End every session of the user. Default true. */
  signOut?: boolean;
  /** Suspend the user. Default true. */
  suspend?: boolean;
  /** Remove the user from every group (an agent's group memberships). Default true. */
  removeFromGroups?: boolean;
  /** Delete the user (Zendesk's soft delete). Default false. */
  deleteUser?: boolean;
  /** Erase the deleted user for good. Only together with `deleteUser`. Default false. */
  permanentlyDelete?: boolean;
  /** Report what each step would do; change nothing. */
  dryRun?: boolean;
  onProgress?: (event: OffboardProgress) => void;
  /** Job polling and the number of jobs in flight (default 5). */
  jobs?: JobWaitOptions;
}

/** The steps, in the order they run: the user is locked out first, and deleted last. */
export const OFFBOARD_STEPS = ['suspend', 'sign_out', 'tickets', 'memberships', 'delete', 'permanently_delete'] as const;
export type OffboardStepName = (typeof OFFBOARD_STEPS)[number];

/**
 * How a step ended. `done`: it changed what it found. `unchanged`: it found nothing to do (already
 * suspended, no session, no ticket...). `would_change`: a dry run found something to do. `skipped`: not
 * asked. `failed`: it could not do (all of) it; see `error`. `unknown`: a change may or may not have been
 * applied (a job could not be followed); see `error`. `not_run`: an earlier step failed or is unknown.
 */
export type OffboardStepStatus = 'done' | 'unchanged' | 'would_change' | 'skipped' | 'failed' | 'unknown' | 'not_run';

export interface OffboardStep {
  step: OffboardStepName;
  status: OffboardStepStatus;
  /** What the step's check found still to do: sessions, 1 (not yet suspended / deleted), tickets, memberships. */
  found: number;
  /** How many of those it changed. */
  changed: number;
  /** What it found and did, in a sentence. */
  detail: string;
  error?: ToolError;
}

/**
 * One ticket of the user: `moved`; `failed` (with Zendesk's reason); `unknown` (its job could not be
 * followed: check it before running again); `would_move` (dry run); `not_moved` (no reassign target, or
 * the ticket step stopped before it); `skipped` (the search listed it, but it is no longer an unsolved
 * ticket of the user).
 */
export type OffboardTicketOutcome = 'moved' | 'failed' | 'unknown' | 'would_move' | 'not_moved' | 'skipped';

export interface OffboardTicket {
  id: number;
  outcome: OffboardTicketOutcome;
  reason?: string;
  jobId?: string;
  subject?: string;
  status?: string;
  /** The ticket's group before the move. */
  groupId: number | null;
}

/** One group membership of the user: `removed`, `failed`, `unknown` (its job could not be followed) or `would_remove` (dry run). */
export type OffboardMembershipOutcome = 'removed' | 'failed' | 'unknown' | 'would_remove';

export interface OffboardMembership {
  id: number;
  groupId: number;
  outcome: OffboardMembershipOutcome;
  reason?: string;
  jobId?: string;
}

/** The user as found before any change. */
export interface OffboardUser {
  id: number;
  name: string | null;
  email: string | null;
  role: string | null;
  active: boolean;
  suspended: boolean;
}

export interface OffboardReport {
  user: OffboardUser;
  /** The user was permanently deleted by an earlier run: every step asked is `unchanged`. */
  alreadyErased: boolean;
  dryRun: boolean;
  /** Every step ended done, unchanged, would_change or skipped. */
  completed: boolean;
  /** The step that failed or whose outcome is unknown; the steps after it did not run. */
  stoppedAt: OffboardStepName | null;
  reassignTo: { groupId: number | null; agentId: number | null };
  /** Every step, in order, each with what it found, what it changed and any error. */
  steps: OffboardStep[];
  /** Every unsolved ticket assigned to the user that the search export listed, in its order. */
  tickets: OffboardTicket[];
  /** Every group membership of the user. */
  memberships: OffboardMembership[];
  stats: { requests: number; rateLimited: number; jobs: number; elapsedMs: number };
}

export type OffboardProgress =
  /** The user (and the reassign target) were looked up; nothing is changed before this. */
  | { phase: 'resolved'; user: OffboardUser }
  /** A step starts. */
  | { phase: 'step'; step: OffboardStepName }
  /** A step ended (with its report). */
  | { phase: 'stepDone'; step: OffboardStep }
  /** A page of the search export for the user's tickets arrived. */
  | { phase: 'search'; found: number; pages: number }
  /** Jobs of the ticket or the membership step: items processed so far. */
  | ({ phase: 'jobs'; step: 'tickets' | 'memberships' } & JobProgress)
  | { phase: 'done'; report: OffboardReport };

/** An offboarding that could not start (bad input, unknown user, a failed lookup); nothing was changed. */
export class OffboardError extends Error {
  constructor(readonly error: ToolError) {
    super(error.message);
    this.name = 'OffboardError';
  }
}
