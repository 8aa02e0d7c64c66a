#!/usr/bin/env node
/** Entry point of the `zendesk-blocks` command. Exit codes: 0 success, 1 operation failed, 2 bad usage. */
import { CommanderError } from 'commander';
import { EXIT, listenProblem, UsageError } from './errors';
import { printError } from './output';
import { createProgram } from './program';
import { isDone } from './state';

/** Exits once stdout and stderr have flushed (a piped stdout is asynchronous on some platforms). */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

/**
 * A reader that went away (`zendesk-blocks list | head -1`) ends the command quietly, with the exit
 * code it has so far (0 unless it already failed): no EPIPE stack trace. Nothing can be said on a
 * closed stderr either.
 */
function endQuietlyOnClosedPipes(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

export async function main(argv: string[] = process.argv): Promise<void> {
  endQuietlyOnClosedPipes();
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (caught) {
    // A port in use (or any listen failure) is bad usage with the flag to change, not a stack trace.
    const error = listenProblem(caught) ?? caught;
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
