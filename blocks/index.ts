/** The drag-and-drop block over the tool registry. */
export {
  buildZendeskBlock,
  createZendeskBlockManifest,
  fieldRequiredFor,
  fieldVisibleFor,
  OPERATION_FIELD,
  WAIT_DEFAULT,
  WAIT_FIELD,
  zendeskBlock,
  zendeskBlockManifest,
} from './zendesk';
export type { ZendeskBlockManifest } from './zendesk';
export { planParamFields, orderTools, fieldTitle, RESOURCES } from './fields';
export type { FieldPlan, ParamUse, SplitReason } from './fields';
export { ZENDESK_ICON_SVG, ZENDESK_BG_COLOR } from './icon';
export type * from './types';
