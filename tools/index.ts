/**
 * The operations, by resource, in the order the block's dropdown, the docs and the CLI list them.
 * Composite operations live beside the feature they compose and join these in the catalog.
 */
import type { ResourceOperations } from '../contract';
import { apiOperations } from './api';
import { groupMembershipOperations } from './group-memberships';
import { groupOperations } from './groups';
import { organizationOperations } from './organizations';
import { searchOperations } from './search';
import { sessionOperations } from './sessions';
import { sharingAgreementOperations } from './sharing-agreements';
import { ticketOperations } from './tickets';
import { userIdentityOperations } from './user-identities';
import { userOperations } from './users';

export const resourceOperations: readonly ResourceOperations[] = [
  ticketOperations,
  userOperations,
  userIdentityOperations,
  sessionOperations,
  organizationOperations,
  groupOperations,
  groupMembershipOperations,
  sharingAgreementOperations,
  searchOperations,
  apiOperations,
];

export type { AnyToolDefinition, ToolDefinition, ParamDefinition, OutputNode, OutputMap } from '../contract';
