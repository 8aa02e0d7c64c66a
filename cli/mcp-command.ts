/** `zendesk-blocks mcp`: serves every Zendesk operation to AI agents over MCP on stdio. */
import type { Command } from 'commander';
import { MCP_ENV_HELP, McpStartupError, runMcpStdio } from '../agents/mcp-stdio';

const HELP = `
The protocol runs on stdin/stdout; log lines go to stderr.

${MCP_ENV_HELP}

Examples:
  ZENDESK_SUBDOMAIN=acme ZENDESK_EMAIL=agent@acme.com ZENDESK_API_TOKEN=... zendesk-blocks mcp
  ZENDESK_SUBDOMAIN=acme ZENDESK_ACCESS_TOKEN=... zendesk-blocks mcp --read-only
  zendesk-blocks mcp --sandbox          # no account needed: an embedded, seeded Zendesk sandbox

MCP client configuration (Claude Desktop style):
  {"mcpServers": {"zendesk": {"command": "npx", "args": ["zendesk-blocks", "mcp"],
    "env": {"ZENDESK_SUBDOMAIN": "acme", "ZENDESK_EMAIL": "agent@acme.com", "ZENDESK_API_TOKEN": "..."}}}}

Exit codes: 2 when the credentials are missing or malformed, 1 on any other startup failure.`;

interface McpCommandOptions {
  sandbox?: boolean;
  readOnly?: boolean;
}

/** Adds the MCP options, help and action to a command (the `mcp` subcommand, or a standalone entry). */
export function configureMcpCommand(command: Command): Command {
  return command
    .description('Serve the Zendesk operations as MCP tools to AI agents (stdio)')
    .option('--sandbox', 'start the embedded Zendesk sandbox in this process and serve against it (no credentials needed)')
    .option('--read-only', 'offer only the read-only tools (lists, fetches, search)')
    .addHelpText('after', HELP)
    .action(async (options: McpCommandOptions) => {
      try {
        await runMcpStdio({ sandbox: Boolean(options.sandbox), readOnly: Boolean(options.readOnly) });
      } catch (error) {
        if (error instanceof McpStartupError) {
          process.stderr.write(`${error.message}\n`);
          process.exit(error.exitCode);
        }
        process.stderr.write(`zendesk-blocks mcp: ${(error as Error).stack ?? String(error)}\n`);
        process.exit(1);
      }
    });
}

/** Registers `mcp [--sandbox] [--read-only]` on the CLI program. */
export function registerMcpCommand(program: Command): Command {
  return configureMcpCommand(program.command('mcp'));
}
