import type { ResourceOperations } from '../../contract';
import { createUserIdentityTool } from './create-user-identity';
import { deleteUserIdentityTool } from './delete-user-identity';
import { getUserIdentitiesTool } from './get-user-identities';
import { getUserIdentityTool } from './get-user-identity';
import { makeUserIdentityPrimaryTool } from './make-user-identity-primary';
import { requestUserVerificationTool } from './request-user-verification';
import { userIdentities } from './resource';
import { updateUserIdentityTool } from './update-user-identity';
import { verifyUserIdentityTool } from './verify-user-identity';

export const userIdentityOperations: ResourceOperations = {
  resource: userIdentities,
  operations: [
    getUserIdentitiesTool,
    getUserIdentityTool,
    createUserIdentityTool,
    updateUserIdentityTool,
    makeUserIdentityPrimaryTool,
    verifyUserIdentityTool,
    requestUserVerificationTool,
    deleteUserIdentityTool,
  ],
};
