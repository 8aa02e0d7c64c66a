/** The pack's contract: the operation format, the results and errors. Imports nothing of the pack. */
export type * from './definition';
export type * from './results';
