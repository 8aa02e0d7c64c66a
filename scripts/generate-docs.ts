/** `npm run docs`: writes docs/zendesk.md from the tool definitions (rendered by blocks/docs.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { renderToolDocs } from '../blocks/docs';
import { allTools } from '../catalog';

export { renderToolDocs } from '../blocks/docs';

export const DOCS_FILE = path.resolve(__dirname, '..', 'docs', 'zendesk.md');

if (require.main === module) {
  fs.mkdirSync(path.dirname(DOCS_FILE), { recursive: true });
  fs.writeFileSync(DOCS_FILE, renderToolDocs(allTools));
  console.log(`Wrote ${path.relative(process.cwd(), DOCS_FILE)} (${allTools.length} operations)`);
}
