import type { ResourceOperations } from '../../contract';
import { search } from './resource';
import { searchTool } from './search';
import { searchCountTool } from './search-count';

export const searchOperations: ResourceOperations = { resource: search, operations: [searchTool, searchCountTool] };
