/**
 * The shape of a drag-and-drop block, AACFlow style: a form (sub-blocks) whose fields show and hide
 * with the chosen operation, the tools it can run, and its typed inputs and outputs.
 */

/** A field of the block's form. */
export type SubBlockType = 'dropdown' | 'short-input' | 'long-input' | 'code' | 'switch';

/** Shown (or required) only when the operation dropdown holds one of these tool ids. */
export interface OperationCondition {
  field: 'operation';
  value: string[];
}

export interface DropdownOption {
  label: string;
  id: string;
  /** The operation dropdown groups its options by resource: Tickets, Users... */
  group?: string;
}

export interface SubBlockConfig {
  id: string;
  title: string;
  type: SubBlockType;
  /** A tooltip: what the field is for. */
  description: string;
  placeholder?: string;
  /** Dropdowns: exactly the allowed values. */
  options?: DropdownOption[];
  /** Secrets: masked and never shown in clear. */
  password?: boolean;
  /** `advanced` fields appear in the block's advanced mode only. */
  mode?: 'basic' | 'advanced';
  /** Code fields: the language of the editor. */
  language?: 'json';
  /** Absent: shown for every operation. */
  condition?: OperationCondition;
  /** `true`: required wherever shown; a condition: required for those operations only. */
  required?: boolean | OperationCondition;
  /** The value a new block starts with. */
  defaultValue?: string | boolean;
  /**
   * The tool param this field fills. Absent on the fields that are not tool params (`operation`,
   * `waitForCompletion`). Differs from `id` where one param name means different things in
   * different operations and each meaning got its own field.
   */
  param?: string;
}

export type BlockInputType = 'string' | 'boolean' | 'json';

export interface BlockInput {
  type: BlockInputType;
  description: string;
}

export type BlockOutputType = 'string' | 'number' | 'boolean' | 'array' | 'json' | 'any';

export interface BlockOutput {
  /** `any` when the operations giving this output disagree on its type (the description says which gives what). */
  type: BlockOutputType;
  description: string;
  /** Absent: every operation gives this output. */
  condition?: OperationCondition;
}

/** The values of the block's form, keyed by field id, as the host hands them over. */
export type BlockValues = Record<string, unknown>;

export interface BlockToolsConfig {
  /** Every tool id the block can run. */
  access: string[];
  config: {
    /** The tool id the chosen operation runs; throws on an unknown operation. */
    tool: (values: BlockValues) => string;
    /** The block's values mapped to exactly that tool's params; empty values are left out. */
    params: (values: BlockValues) => Record<string, unknown>;
  };
}

export interface BlockConfig {
  type: string;
  name: string;
  description: string;
  longDescription: string;
  category: 'tools';
  bgColor: string;
  /** An inline SVG. */
  icon: string;
  subBlocks: SubBlockConfig[];
  tools: BlockToolsConfig;
  inputs: Record<string, BlockInput>;
  outputs: Record<string, BlockOutput>;
}
