/**
 * `zendesk-blocks playground`: the local web playground, on the embedded sandbox unless credentials
 * are set. The credentials are resolved here, as for every command, and stay in this process.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { startPlayground } from '../playground/server';
import { dataFile } from './data-dir';
import { UsageError } from './errors';
import { printError, printLine } from './output';
import { addTargetOptions, CREDENTIAL_FLAGS, missingCredentials, openTarget, type Target, type TargetFlags } from './target';

interface PlaygroundFlags extends TargetFlags {
  port: number;
  host: string;
  db?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError(`must be a port from 0 to 65535; got "${value}".`);
  return n;
}

/** What the page shows as the target, and what each run is kept with. */
export function targetLabel(target: Target): string {
  if (target.sandbox) return 'sandbox';
  if (target.options.baseUrl) {
    try {
      return new URL(target.options.baseUrl).host;
    } catch {
      return 'the base URL';
    }
  }
  return `${target.credentials.subdomain}.zendesk.com`;
}

/** No credential and no base URL at all: the sandbox is meant (a partial set is a mistake to report instead). */
const nothingSet = (flags: TargetFlags) => CREDENTIAL_FLAGS.every((name) => !flags[name]) && !flags.baseUrl;

const HELP = `
Opens a local web page that renders the Zendesk block as a host would: pick an operation, fill its
fields, see the request it makes (with the equivalent curl), run it, and find every run again in the
history (kept in SQLite; each run has a permalink, /runs/<id>).

With no credentials set it runs on the embedded sandbox (as with --sandbox). With ZENDESK_* set (or
the flags), it runs on that account: the credentials stay in this process, the page never receives
them, and every write asks for a confirmation in the page first. It listens on 127.0.0.1 only and
refuses requests from other sites.

Examples:
  zendesk-blocks playground
  zendesk-blocks playground --port 0 --db ./runs.db
  ZENDESK_SUBDOMAIN=acme ZENDESK_ACCESS_TOKEN=... zendesk-blocks playground
  npm start`;

export function registerPlaygroundCommand(program: Command): void {
  const command = program
    .command('playground')
    .description('Try every operation in a local web page: the block\'s form, the docs, the request before it is sent, a history with permalinks')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 4020)
    .option('--host <address>', 'address to listen on; anything but loopback lets others on the network use your credentials', '127.0.0.1')
    .option('--db <file>', `the history's SQLite file (default ${dataFile('playground.db')})`);
  addTargetOptions(command)
    .addHelpText('after', HELP)
    .action(async (flags: PlaygroundFlags, cmd: Command) => {
      const target = await openTarget(nothingSet(flags) ? { ...flags, sandbox: true } : flags, cmd);
      const missing = target.sandbox ? undefined : missingCredentials(target.credentials, target);
      if (missing) {
        await target.close();
        throw new UsageError(missing);
      }
      const db = flags.db ?? dataFile('playground.db');
      let playground;
      try {
        playground = await startPlayground({
          target: { credentials: target.credentials as Record<string, string>, options: target.options, label: targetLabel(target), sandbox: Boolean(target.sandbox) },
          db,
          host: flags.host,
          port: flags.port,
          log: (line) => printError(`[playground] ${line}`),
        });
      } catch (error) {
        await target.close();
        throw error;
      }
      printLine(`Zendesk playground on ${playground.url}`);
      printLine(`  target   ${targetLabel(target)}${target.sandbox ? ' (the embedded sandbox: nothing real is changed)' : ' (a real account: writes ask for a confirmation)'}`);
      printLine(`  history  ${db}`);
      if (!['127.0.0.1', 'localhost', '::1'].includes(flags.host)) printError(`warning: listening on ${flags.host}: anyone who can reach it can run operations with these credentials.`);
      printLine('Press Ctrl+C to stop.');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          Promise.allSettled([playground.close(), target.close()]).then(() => resolve());
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
