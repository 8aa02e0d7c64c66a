import { defineResource } from '../define';

export const search = defineResource({ id: 'search', title: 'Search', singular: 'search' });
