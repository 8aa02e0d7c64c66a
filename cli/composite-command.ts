/**
 * What the commands of the composite operations (triage, offboard) share: the run against the target
 * with progress, their errors said the CLI's way (bad input exits 2 naming flags; a failure exits 1),
 * and the report: written to --report, printed as JSON or a summary, and the exit code it earns.
 */
import type { Command } from 'commander';
import type { ToolError } from '../contract';
import type { ConnectionOptions } from '../lib/connection';
import { UsageError } from './errors';
import { withFlagNames } from './operations';
import { type JsonStyle, printError, printJson, printLine } from './output';
import { createProgress, type ProgressReporter } from './progress';
import { done } from './state';
import { missingCredentials, openTarget, type TargetFlags, withCredentials } from './target';

export interface CompositeFlags extends TargetFlags, JsonStyle {
  report?: string;
  json?: boolean;
  progress: boolean;
}

/** Where a composite runs: the account's credentials and the connection options of the target. */
export type CompositeTarget = { subdomain: string; email?: string; apiToken?: string; accessToken?: string; connection: ConnectionOptions };

export interface CompositeCommand<R> {
  /** Runs the composite; throws its own error class for bad input or a failure before any change. */
  run(target: CompositeTarget, progress: ProgressReporter): Promise<R>;
  /** The composite's error class: `error` is the ToolError it carries. */
  failure: abstract new (...args: never[]) => { error: ToolError; message: string };
  /** Param names → the flags that set them, for the errors. */
  flags: Record<string, string>;
  /** Writes the report file (.csv or .json); says which kind it wrote. */
  writeReport(file: string, report: R): string;
  /** What the report file holds, in words: "1,500 ticket(s)". */
  contents(report: R): string;
  summary(report: R): string;
  /** Whether the run did everything it should (exit 0), or not (exit 1). */
  succeeded(report: R): boolean;
}

/** A --report value that is not a .csv or .json file: bad usage, before anything runs. */
export function checkReportFile(file: string | undefined): void {
  if (file && !/\.(csv|json)$/i.test(file)) throw new UsageError(`--report must end in .csv or .json; got "${file}".`);
}

export async function runCompositeCommand<R>(flags: CompositeFlags, command: Command, composite: CompositeCommand<R>): Promise<void> {
  checkReportFile(flags.report);
  const target = await openTarget(flags, command);
  const progress = createProgress({ quiet: !flags.progress });
  let report: R;
  try {
    const credentials = withCredentials({}, target);
    const missing = missingCredentials(credentials, target);
    if (missing) throw new UsageError(missing);
    report = await composite.run({ ...(credentials as { subdomain: string }), connection: target.options }, progress);
  } catch (error) {
    progress.stop();
    if (error instanceof composite.failure) {
      if (error.error.code === 'invalid_input') throw new UsageError(withFlagNames(error.message, Object.keys(composite.flags), composite.flags));
      printError(`error: ${error.message}`);
      return done(1);
    }
    throw error;
  } finally {
    progress.stop();
    await target.close();
  }
  if (flags.report) {
    const kind = composite.writeReport(flags.report, report);
    printError(`report: ${composite.contents(report)} written to ${flags.report} (${kind})`);
  }
  if (flags.json) printJson(report, flags);
  else printLine(composite.summary(report));
  done(composite.succeeded(report) ? 0 : 1);
}
