/** The adapter to a Sim-style host (Sim, AACFlow): the block, the tool registry, and saved-workflow migration. */
export { toHostBlock } from './block';
export type { HostBlockOptions } from './block';
export { toHostIcon } from './icon';
export { toHostTools, toHostTool, HOST_TOOL_VERSION } from './tools';
export type { HostToolOptions } from './tools';
export type * from './types';
export { migrateHostWorkflowValues } from './migrate';
export type { HostMigration, HostMigrationChange, HostMigrationIssue, HostMigrationProblem } from './migrate';
export { HOST_LEGACY_OPERATIONS, HOST_LEGACY_FIELDS } from './legacy';
export type { HostLegacyOperation, HostLegacyField } from './legacy';
