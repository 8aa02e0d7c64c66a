import type { InputProblem } from '../../contract';
import { defineTool, INCREMENTAL_EXPORTS, READ_ONLY, requireExactlyOne } from '../define';
import { out } from '../outputs';
import { param } from '../params';
import { users } from './resource';

const ISO_DATE = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?))?\s*(Z|[+-]\d\d:?\d\d)?$/i;

/**
 * A start time as the Unix seconds Zendesk takes: digits (seconds), or an ISO 8601 date or date-time
 * (UTC unless it names a zone). Zendesk exports nothing from the last minute, so a later time is refused.
 */
export function exportStartTime(text: string, now = Date.now()): number | InputProblem {
  const value = text.trim();
  const problem = (why: string): InputProblem => ({ param: 'startTime', message: `startTime ${why}; got "${value.slice(0, 40)}"` });
  let seconds: number;
  if (/^\d+$/.test(value)) {
    if (value.length > 10) return problem('must be a Unix time in seconds (10 digits today); this looks like milliseconds');
    seconds = Number(value);
  } else {
    const match = ISO_DATE.exec(value);
    if (!match) return problem('must be a Unix time in seconds (e.g. 1714521600) or an ISO 8601 date (e.g. 2024-05-01 or 2024-05-01T09:30:00Z)');
    const [, date, time = '00:00', zone = 'Z'] = match;
    const ms = Date.parse(`${date}T${time}${zone.toUpperCase().replace(/^([+-]\d\d)(\d\d)$/, '$1:$2')}`);
    // Date.parse rolls "2024-02-30" over to March: a day that does not come back the same is not one.
    const day = Date.parse(`${date}T00:00Z`);
    if (!Number.isFinite(ms) || !Number.isFinite(day) || new Date(day).toISOString().slice(0, 10) !== date) return problem('is not a real date and time');
    seconds = Math.floor(ms / 1000);
  }
  const latest = Math.floor(now / 1000) - 60;
  if (seconds > latest) return problem('must be at least a minute in the past: Zendesk exports nothing more recent');
  return seconds;
}

export const exportUsersIncrementalTool = defineTool({
  id: 'zendesk_export_users_incremental',
  name: 'Export users incrementally',
  resource: users.id,
  description:
    'Export every user created or changed since a point in time, oldest change first, up to 1000 per page: the way to sync users to another system. ' +
    'Start with startTime (a Unix time or an ISO date, at least a minute ago); then pass after_cursor as cursor for the next page until end_of_stream is true. ' +
    'Keep the last after_cursor: continuing from it later returns only the users changed since. Zendesk allows 10 export requests a minute; calls are ' +
    'spaced to stay within it. To list users without a time window use zendesk_get_users.',
  params: {
    startTime: param.text(
      'Export the users changed since then: a Unix time in seconds (e.g. 1714521600) or an ISO 8601 date (e.g. 2024-05-01 or 2024-05-01T09:30:00Z, UTC unless it names a zone), at least a minute ago.',
      { example: '2024-05-01T00:00:00Z' },
    ),
    cursor: param.text('Continue an earlier export: the after_cursor of its last page.'),
    pageSize: param.integer('How many users per page (1-1000).', { minimum: 1, maximum: 1000, default: '1000', advanced: true }),
  },
  check: (p) => {
    const problem = requireExactlyOne(p, ['startTime', 'cursor']);
    if (problem || p.startTime === undefined) return problem;
    const start = exportStartTime(p.startTime);
    return typeof start === 'number' ? undefined : start;
  },
  request: (p) => {
    // A cursor wins: the executor adds it to the first page's params to read the next.
    const from = p.cursor !== undefined ? { cursor: p.cursor } : { start_time: exportStartTime(p.startTime ?? '') as number };
    return {
      method: 'GET',
      path: ['incremental', 'users', 'cursor'],
      query: { ...from, per_page: p.pageSize },
      reads: ['users[]', 'end_of_stream'],
      endpointLimit: INCREMENTAL_EXPORTS,
    };
  },
  outputs: {
    users: out.array('The users changed since the start, oldest change first', users.record),
    after_cursor: out.string('Where this page ends: pass it as cursor for the next page, or later to get the changes made since'),
    after_url: out.string('URL of the next page'),
    end_of_stream: out.boolean('True when no more changes follow for now (continue later from after_cursor)'),
  },
  output: ({ body }) => ({ users: body.users, after_cursor: body.after_cursor, after_url: body.after_url, end_of_stream: body.end_of_stream }),
  result: {
    kind: 'cursor-list',
    itemsKey: 'users',
    cursorParam: 'cursor',
    sizeParam: 'pageSize',
    // More to come without a cursor reads as an empty one, which the executor reports instead of stopping quietly.
    nextCursor: (page) => (page.end_of_stream ? null : page.after_cursor ?? ''),
  },
  hints: READ_ONLY,
});
