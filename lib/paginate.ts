/**
 * Full pagination. Pages stream through an async iterator (memory stays flat); collecting stops at
 * a maximum, says when the result is truncated, and never presents a failed listing as complete.
 */
import type { AnyToolDefinition } from '../tools/types';
import type { Connection } from './connection';

export interface PageOutput {
  [key: string]: unknown;
  paging: { after_cursor: string | null; has_more: boolean; next_page: string | null };
  metadata: { total_returned: number; has_more: boolean };
}

/** The search API serves at most 1,000 results per query; other offset lists stop at 10,000. */
export function offsetWindow(tool: AnyToolDefinition): number {
  return tool.result.kind === 'offset-list' ? tool.result.window ?? 10_000 : Infinity;
}

export interface PageStep {
  page: PageOutput;
  /** The offset endpoint's window was reached while it still had more. */
  windowReached: boolean;
}

/** Yields each page of a list operation, starting from the params' own page or cursor. */
export async function* pageSteps(
  connection: Connection,
  tool: AnyToolDefinition,
  params: Record<string, any>,
  readPage: (connection: Connection, params: Record<string, any>) => Promise<PageOutput>,
): AsyncGenerator<PageStep> {
  if (tool.result.kind !== 'cursor-list' && tool.result.kind !== 'offset-list') throw new Error(`${tool.id} is not a list`);
  const window = offsetWindow(tool);
  let current = { ...params };
  for (;;) {
    const page = await readPage(connection, current);
    const items = page[tool.result.itemsKey] as unknown[];
    let hasMore = page.paging.has_more && items.length > 0;
    let windowReached = false;
    if (tool.result.kind === 'offset-list') {
      const pageNumber: number = current.page ?? 1;
      windowReached = hasMore && pageNumber * current.perPage >= window;
      hasMore &&= !windowReached;
      current = { ...current, page: pageNumber + 1 };
    } else {
      current = { ...current, pageAfter: page.paging.after_cursor };
    }
    yield { page, windowReached };
    if (!hasMore) return;
  }
}
