import { defineResource } from '../define';
import { organizationOutput } from '../outputs';
import { param } from '../param';

export const organizations = defineResource({ id: 'organizations', title: 'Organizations', singular: 'organization', record: organizationOutput });

/** The organization an operation acts on. */
export const organizationId = (description: string) => param.numericId(description, { required: true, example: '360001234' });
