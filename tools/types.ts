/** The operation format, as operation files and older imports know it: see contract/. */
export type * from '../contract';
