/**
 * Every TypeScript code block of the README and the guides compiles under `strict`, importing the
 * package as a user would (`from 'zendesk-blocks'`), so a documented snippet can never rot. Names a
 * snippet takes from the reader's own program (an OpenAI or Anthropic client, the model's messages)
 * are declared in one prelude below; everything else must be in the block itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileAsUser } from '../compile-as-user';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const GUIDES = ['README.md', 'sandbox/README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** What snippets may use without defining: the reader's clients and conversation, typed loosely. */
const PRELUDE = `
declare const openai: { chat: { completions: { create(request: unknown): Promise<{ choices: { message: { tool_calls?: { id: string; function: { name: string; arguments: string } }[] } }[] }> } } };
declare const anthropic: { messages: { create(request: unknown): Promise<{ content: ({ type: 'tool_use'; id: string; name: string; input: unknown } | { type: 'text'; text: string })[] }> } };
declare const model: string;
declare const messages: unknown[];
`;

interface Block {
  guide: string;
  line: number;
  code: string;
}

export function typescriptBlocks(text: string, guide: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^```(ts|typescript)\s*$/.exec(lines[i]);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end += 1;
    blocks.push({ guide, line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** Compiles the blocks as separate modules; returns one line per diagnostic (empty when all compile). */
function compile(blocks: Block[]): string[] {
  // Every block is a module of its own, so top-level await works and names do not collide.
  const sources = Object.fromEntries(blocks.map((block, index) => [`snippet-${index}`, `${block.code}\nexport {};\n`]));
  const diagnostics = compileAsUser(sources, PRELUDE);
  return blocks.flatMap((block, index) =>
    diagnostics[`snippet-${index}`].map((line) => {
      const [at, ...message] = line.split(': ');
      return `${block.guide}:${block.line + Number(at) - 1}: ${message.join(': ')}`;
    }),
  );
}

describe('code blocks of the README and the guides', () => {
  const blocks = GUIDES.flatMap((guide) => typescriptBlocks(fs.readFileSync(path.join(ROOT, guide), 'utf8'), guide));

  it('are found (the README shows the library)', () => {
    expect(blocks.some((b) => b.guide === 'README.md')).toBe(true);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it('all compile under strict, importing the package as a user would', () => {
    expect(compile(blocks)).toEqual([]);
  });

  it('would catch a snippet that does not compile', () => {
    const broken = { guide: 'probe.md', line: 1, code: "import { executeTool } from 'zendesk-blocks';\nconst r = await executeTool('zendesk_get_ticket', {});\nif (r.success) r.output.ticket.no_such_field.toFixed();" };
    expect(compile([broken]).join('\n')).toMatch(/probe\.md:3: .*(possibly 'null'|does not exist|unknown)/);
  });
});
