/** The `zendesk-blocks` command line: every command, with commander set to exit 2 on bad usage. */
import { Command } from 'commander';
import { registerCatalogCommands } from './catalog-commands';
import { registerMcpCommand } from './mcp-command';
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
    .description('The Zendesk Support API as declarative operations: run them, triage tickets in bulk, serve them to AI agents, or try them on an embedded sandbox.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Credentials: --subdomain, --email + --api-token, or --access-token on each command, or the environment:
  ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN, ZENDESK_ACCESS_TOKEN, ZENDESK_BASE_URL.
  --sandbox runs a command against an embedded sandbox with seeded data instead.

Examples:
  zendesk-blocks list
  zendesk-blocks describe update_ticket
  zendesk-blocks run get_ticket --ticket-id 123
  zendesk-blocks run get_tickets --sandbox --status open
  zendesk-blocks triage --query 'status<solved tags:billing' --set priority=high --add-tags triaged --dry-run
  npm run demo`,
    );
  registerCatalogCommands(program);
  registerRunCommand(program);
  registerTriageCommand(program);
  registerSandboxCommand(program);
  registerMcpCommand(program);
  overrideExits(program);
  return program;
}
