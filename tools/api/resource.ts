import { defineResource } from '../define';

/** The raw API: any endpoint under /api/v2 the pack does not model yet. */
export const api = defineResource({ id: 'api', title: 'API', singular: 'request' });
