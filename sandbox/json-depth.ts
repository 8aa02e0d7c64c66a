/**
 * How deep a request body may nest. JSON.parse copes with any depth, but JSON.stringify, String() of
 * arrays and every recursive walk overflow the stack somewhere past a few thousand levels, so a body
 * nested deeper than this is refused before any handler sees it. 100 is the limit Ruby's JSON parser
 * applies by default (`max_nesting`), far above any real Zendesk payload.
 */
export const MAX_JSON_DEPTH = 100;

/** True when arrays and objects in `value` nest more than `max` levels (`[]` is one level). Iterative. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const pending: object[] = [value];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') {
        pending.push(child as object);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
