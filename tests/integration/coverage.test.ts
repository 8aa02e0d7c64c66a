/** Every documented operation is checked by the integration file of its resource, against the sandbox. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTool } from '../../catalog';
import { specIds } from './harness';

it('every operation of the spec has a resource whose integration file requires a validated success of each of its operations', () => {
  expect(specIds.length).toBeGreaterThan(0);
  for (const id of specIds) {
    const resource = getTool(id)?.resource;
    expect({ id, resource }).toEqual({ id, resource: expect.any(String) });
    const file = readFileSync(join(__dirname, `${resource}.test.ts`), 'utf8');
    expect({ id, checked: file.includes(`expectEveryOperationOf('${resource}')`) }).toEqual({ id, checked: true });
  }
});
