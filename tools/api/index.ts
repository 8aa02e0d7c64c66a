import type { ResourceOperations } from '../../contract';
import { apiRequestTool } from './api-request';
import { api } from './resource';

export const apiOperations: ResourceOperations = { resource: api, operations: [apiRequestTool] };
