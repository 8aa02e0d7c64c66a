/**
 * The exposed surface is append-only: operation ids, the block field each param fills, and the LLM
 * input schemas recorded in baseline.json never disappear or change meaning. Adding an operation
 * only adds, even one whose params carry names other operations already use.
 */
import fs from 'node:fs';
import { allTools } from '../../catalog';
import { buildZendeskBlock } from '../../blocks';
import { BASELINE_FILE, extendSurface, type Surface, surfaceBreaks, surfaceOf } from '../../scripts/surface-source';
import { CREATES, defineTool } from '../../tools/define';
import { out } from '../../tools/outputs';
import { param } from '../../tools/params';
import type { AnyToolDefinition, ParamDefinition } from '../../contract';

const baseline: Surface = JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8'));
const current = surfaceOf(allTools);

/** Param → block field id, per operation, as the block built from `tools` has it. */
function blockFieldIds(tools: readonly AnyToolDefinition[]): Record<string, Record<string, string>> {
  const block = buildZendeskBlock(tools);
  const ids: Record<string, Record<string, string>> = {};
  for (const tool of tools) {
    ids[tool.id] = {};
    for (const field of block.subBlocks) {
      if (!field.param || (field.condition && !field.condition.value.includes(tool.id))) continue;
      ids[tool.id][field.param] = field.id;
    }
  }
  return ids;
}

const recorded = (surface: Surface) =>
  Object.fromEntries(Object.entries(surface.operations).map(([id, op]) => [id, Object.fromEntries(Object.entries(op.fields).map(([p, f]) => [p, f.field]))]));

/** A new user operation whose params reuse names of existing ones: description, details, notes, externalId. */
const sample = defineTool({
  id: 'zendesk_sample_user_note',
  name: 'Sample user note',
  resource: 'users',
  description: 'A sample operation, added to check that it changes no existing block field.',
  params: {
    userId: param.numericId('Id of the user.', { required: true }),
    description: param.text('A description of the note.', { required: true, multiline: true }),
    details: param.text('Details about the user.', { multiline: true }),
    notes: param.text('Notes about the user.', { multiline: true }),
    externalId: param.text('Id of the user in another system.'),
  },
  request: (p) => ({ method: 'PUT', path: ['users', p.userId], body: { user: { notes: p.notes } } }),
  outputs: { user_id: out.number('Id of the user') },
  output: (_response, p) => ({ user_id: p.userId }),
  result: { kind: 'single' },
  hints: CREATES,
});

describe('the exposed surface', () => {
  it('breaks no promise of the committed baseline', () => {
    expect(surfaceBreaks(baseline, current)).toEqual([]);
  });

  it('is recorded in the baseline (run `npm run surface` after adding operations or params)', () => {
    expect(extendSurface(baseline, current)).toEqual({ operations: Object.fromEntries(Object.entries(baseline.operations).map(([id, op]) => [id, { ...op, llmInput: current.operations[id].llmInput }])) });
    expect(Object.keys(baseline.operations).sort()).toEqual(allTools.map((t) => t.id).sort());
  });

  it('is what the block shows: each param fills the field the baseline records', () => {
    expect(blockFieldIds(allTools)).toEqual(recorded(baseline));
  });

  it('stays as it was when an operation with description, details, notes and externalId params is added', () => {
    const before = blockFieldIds(allTools);
    const after = blockFieldIds([...allTools, sample]);
    for (const tool of allTools) expect({ id: tool.id, fields: after[tool.id] }).toEqual({ id: tool.id, fields: before[tool.id] });
    expect(surfaceBreaks(baseline, surfaceOf([...allTools, sample]))).toEqual([]);
    // Where the new params mean the same as the existing fields, they share them, so values carry over.
    expect(after[sample.id]).toMatchObject({ description: 'description', details: 'details', notes: 'notes', externalId: 'externalId' });
  });

  it('refuses, rather than renames, a new param that one existing field cannot show', () => {
    const withDetails = (id: string, details: ParamDefinition): AnyToolDefinition =>
      defineTool({ ...(sample as AnyToolDefinition), id, params: { details }, request: () => ({ method: 'GET', path: ['x'] }), output: () => ({}) });
    const clash = withDetails('zendesk_sample_clash', param.jsonObject('Details as JSON.'));
    expect(() => buildZendeskBlock([...allTools, clash])).toThrow(/"details".*never rename an existing one/);
    const declared = withDetails('zendesk_sample_declared', param.jsonObject('Details as JSON.', { field: 'sampleDetails' }));
    expect(blockFieldIds([...allTools, declared])[declared.id]).toMatchObject({ details: 'sampleDetails' });
  });

  describe('the check itself', () => {
    const mutate = (change: (s: Surface) => void): string[] => {
      const copy: Surface = JSON.parse(JSON.stringify(current));
      change(copy);
      return surfaceBreaks(baseline, copy);
    };

    it('catches a removed operation, a moved field, a changed format and lost allowed values', () => {
      expect(mutate((s) => delete s.operations.zendesk_get_ticket)).toEqual(['operation zendesk_get_ticket disappeared']);
      expect(mutate((s) => (s.operations.zendesk_create_ticket.fields.description.field = 'ticketDescription'))).toEqual([
        'zendesk_create_ticket: the param "description" moved from block field "description" to "ticketDescription"',
      ]);
      expect(mutate((s) => (s.operations.zendesk_get_ticket.fields.ticketId.format = 'text'))).toHaveLength(1);
      expect(mutate((s) => (s.operations.zendesk_get_tickets.fields.status.enum = ['open']))).toHaveLength(1);
      expect(mutate((s) => (s.operations.zendesk_get_tickets.fields.status.enum = [...s.operations.zendesk_get_tickets.fields.status.enum!, 'archived']))).toEqual([]);
    });

    it('catches LLM input changes of meaning, and lets words and new optional inputs through', () => {
      const schema = (s: Surface) => s.operations.zendesk_get_tickets.llmInput;
      expect(mutate((s) => (schema(s).properties.perPage.maximum = 50))).toEqual(['zendesk_get_tickets: the LLM input "perPage" changed meaning']);
      expect(mutate((s) => delete schema(s).properties.sort)).toEqual(['zendesk_get_tickets: the LLM input "sort" disappeared']);
      expect(mutate((s) => (schema(s).required = ['status']))).toEqual(['zendesk_get_tickets: "status" became required for models (old calls would fail)']);
      expect(mutate((s) => (schema(s).properties.perPage.description = 'Other words.'))).toEqual([]);
      expect(mutate((s) => (schema(s).properties.brandId = { type: 'integer' }))).toEqual([]);
    });
  });
});
