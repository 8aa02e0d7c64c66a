/**
 * The pack's block in the host's shape: the same form, conditions, tool mapping, inputs and outputs,
 * with the icon as a component and the wait switch passed on to the tools.
 */
import { allTools } from '../catalog';
import type { AnyToolDefinition } from '../contract';
import { type SubBlockConfig, WAIT_FIELD, createZendeskBlockManifest } from '../blocks';
import { isBlank } from '../lib/param-formats';
import { toHostIcon } from './icon';
import type { HostBlockConfig, HostCreateElement, HostSubBlockConfig } from './types';

export interface HostBlockOptions<E> {
  /** The host's element factory, e.g. React's `createElement`: the icon is drawn with it. */
  createElement: HostCreateElement<E>;
  /** The operations to offer; default every operation of the pack. */
  tools?: readonly AnyToolDefinition[];
  /** Offer only what changes nothing (pass the same to toHostTools, which then refuses any write). */
  readOnly?: boolean;
}

/** A field as the host reads it; `param` is the pack's own bookkeeping and stays behind. */
function hostField({ param: _param, ...field }: SubBlockConfig): HostSubBlockConfig {
  return field;
}

export function toHostBlock<E>(options: HostBlockOptions<E>): HostBlockConfig<E> {
  const { block, tools } = createZendeskBlockManifest(options.tools ?? allTools, undefined, { readOnly: options.readOnly });
  const { tool, params } = block.tools.config;
  return {
    type: block.type,
    name: block.name,
    description: block.description,
    longDescription: block.longDescription,
    category: block.category,
    bgColor: block.bgColor,
    icon: toHostIcon(options.createElement),
    subBlocks: block.subBlocks.map(hostField),
    tools: {
      access: [...block.tools.access],
      config: {
        tool,
        // The pack's mapping gives exactly the tool's params; the wait switch of a job operation goes
        // along, so the tool waits (or not) as the block says.
        params: (values) => {
          const mapped = params(values);
          if (tools[tool(values)].result.kind === 'job' && !isBlank(values[WAIT_FIELD])) mapped[WAIT_FIELD] = values[WAIT_FIELD];
          return mapped;
        },
      },
    },
    inputs: { ...block.inputs },
    outputs: { ...block.outputs },
  };
}
