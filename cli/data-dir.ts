/** Where the CLI keeps what outlives a command (the playground's history, the console's): the user's data directory. */
import os from 'node:os';
import path from 'node:path';

/** `$XDG_DATA_HOME/zendesk-blocks`, else `~/.local/share/zendesk-blocks` (`%LOCALAPPDATA%\zendesk-blocks` on Windows). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)) return path.join(env.XDG_DATA_HOME, 'zendesk-blocks');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'zendesk-blocks');
  return path.join(os.homedir(), '.local', 'share', 'zendesk-blocks');
}

export const dataFile = (name: string, env?: NodeJS.ProcessEnv): string => path.join(dataDir(env), name);
