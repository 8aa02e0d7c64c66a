/** What a finished CLI command leaves behind: its exit code, and whether the CLI should exit now. */

let finished = false;

/** Marks the command finished with this exit code; the CLI exits once output is flushed. */
export function done(code: number): void {
  finished = true;
  process.exitCode = code;
}

/** Whether one of the CLI's own commands finished (long-running commands such as `sandbox` never call done). */
export function isDone(): boolean {
  return finished;
}
