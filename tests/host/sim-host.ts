/**
 * The host's call path, as Sim runs a block and a tool (read from simstudioai/sim: the serializer's
 * extractBlockParams, the generic block handler, executeTool and the agent's block tools), reduced to
 * what reaches a tool: only the values of fields shown for the chosen operation are serialized; the
 * block's `tools.config.params` is merged over them; JSON inputs are parsed; required params a model
 * may fill are checked; then the tool's `directExecution` runs (the host sends nothing itself when a
 * tool has one).
 */
import type { HostBlockConfig, HostFieldCondition, HostToolConfig, HostToolResponse } from '../../host';

const conditionHolds = (condition: HostFieldCondition | undefined, values: Record<string, unknown>) => {
  if (!condition) return true;
  const actual = values[condition.field];
  const matches = Array.isArray(condition.value) ? actual != null && condition.value.includes(actual as never) : actual === condition.value;
  return condition.not ? !matches : matches;
};

/** The block's saved values as the serializer passes them on: fields shown for the values' operation only. */
export function serialize(block: HostBlockConfig<unknown>, saved: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of block.subBlocks) {
    if (field.id in saved && conditionHolds(field.condition, saved)) params[field.id] = saved[field.id];
  }
  return params;
}

/** What the generic block handler hands the tool, and the tool id the block chose. */
export function blockToolCall(block: HostBlockConfig<unknown>, saved: Record<string, unknown>): { toolId: string; params: Record<string, unknown> } {
  const inputs = serialize(block, saved);
  const toolId = block.tools.config!.tool(inputs);
  const finalInputs: Record<string, unknown> = { ...inputs, ...block.tools.config!.params!(inputs) };
  for (const [key, input] of Object.entries(block.inputs)) {
    const value = finalInputs[key];
    if ((input.type === 'json' || input.type === 'array') && typeof value === 'string' && value.trim()) {
      try {
        finalInputs[key] = JSON.parse(value.trim());
      } catch {
        // The host keeps the text when it is not JSON.
      }
    }
  }
  return { toolId, params: { ...finalInputs, _context: { workflowId: 'workflow-1', executionId: 'execution-1' } } };
}

/** The host's executeTool for a tool with directExecution: the required-param check, then the call. */
export async function executeLikeHost(tools: Record<string, HostToolConfig>, toolId: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<HostToolResponse> {
  const tool = tools[toolId];
  if (!tool) throw new Error(`Tool not found: ${toolId}`);
  for (const [name, param] of Object.entries(tool.params)) {
    const value = params[name];
    if (param.visibility === 'user-or-llm' && param.required && (value === undefined || value === null || value === '')) {
      throw new Error(`${name} is required for ${tool.name}`);
    }
  }
  if (!tool.directExecution) throw new Error(`${toolId} has no directExecution`);
  return tool.directExecution(params, signal);
}

/** A block run end to end: serialize, map, call. */
export async function runBlockLikeHost(block: HostBlockConfig<unknown>, tools: Record<string, HostToolConfig>, saved: Record<string, unknown>, signal?: AbortSignal) {
  const { toolId, params } = blockToolCall(block, saved);
  return { toolId, response: await executeLikeHost(tools, toolId, params, signal) };
}
