/** The two ways user operations take many users: by Zendesk ids or by external ids, exactly one of them. */
import type { InputProblem } from '../../contract';
import { requireExactlyOne } from '../define';
import { param } from '../param';

/** `userIds` and `externalIds` for the users an operation acts on: `what` they are, e.g. "of the users to delete". */
export const userListParams = (what: string, options: { perRequestLimit?: number } = {}) => ({
  userIds: param.idList(`Comma-separated ids ${what}, e.g. "12345, 12346".`, { example: '12345, 12346', field: 'userIds', ...options }),
  externalIds: param.stringList(`Comma-separated external ids (ids in another system) ${what}, e.g. "crm-4711, crm-4712".`, {
    example: 'crm-4711, crm-4712',
    field: 'userExternalIds',
    ...options,
  }),
});

/** Exactly one of userIds and externalIds, and external ids that a comma-separated query can carry. */
export function userListProblem(p: { userIds?: number[]; externalIds?: string[] }): InputProblem | undefined {
  const problem = requireExactlyOne(p, ['userIds', 'externalIds']);
  if (problem) return problem;
  const index = (p.externalIds ?? []).findIndex((id) => id.includes(','));
  if (index < 0) return undefined;
  return { param: 'externalIds', message: `externalIds: item ${index + 1} contains a comma, which Zendesk's comma-separated list cannot carry.` };
}
