/** `npm run surface`: records new operations and params in the surface baseline; refuses any change of meaning. */
import fs from 'node:fs';
import { allTools } from '../catalog';
import { BASELINE_FILE, extendSurface, type Surface, surfaceBreaks, surfaceOf } from './surface-source';

const current = surfaceOf(allTools);
const baseline: Surface = fs.existsSync(BASELINE_FILE) ? JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8')) : { operations: {} };
const breaks = surfaceBreaks(baseline, current);
if (breaks.length) {
  console.error(`The exposed surface is append-only; these changes would break saved workflows or agents:\n  - ${breaks.join('\n  - ')}`);
  process.exit(1);
}
const next = extendSurface(baseline, current);
fs.writeFileSync(BASELINE_FILE, `${JSON.stringify(next, null, 2)}\n`);
const added = Object.keys(next.operations).length - Object.keys(baseline.operations).length;
console.log(`${BASELINE_FILE}: ${Object.keys(next.operations).length} operations (${added} added)`);
