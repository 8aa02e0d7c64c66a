#!/usr/bin/env node
/** Entry point of the `zendesk-blocks` command. Exit codes: 0 success, 1 operation failed, 2 bad usage. */
import { CommanderError } from 'commander';
import { EXIT, UsageError } from './errors';
import { printError } from './output';
import { createProgram } from './program';
import { isDone } from './state';

/** Exits once stdout and stderr have flushed (a piped stdout is asynchronous on some platforms). */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

export async function main(argv: string[] = process.argv): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is bad usage.
      return exitAfterFlush(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
    }
    if (error instanceof UsageError) {
      printError(`error: ${error.message}`);
      if (error.hint) printError(error.hint);
      return exitAfterFlush(EXIT.usage);
    }
    printError(`error: ${(error as Error)?.stack ?? String(error)}`);
    return exitAfterFlush(EXIT.failed);
  }
  // Our commands end here; long-running ones (sandbox, mcp) keep the process alive themselves.
  if (isDone()) exitAfterFlush(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
}

if (require.main === module) void main();
