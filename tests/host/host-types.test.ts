/**
 * The adapter's output assigns to the pack's structural copies of the host's types under `strict`,
 * with the icon typed as React's component of SVG props (what Sim's `BlockIcon` is), compiled the
 * way a host compiles it (the package imported as `zendesk-blocks`). The same check refuses the
 * pack's own block and tool definitions, which do not fit a host: it can fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as pkg from '../../index';
import { compileAsUser } from '../compile-as-user';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const compile = compileAsUser;

const FITS = `
import { createElement, type JSX, type SVGProps } from 'react';
import {
  toHostBlock, toHostTools, toHostIcon, allTools,
  type HostBlockConfig, type HostToolConfig, type HostToolResponse, type HostSubBlockConfig, type HostToolParam, type HostOutputProperty,
} from 'zendesk-blocks';

// What Sim's registries hold: blocks by type, tools by id.
const blocks: Record<string, HostBlockConfig<JSX.Element>> = {
  zendesk: toHostBlock({ createElement }),
  zendesk_read_only: toHostBlock({ createElement, readOnly: true, tools: allTools }),
};
const tools: Record<string, HostToolConfig> = { ...toHostTools(), ...toHostTools({ readOnly: true, baseUrl: 'http://127.0.0.1:4010' }) };

// Sim's BlockIcon: a component of React's SVG props returning a JSX element.
const icon: (props: SVGProps<SVGSVGElement>) => JSX.Element = blocks.zendesk.icon;
const alone: (props: SVGProps<SVGSVGElement>) => JSX.Element = toHostIcon(createElement);

// Members a host reads, typed as it reads them.
const field: HostSubBlockConfig = blocks.zendesk.subBlocks[0];
const toolId: string = blocks.zendesk.tools.config!.tool({ operation: 'zendesk_get_ticket' });
const mapped: Record<string, any> = blocks.zendesk.tools.config!.params!({ operation: 'zendesk_get_ticket', ticketId: '1' });
const param: HostToolParam = tools.zendesk_get_ticket.params.ticketId;
const output: HostOutputProperty | undefined = tools.zendesk_get_ticket.outputs?.ticket;
const version: string = tools.zendesk_get_ticket.version;
const call: Promise<HostToolResponse> | undefined = tools.zendesk_get_ticket.directExecution?.({ ticketId: '1' }, new AbortController().signal);
const url = tools.zendesk_get_ticket.request.url;

export { icon, alone, field, toolId, mapped, param, output, version, call, url };
`;

const DOES_NOT_FIT = `
import type { JSX } from 'react';
import { zendeskBlock, zendeskTools, type HostBlockConfig, type HostToolConfig } from 'zendesk-blocks';

const block: HostBlockConfig<JSX.Element> = zendeskBlock;
const tool: HostToolConfig = zendeskTools.zendesk_get_ticket;
export { block, tool };
`;

describe('the adapter typed against the host\'s shapes', () => {
  let diagnostics: Record<string, string[]>;
  beforeAll(() => {
    diagnostics = compile({ fits: FITS, doesNotFit: DOES_NOT_FIT });
  });

  it('assigns the block, the icon and the tool registry to the host types under strict, with nothing to cast', () => {
    expect(diagnostics.fits).toEqual([]);
  });

  it('refuses the pack\'s own block (an SVG string for an icon) and its own tool definitions (no version, the pack\'s request)', () => {
    const [blockError, toolError] = diagnostics.doesNotFit;
    expect(diagnostics.doesNotFit).toHaveLength(2);
    expect(blockError).toMatch(/^5: .*icon/);
    expect(toolError).toMatch(/^6: .*version/);
  });
});

describe('docs/host.md', () => {
  it('names only functions the package exports', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'host.md'), 'utf8');
    const named = [...new Set([...text.matchAll(/`([a-zA-Z]+)\(/g)].map((m) => m[1]))];
    expect(named).toEqual(expect.arrayContaining(['toHostBlock', 'toHostTools', 'migrateHostWorkflowValues']));
    expect(named.filter((name) => !(name in pkg))).toEqual([]);
  });
});
