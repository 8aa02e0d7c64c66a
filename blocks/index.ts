/** The drag-and-drop block over the tool registry. */
export {
  buildZendeskBlock,
  createZendeskBlockManifest,
  fieldRequiredFor,
  fieldVisibleFor,
  OPERATION_FIELD,
  WAIT_DEFAULT,
  WAIT_FIELD,
  waitForJobFrom,
  zendeskBlock,
  zendeskBlockManifest,
} from './zendesk';
export type { BlockManifestOptions, ZendeskBlockManifest } from './zendesk';
export { planParamFields, orderTools, fieldTitle, fieldIdOf } from './fields';
export type { FieldPlan, ParamUse } from './fields';
export { ZENDESK_ICON, ZENDESK_ICON_SVG, ZENDESK_BG_COLOR } from './icon';
export { operationDoc, renderToolDocs } from './docs';
export type { OperationDoc, OutputRow } from './docs';
export type * from './types';
