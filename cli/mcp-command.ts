/** `zendesk-blocks mcp`: serves every Zendesk operation to AI agents over MCP on stdio. */
import type { Command } from 'commander';
import { MCP_ENV_HELP, McpStartupError, runMcpStdio } from '../agents/mcp-stdio';
import { ALL_TOOLSETS, DEFAULT_TOOLSETS, toolsetNames } from '../agents/toolsets';

const HELP = `
The protocol runs on stdin/stdout; log lines go to stderr.

${MCP_ENV_HELP}

Examples:
  ZENDESK_SUBDOMAIN=acme ZENDESK_EMAIL=agent@acme.com ZENDESK_API_TOKEN=... zendesk-blocks mcp
  ZENDESK_SUBDOMAIN=acme ZENDESK_ACCESS_TOKEN=... zendesk-blocks mcp --read-only
  zendesk-blocks mcp --sandbox          # no account needed: an embedded, seeded Zendesk sandbox
  zendesk-blocks mcp --toolsets tickets,users,search

MCP client configuration (Claude Desktop style), from a clone where \`npm ci\` has built dist/:
  {"mcpServers": {"zendesk": {"command": "node", "args": ["/path/to/zendesk-blocks/dist/cli/index.js", "mcp"],
    "env": {"ZENDESK_SUBDOMAIN": "acme", "ZENDESK_EMAIL": "agent@acme.com", "ZENDESK_API_TOKEN": "..."}}}}
  or, after \`npm install -g .\` in the clone: "command": "zendesk-blocks", "args": ["mcp"]. See docs/agents.md.

Exit codes: 2 when the credentials or toolsets are missing or malformed, 1 on any other startup failure.`;

interface McpCommandOptions {
  sandbox?: boolean;
  readOnly?: boolean;
  toolsets?: string;
}

/** Adds the MCP options, help and action to a command (the `mcp` subcommand, or a standalone entry). */
export function configureMcpCommand(command: Command): Command {
  return command
    .description('Serve the Zendesk operations as MCP tools to AI agents (stdio)')
    .option('--sandbox', 'start the embedded Zendesk sandbox in this process and serve against it (no credentials needed)')
    .option('--read-only', 'offer only the read-only tools (lists, fetches, search)')
    .option(
      '--toolsets <list>',
      `comma-separated toolsets to offer: ${toolsetNames().join(', ')} or ${ALL_TOOLSETS} (default ${DEFAULT_TOOLSETS.join(',')}, or ZENDESK_MCP_TOOLSETS)`,
    )
    .addHelpText('after', HELP)
    .action(async (options: McpCommandOptions) => {
      try {
        await runMcpStdio({ sandbox: Boolean(options.sandbox), readOnly: Boolean(options.readOnly), toolsets: options.toolsets });
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

/** Registers `mcp [--sandbox] [--read-only] [--toolsets <list>]` on the CLI program. */
export function registerMcpCommand(program: Command): Command {
  return configureMcpCommand(program.command('mcp'));
}
