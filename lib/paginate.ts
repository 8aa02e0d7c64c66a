/**
 * Full pagination. Pages stream through an async iterator (memory stays flat); collecting stops at
 * a maximum, says when the result is truncated, and never presents a failed listing as complete.
 * How to ask for the next page is what the operation's result kind declares, never a param name.
 */
import { createHash } from 'node:crypto';
import type { AnyToolDefinition, CursorPaging, OffsetPaging, ZendeskConnection } from '../contract';
import { CallError } from './connection';

/** One page's outputs: its items, and the paging and metadata most lists document (an export has its own cursor outputs). */
export interface PageOutput {
  [key: string]: unknown;
  paging?: { after_cursor: string | null; has_more: boolean; next_page: string | null };
  metadata?: { total_returned: number; has_more: boolean };
}

export type ListPaging = CursorPaging | OffsetPaging;

/** The paging an operation declares, or undefined when it returns no list. */
export function listPaging(tool: AnyToolDefinition): ListPaging | undefined {
  return tool.result.kind === 'cursor-list' || tool.result.kind === 'offset-list' ? tool.result : undefined;
}

/** The search API serves at most 1,000 results per query; other offset lists stop at 10,000. */
export function offsetWindow(paging: ListPaging): number {
  return paging.kind === 'offset-list' ? paging.window ?? 10_000 : Infinity;
}

/** Whether a page says more follow: the operation's own reader (a cursor, or none at the end), or `paging.has_more`. */
export function hasMorePages(paging: ListPaging, page: Record<string, any>): boolean {
  if (paging.kind === 'cursor-list' && paging.nextCursor) return paging.nextCursor(page) != null;
  return Boolean(page.paging?.has_more);
}

/** The cursor of the page after `page`: the operation's own reader, or `paging.after_cursor`. */
export function nextCursor(paging: CursorPaging, page: Record<string, any>): unknown {
  return paging.nextCursor ? paging.nextCursor(page) : page.paging?.after_cursor;
}

/**
 * The param and value that ask for the page after `page`, one page of a list read with (coerced)
 * `params`; undefined at the end of the list or of an offset endpoint's window. For a person paging by
 * hand (a "next page" button); `all` and iteratePages follow pages themselves, with a guard.
 */
export function nextPageParam(tool: AnyToolDefinition, params: Record<string, any>, page: Record<string, any>): { param: string; value: string | number } | undefined {
  const paging = listPaging(tool);
  const items = paging ? page[paging.itemsKey] : undefined;
  if (!paging || !Array.isArray(items) || items.length === 0 || !hasMorePages(paging, page)) return undefined;
  if (paging.kind === 'offset-list') {
    const pageNumber = Number(params[paging.pageParam] ?? 1);
    const size = Number(params[paging.sizeParam] ?? items.length);
    return pageNumber * size >= offsetWindow(paging) ? undefined : { param: paging.pageParam, value: pageNumber + 1 };
  }
  const cursor = nextCursor(paging, page);
  return typeof cursor === 'string' && cursor ? { param: paging.cursorParam, value: cursor } : undefined;
}

export interface PageStep {
  page: PageOutput;
  /** The offset endpoint's window was reached while it still had more. */
  windowReached: boolean;
}

/** What identifies a listed record: its id (and type, for search results that mix types). */
const identity = (item: unknown): string =>
  typeof item === 'object' && item !== null && 'id' in item ? `${(item as { result_type?: string }).result_type ?? ''}#${String((item as { id: unknown }).id)}` : JSON.stringify(item);

/**
 * Catches a listing that does not move on: a page that repeats the items of a page already read, a
 * next cursor already sent, or "more follows" without a cursor. Followed, each would loop forever or
 * list the same records again; it is an `unexpected_response` instead. Keeps a digest per page and
 * the cursors sent, a few dozen bytes a page.
 */
export class ListingGuard {
  private readonly cursors = new Set<string>();
  private readonly pages = new Set<string>();
  private pageNumber = 0;

  constructor(
    private readonly connection: ZendeskConnection,
    private readonly what: string,
  ) {}

  /** A page just read. */
  page(items: readonly unknown[]): void {
    this.pageNumber += 1;
    if (!items.length) return;
    const digest = createHash('sha1').update(items.map(identity).join('\n')).digest('base64');
    if (this.pages.has(digest)) this.fail(`page ${this.pageNumber} repeats the records of an earlier page`);
    this.pages.add(digest);
  }

  /** The cursor of the next page, given the one `sent` for the page just read: it must be new. */
  next(sent: string | undefined, cursor: unknown): string {
    if (sent) this.cursors.add(sent);
    if (typeof cursor !== 'string' || !cursor) this.fail(`page ${this.pageNumber} says more results follow but gives no cursor for them`);
    if (this.cursors.has(cursor)) this.fail(`page ${this.pageNumber} gives a next cursor already sent ("${this.connection.clean(cursor).slice(0, 40)}")`);
    return cursor;
  }

  private fail(problem: string): never {
    throw new CallError({
      code: 'unexpected_response',
      message: this.connection.clean(`${this.what}: ${problem}. The listing does not advance, so it was stopped rather than followed forever.`),
    });
  }
}

/** Yields each page of a list operation, starting from the params' own page or cursor. */
export async function* pageSteps(
  connection: ZendeskConnection,
  tool: AnyToolDefinition,
  params: Record<string, any>,
  readPage: (connection: ZendeskConnection, params: Record<string, any>) => Promise<PageOutput>,
): AsyncGenerator<PageStep> {
  const paging = listPaging(tool);
  if (!paging) throw new Error(`${tool.id} is not a list`);
  const window = offsetWindow(paging);
  const guard = new ListingGuard(connection, tool.id);
  let current = { ...params };
  for (;;) {
    const page = await readPage(connection, current);
    const items = page[paging.itemsKey] as unknown[];
    guard.page(items);
    let hasMore = hasMorePages(paging, page) && items.length > 0;
    let windowReached = false;
    if (paging.kind === 'offset-list') {
      const pageNumber: number = current[paging.pageParam] ?? 1;
      windowReached = hasMore && pageNumber * current[paging.sizeParam] >= window;
      hasMore &&= !windowReached;
      current = { ...current, [paging.pageParam]: pageNumber + 1 };
    } else if (hasMore) {
      current = { ...current, [paging.cursorParam]: guard.next(current[paging.cursorParam], nextCursor(paging, page)) };
    }
    yield { page, windowReached };
    if (!hasMore) return;
  }
}
