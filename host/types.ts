/**
 * The pack's own structural description of what a Sim-style host (Sim, AACFlow) reads from a block
 * and from a tool: only the members the adapter fills, written from the host's published shapes
 * (`BlockConfig` and `SubBlockConfig` in apps/sim/blocks/types.ts, `ToolConfig` and `ToolResponse` in
 * apps/sim/tools/types.ts). The adapter's output assigns to these under `strict`
 * (tests/host/host-types.test.ts), and so to the host's own types, which have the same members and more.
 *
 * Enum-typed members of the host (its integration category and auth mode) are left out on purpose: a
 * string literal does not assign to a TypeScript string enum, and both are optional.
 */

// ---------- the block ----------

/**
 * What the host hands a block's icon: a class name and SVG attributes (React's
 * `SVGProps<SVGSVGElement>`), passed on to the <svg>. No index signature, so the host's interface of
 * props assigns to it.
 */
export interface HostIconProps {
  className?: string;
  style?: object;
  width?: number | string;
  height?: number | string;
  color?: string;
}

/** A component: props in, an element of the host's UI framework out. */
export type HostBlockIcon<E> = (props: HostIconProps) => E;

/**
 * The host's element factory, in the shape of React's `createElement` (Preact's `h` and others have
 * it too): a tag, its attributes, its children. The adapter draws its icon with it, so the pack ships
 * no UI framework of its own.
 */
export type HostCreateElement<E> = (type: string, props: Record<string, unknown> | null, ...children: E[]) => E;

/** The kinds of form field the block uses, among the many the host knows. */
export type HostSubBlockType = 'short-input' | 'long-input' | 'dropdown' | 'code' | 'switch';

/** Shown (or required) when the field `field` holds one of `value`. */
export interface HostFieldCondition {
  field: string;
  value: string | number | boolean | Array<string | number | boolean>;
  not?: boolean;
}

export interface HostDropdownOption {
  label: string;
  id: string;
  group?: string;
}

export interface HostSubBlockConfig {
  id: string;
  title?: string;
  type: HostSubBlockType;
  description?: string;
  placeholder?: string;
  /** `basic` or `advanced`: the half of the form the field shows in; absent, both. */
  mode?: 'basic' | 'advanced' | 'both';
  options?: HostDropdownOption[];
  /** Masked in the editor. */
  password?: boolean;
  language?: 'json';
  condition?: HostFieldCondition;
  required?: boolean | HostFieldCondition;
  /** The value a new block starts with. */
  defaultValue?: string | number | boolean;
}

/** How the host reads a block input: the kind of value (JSON inputs are parsed before the tool runs). */
export interface HostBlockInput {
  type: 'string' | 'number' | 'boolean' | 'json' | 'array';
  description?: string;
}

export type HostValueType = 'string' | 'number' | 'boolean' | 'json' | 'array' | 'any';

export interface HostBlockOutput {
  type: HostValueType;
  description?: string;
  /** Present only when the condition holds (the operations that give it). */
  condition?: HostFieldCondition;
}

export interface HostBlockTools {
  /** Every tool id the block may run; each must be in the host's tool registry. */
  access: string[];
  config?: {
    /** The tool id to run for the block's values. */
    tool: (params: Record<string, any>) => string;
    /** The tool's params from the block's values; the host merges them over the values. */
    params?: (params: Record<string, any>) => Record<string, any>;
  };
}

/** `E`: the element type of the host's UI framework (React's `JSX.Element` in Sim). */
export interface HostBlockConfig<E = unknown> {
  type: string;
  name: string;
  description: string;
  longDescription?: string;
  docsLink?: string;
  category: 'blocks' | 'tools' | 'triggers';
  bgColor: string;
  icon: HostBlockIcon<E>;
  subBlocks: HostSubBlockConfig[];
  tools: HostBlockTools;
  inputs: Record<string, HostBlockInput>;
  outputs: Record<string, HostValueType | HostBlockOutput>;
}

// ---------- the tools ----------

export type HostHttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';

/** Who fills a param: the user on the form, a model, either, or nobody in clear (secrets). */
export type HostParamVisibility = 'user-or-llm' | 'user-only' | 'llm-only' | 'hidden';

/** The JSON Schema of a list param's items, as a model is told. */
export interface HostParamItems {
  readonly type?: string;
  readonly description?: string;
}

export interface HostToolParam {
  /** A JSON Schema type word (`json` stands for an object); the host builds a model's schema from it. */
  type: string;
  required?: boolean;
  visibility?: HostParamVisibility;
  default?: unknown;
  description?: string;
  items?: HostParamItems;
}

export type HostOutputType = 'string' | 'number' | 'boolean' | 'json' | 'array' | 'object';

export interface HostOutputProperty {
  type: HostOutputType;
  description?: string;
  optional?: boolean;
  properties?: Record<string, HostOutputProperty>;
  items?: {
    type: HostOutputType;
    description?: string;
    properties?: Record<string, HostOutputProperty>;
  };
}

/** What a tool call comes back with. On failure `error` is the message and `output` what is known. */
export interface HostToolResponse {
  success: boolean;
  output: Record<string, any>;
  error?: string;
  /** Things the caller should know about a success (a list cut at its item cap). */
  warnings?: string[];
}

/** The few members of a fetch Response a transformResponse would read. */
export interface HostHttpResponse {
  ok: boolean;
  status: number;
  json(): Promise<any>;
  text(): Promise<string>;
}

/** `P`: the params the host passes (the block's values merged with the mapped params). */
export interface HostToolConfig<P = Record<string, any>> {
  id: string;
  name: string;
  description: string;
  version: string;
  params: Record<string, HostToolParam>;
  outputs?: Record<string, HostOutputProperty>;
  /** How the host would send the request itself; a tool with `directExecution` is run through that instead. */
  request: {
    url: string | ((params: P) => string);
    method: HostHttpMethod | ((params: P) => HostHttpMethod);
    headers: (params: P) => Record<string, string>;
    body?: (params: P) => Record<string, any> | string | undefined;
  };
  transformResponse?: (response: HostHttpResponse, params?: P) => Promise<HostToolResponse>;
  /** Runs the tool in-process; the host calls it with the params and its abort signal instead of sending `request`. */
  directExecution?: (params: P, signal?: AbortSignal) => Promise<HostToolResponse>;
}
