/** Maps Zendesk's two paging styles onto the documented `paging` and `metadata` outputs. */

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

/** The outputs of an operation that queued a background job. */
export function jobResult(body: any) {
  return { job_status: body?.job_status, job_id: body?.job_status?.id };
}
