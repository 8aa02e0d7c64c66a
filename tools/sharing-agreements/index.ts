import type { ResourceOperations } from '../../contract';
import { createSharingAgreementTool } from './create-sharing-agreement';
import { deleteSharingAgreementTool } from './delete-sharing-agreement';
import { getSharingAgreementTool } from './get-sharing-agreement';
import { getSharingAgreementsTool } from './get-sharing-agreements';
import { sharingAgreements } from './resource';
import { updateSharingAgreementTool } from './update-sharing-agreement';

export const sharingAgreementOperations: ResourceOperations = {
  resource: sharingAgreements,
  operations: [getSharingAgreementsTool, getSharingAgreementTool, createSharingAgreementTool, updateSharingAgreementTool, deleteSharingAgreementTool],
};
