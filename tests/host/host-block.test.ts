/**
 * The block for the host: the pack's block, field for field (ids, conditions, required flags, tool
 * mapping, inputs, outputs), with the icon as a component of the host's UI framework and the wait
 * switch passed on to the tools.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { allTools } from '../../catalog';
import { ZENDESK_ICON_SVG, createZendeskBlockManifest, zendeskBlock } from '../../blocks';
import { toHostBlock, toHostIcon, toHostTools } from '../../host';

const block = toHostBlock({ createElement });
/** React writes `<path ...></path>`; the inline SVG closes its paths itself. */
const selfClosed = (markup: string) => markup.replace(/><\/path>/g, '/>');

describe('the block for the host', () => {
  it('is the pack\'s block: same type, texts, colour, tools, inputs and outputs', () => {
    const { icon: _icon, subBlocks: _fields, tools: _tools, ...rest } = zendeskBlock;
    expect(block).toMatchObject(rest);
    expect(block.tools.access).toEqual(zendeskBlock.tools.access);
    expect(block.inputs).toEqual(zendeskBlock.inputs);
    expect(block.outputs).toEqual(zendeskBlock.outputs);
  });

  it('has every field of the pack\'s block with its id, type, condition, required flag, mode and options, without the pack\'s bookkeeping', () => {
    expect(block.subBlocks).toEqual(zendeskBlock.subBlocks.map(({ param: _param, ...field }) => field));
    expect(block.subBlocks.some((field) => 'param' in field)).toBe(false);
  });

  it('draws the pack\'s icon with the host\'s createElement, the host\'s props on the <svg>', () => {
    expect(selfClosed(renderToStaticMarkup(createElement(block.icon)))).toBe(ZENDESK_ICON_SVG);
    const sized = renderToStaticMarkup(block.icon({ className: 'h-5 w-5', width: 20, color: '#fff' }));
    expect(sized).toMatch(/^<svg [^>]*width="20"[^>]*class="h-5 w-5"[^>]*color="#fff"/);
    expect(sized).not.toContain('width="24"');
  });

  it('works with any factory of that shape, so no UI framework comes with the pack', () => {
    const h = (type: string, props: Record<string, unknown> | null, ...children: string[]) =>
      `<${type}${Object.entries(props ?? {}).map(([k, v]) => ` ${k}="${String(v)}"`).join('')}${children.length ? `>${children.join('')}</${type}>` : '/>'}`;
    expect(toHostIcon(h)({})).toBe(ZENDESK_ICON_SVG);
    expect(() => toHostIcon(undefined as never)).toThrow(/createElement/);
  });

  it('maps values to exactly the tool\'s params, as the pack\'s block does', () => {
    const values = { operation: 'zendesk_update_ticket', subdomain: 'acme', ticketId: '5', ticketTags: 'a', userTags: 'b', comment: '', waitForCompletion: false };
    expect(block.tools.config!.tool(values)).toBe('zendesk_update_ticket');
    expect(block.tools.config!.params!(values)).toEqual(zendeskBlock.tools.config.params(values));
    expect(block.tools.config!.params!(values)).toEqual({ subdomain: 'acme', ticketId: '5', tags: 'a' });
    expect(() => block.tools.config!.tool({ operation: 'get_tickets' })).toThrow(/Unknown Zendesk operation "get_tickets"/);
  });

  it('passes the wait switch on for job operations only, when it is set', () => {
    const job = { operation: 'zendesk_update_tickets_bulk', ticketIds: '1, 2', ticketTagsToAdd: 'x' };
    expect(block.tools.config!.params!({ ...job, waitForCompletion: false })).toEqual({ ticketIds: '1, 2', tags: 'x', waitForCompletion: false });
    expect(block.tools.config!.params!({ ...job, waitForCompletion: 'true' })).toMatchObject({ waitForCompletion: 'true' });
    expect(block.tools.config!.params!(job)).not.toHaveProperty('waitForCompletion');
    expect(block.tools.config!.params!({ operation: 'zendesk_get_ticket', ticketId: '1', waitForCompletion: true })).toEqual({ ticketId: '1' });
  });

  it('offers in read-only mode what the read-only tool registry holds, and every tool it can choose is in the registry', () => {
    const readOnly = toHostBlock({ createElement, readOnly: true });
    expect(readOnly.tools.access).toEqual(createZendeskBlockManifest(allTools, undefined, { readOnly: true }).block.tools.access);
    expect([...readOnly.tools.access].sort()).toEqual(Object.keys(toHostTools({ readOnly: true })).sort());
    expect([...block.tools.access].sort()).toEqual(Object.keys(toHostTools()).sort());
    expect(readOnly.subBlocks.some((field) => field.id === 'waitForCompletion')).toBe(false);
  });
});
