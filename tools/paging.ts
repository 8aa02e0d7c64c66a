/**
 * The two paging styles of Zendesk lists, declared once: the params an operation takes for them,
 * what its result kind tells the executor (where the items are, which param asks for the next page),
 * and how an answer maps onto the documented `paging` and `metadata` outputs.
 */
import type { CursorPaging, OffsetPaging, OutputMap, OutputNode, ZendeskResponse } from '../contract';
import { listOutputs } from './outputs';
import { param } from './param';

const perPage = param.integer('How many results per page (1-100).', {
  minimum: 1,
  maximum: 100,
  default: '100',
  advanced: true,
});

/** Cursor paging: the cursor comes from `paging.after_cursor` of the previous page. */
export const cursorPagingParams = {
  perPage,
  pageAfter: param.text('Cursor of the page to fetch: paging.after_cursor of the previous result.', {
    advanced: true,
  }),
};

/** Offset paging, for the endpoints Zendesk offers no cursor on. */
export const offsetPagingParams = {
  perPage,
  page: param.integer('Page number, from 1.', { minimum: 1, advanced: true }),
};

/** Zendesk's cursor paging query for the cursor params. */
export const cursorQuery = (p: { perPage?: number; pageAfter?: string }) => ({ 'page[size]': p.perPage, 'page[after]': p.pageAfter });

/** Zendesk's offset paging query for the offset params. */
export const offsetQuery = (p: { perPage?: number; page?: number }) => ({ per_page: p.perPage, page: p.page });

/** Cursor pages: `meta.has_more`, `meta.after_cursor`, `links.next`. */
export function cursorPage(itemsKey: string, items: unknown[] | undefined, body: any) {
  const list = items ?? [];
  // A cursor can promise more and then deliver an empty page: an empty page always ends the list.
  const hasMore = Boolean(body?.meta?.has_more) && list.length > 0;
  return {
    [itemsKey]: list,
    paging: {
      after_cursor: hasMore ? body?.meta?.after_cursor ?? null : null,
      has_more: hasMore,
      next_page: hasMore ? body?.links?.next ?? null : null,
    },
    metadata: { total_returned: list.length, has_more: hasMore },
  };
}

/** Offset pages: `next_page` is a URL or null; there is no cursor. */
export function offsetPage(itemsKey: string, items: unknown[] | undefined, body: any) {
  const list = items ?? [];
  const hasMore = typeof body?.next_page === 'string' && list.length > 0;
  return {
    [itemsKey]: list,
    paging: { after_cursor: null, has_more: hasMore, next_page: hasMore ? body.next_page : null },
    metadata: { total_returned: list.length, has_more: hasMore },
  };
}

type ReadItems = (body: any) => unknown[] | undefined;

/**
 * The answer of a cursor-paged list of `item`s under `itemsKey`: its outputs, the mapping of a page,
 * and the result kind that tells the executor how to ask for the next page.
 */
export function cursorListAnswer(itemsKey: string, item: OutputNode, description: string, read: ReadItems = (body) => body?.[itemsKey]) {
  const result: CursorPaging = { kind: 'cursor-list', itemsKey, cursorParam: 'pageAfter', sizeParam: 'perPage' };
  return {
    outputs: listOutputs(itemsKey, item, description) as OutputMap,
    output: ({ body }: ZendeskResponse) => cursorPage(itemsKey, read(body), body),
    result,
  };
}

/** The answer of an offset-paged list; `window` is how far Zendesk lets one query page (search: 1,000). */
export function offsetListAnswer(itemsKey: string, item: OutputNode, description: string, window?: number) {
  const result: OffsetPaging = { kind: 'offset-list', itemsKey, pageParam: 'page', sizeParam: 'perPage', ...(window ? { window } : {}) };
  return {
    outputs: listOutputs(itemsKey, item, description) as OutputMap,
    output: ({ body }: ZendeskResponse) => offsetPage(itemsKey, body?.[itemsKey], body),
    result,
  };
}
