#!/usr/bin/env node
/** Standalone MCP entry: `node dist/agents/mcp-main.js [--sandbox] [--read-only]` (same as `zendesk-blocks mcp`). */
import { Command } from 'commander';
import { configureMcpCommand } from '../cli/mcp-command';

configureMcpCommand(new Command('zendesk-blocks-mcp'))
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`zendesk-blocks-mcp: ${(error as Error).message}\n`);
    process.exit(1);
  });
