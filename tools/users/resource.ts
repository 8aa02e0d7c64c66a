import { defineResource } from '../define';
import { userOutput } from '../outputs';
import { param } from '../param';

export const users = defineResource({ id: 'users', title: 'Users', singular: 'user', record: userOutput });

/** The user an operation acts on. */
export const userId = (description: string) => param.numericId(description, { required: true, example: '12345' });
