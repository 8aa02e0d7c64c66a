/** `npm run demo` end to end, smaller: cli/demo.ts as a child process with stdout piped. */
import { runScript } from './run-cli';

it('runs the demo session to completion and exits 0 when stdout is not a terminal', async () => {
  const { code, stdout, stderr } = await runScript('cli/demo.ts', ['--tickets', '4000', '--rate-limit', '0', '--quiet'], { timeoutMs: 40_000 });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  for (const part of ['Who am I?', 'Create a ticket', 'Bulk triage, dry run first', 'The same triage again', 'verified: no ticket got a second comment', 'Session summary']) {
    expect(stdout).toContain(part);
  }
  expect(stdout).not.toMatch(/\u001b\[/); // no terminal escapes in a pipe
}, 45_000);
