/** The `zendesk-blocks` command line: every command, with commander set to exit 2 on bad usage. */
import { Command } from 'commander';
import { registerCatalogCommands } from './catalog-commands';
import { registerConsoleCommand } from './console';
import { registerMcpCommand } from './mcp-command';
import { registerOffboardCommand } from './offboard-command';
import { registerPlaygroundCommand } from './playground-command';
import { registerRunCommand } from './run-command';
import { registerSandboxCommand } from './sandbox-command';
import { registerTriageCommand } from './triage-command';

/** The package version, from package.json beside the sources or beside dist/. */
const VERSION: string = (() => {
  try {
    return require('../package.json').version;
  } catch {
    try {
      return require('../../package.json').version;
    } catch {
      return '0.0.0';
    }
  }
})();

/** Commander throws instead of exiting, everywhere (commands added by addCommand included). */
function overrideExits(command: Command): void {
  command.exitOverride();
  command.showHelpAfterError('(add --help for usage)');
  for (const sub of command.commands) overrideExits(sub);
}

export function createProgram(): Command {
  const program = new Command('zendesk-blocks');
  program
    .description('The Zendesk Support API as declarative operations: run them, triage tickets in bulk, offboard users, serve them to AI agents, or try them on an embedded sandbox.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Credentials: --subdomain, --email + --api-token, or --access-token on each command, or the environment:
  ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN, ZENDESK_ACCESS_TOKEN, ZENDESK_BASE_URL.
  ZENDESK_PACING_REDIS_URL (redis://host:port) shares the account's rate budget with every process using it.
  --sandbox runs a command against an embedded sandbox with seeded data instead.

Examples:
  zendesk-blocks list
  zendesk-blocks describe update_ticket
  zendesk-blocks run get_ticket --ticket-id 123
  zendesk-blocks run get_tickets --sandbox --status open
  zendesk-blocks triage --query 'status<solved tags:billing' --set priority=high --add-tags triaged --dry-run
  zendesk-blocks offboard --user jane@acme.com --reassign-to-group 360001 --dry-run
  zendesk-blocks playground            # a web page to try every operation (npm start)
  zendesk-blocks console --sandbox     # a REPL over every operation
  npm run demo`,
    );
  registerCatalogCommands(program);
  registerRunCommand(program);
  registerTriageCommand(program);
  registerOffboardCommand(program);
  registerSandboxCommand(program);
  registerMcpCommand(program);
  registerPlaygroundCommand(program);
  registerConsoleCommand(program);
  overrideExits(program);
  return program;
}
