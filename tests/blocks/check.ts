/**
 * What must hold between the block and one operation, as a list of problems (empty when it holds).
 * block.test.ts runs it for every operation of the registry, and on broken copies of the block to
 * show that each check can fail.
 */
import { fieldRequiredFor, fieldVisibleFor, OPERATION_FIELD, WAIT_FIELD } from '../../blocks/zendesk';
import type { BlockConfig, SubBlockConfig } from '../../blocks/types';
import type { AnyToolDefinition, OutputNode, ParamDefinition } from '../../tools/types';

const OUTPUT_TYPES: Record<OutputNode['type'], string> = { string: 'string', number: 'number', boolean: 'boolean', array: 'array', object: 'json', json: 'json' };

function expectedFieldType(definition: ParamDefinition): SubBlockConfig['type'] {
  if (definition.enum) return 'dropdown';
  if (definition.format === 'json-object' || definition.format === 'json-array') return 'code';
  return definition.multiline ? 'long-input' : 'short-input';
}

export function operationProblems(block: BlockConfig, tool: AnyToolDefinition): string[] {
  const problems: string[] = [];
  const params = tool.params as Record<string, ParamDefinition>;
  const visible = block.subBlocks.filter((field) => fieldVisibleFor(field, tool.id));

  // Every param has exactly one visible field, with the same required flag and the right kind of input.
  for (const [name, definition] of Object.entries(params)) {
    const fields = visible.filter((field) => field.param === name);
    if (fields.length !== 1) {
      problems.push(`param ${name}: ${fields.length} visible fields (${fields.map((f) => f.id).join(', ') || 'none'})`);
      continue;
    }
    const [field] = fields;
    if (fieldRequiredFor(field, tool.id) !== definition.required) {
      problems.push(`param ${name}: field ${field.id} required=${fieldRequiredFor(field, tool.id)}, the tool says ${definition.required}`);
    }
    if (field.type !== expectedFieldType(definition)) problems.push(`param ${name}: field ${field.id} is a ${field.type}, expected ${expectedFieldType(definition)}`);
    if (definition.enum) {
      const ids = (field.options ?? []).map((option) => option.id);
      if (JSON.stringify(ids) !== JSON.stringify(definition.enum)) problems.push(`param ${name}: options ${JSON.stringify(ids)}, allowed values ${JSON.stringify(definition.enum)}`);
    }
    if (field.type === 'code' && field.language !== 'json') problems.push(`param ${name}: code field ${field.id} is not JSON`);
    if ((field.mode === 'advanced') !== Boolean(definition.advanced)) problems.push(`param ${name}: field ${field.id} mode ${field.mode ?? 'basic'}, advanced=${Boolean(definition.advanced)}`);
    if (Boolean(field.password) !== (definition.visibility === 'hidden')) problems.push(`param ${name}: field ${field.id} password=${Boolean(field.password)}, visibility ${definition.visibility}`);
    if (!block.inputs[field.id]) problems.push(`field ${field.id}: no input`);
  }

  // No visible field fills a param the tool does not take; the others are the block's own.
  for (const field of visible) {
    if (field.param !== undefined) {
      if (!Object.prototype.hasOwnProperty.call(params, field.param)) problems.push(`field ${field.id} is shown but ${tool.id} takes no param ${field.param}`);
    } else if (field.id === WAIT_FIELD) {
      if (tool.result.kind !== 'job') problems.push(`field ${WAIT_FIELD} is shown for ${tool.id}, which runs no job`);
    } else if (field.id !== OPERATION_FIELD) {
      problems.push(`field ${field.id} is shown but fills no param`);
    }
  }
  if (tool.result.kind === 'job' && !visible.some((field) => field.id === WAIT_FIELD)) problems.push(`job operation without ${WAIT_FIELD}`);

  // The operation dropdown runs this tool, and a value in every field maps to exactly its params.
  const values: Record<string, unknown> = Object.fromEntries(block.subBlocks.map((field) => [field.id, `value of ${field.id}`]));
  values[OPERATION_FIELD] = tool.id;
  values[WAIT_FIELD] = true;
  if (block.tools.config.tool(values) !== tool.id) problems.push(`tools.config.tool gives ${block.tools.config.tool(values)}`);
  if (!block.tools.access.includes(tool.id)) problems.push('not in tools.access');
  const mapped = block.tools.config.params(values);
  const expected = Object.keys(params).sort();
  if (JSON.stringify(Object.keys(mapped).sort()) !== JSON.stringify(expected)) {
    problems.push(`tools.config.params gives ${JSON.stringify(Object.keys(mapped).sort())}, the tool takes ${JSON.stringify(expected)}`);
  }
  for (const field of visible) {
    if (field.param && mapped[field.param] !== values[field.id]) problems.push(`param ${field.param} got ${JSON.stringify(mapped[field.param])}, not the value of ${field.id}`);
  }
  const blank = Object.fromEntries(block.subBlocks.map((field) => [field.id, field.id === OPERATION_FIELD ? tool.id : ' ']));
  if (Object.keys(block.tools.config.params(blank)).length) problems.push('empty values are passed on');

  // The block's outputs carry the tool's outputs under the same names and types.
  for (const [key, node] of Object.entries(tool.outputs)) {
    const output = block.outputs[key];
    if (!output) {
      problems.push(`output ${key} missing`);
      continue;
    }
    if (output.condition && !output.condition.value.includes(tool.id)) problems.push(`output ${key} not given for ${tool.id}`);
    if (output.type !== OUTPUT_TYPES[node.type] && output.type !== 'any') problems.push(`output ${key}: ${output.type}, the tool says ${node.type}`);
    if (!output.description) problems.push(`output ${key}: no description`);
  }
  for (const [key, output] of Object.entries(block.outputs)) {
    if ((!output.condition || output.condition.value.includes(tool.id)) && !(key in tool.outputs)) problems.push(`output ${key} promised but ${tool.id} gives none`);
  }
  return problems;
}
