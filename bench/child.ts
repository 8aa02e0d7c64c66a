/**
 * Entry point of one benchmark task in a fresh process (started by runChild in bench/common.ts):
 * runs the task, sends `{ok, value}` or `{ok: false, error}` to the parent, and exits.
 */
import { createsTask } from './creates';
import { listingTask, type ListingClient } from './listing';
import { overheadTask } from './overhead';
import { pacingTask } from './pacing';
import { throughputTask } from './throughput';
import { triageTask } from './triage';

const tasks: Record<string, (args: string[]) => Promise<unknown>> = {
  overhead: () => overheadTask(),
  listing: ([client]) => {
    if (client !== 'executor' && client !== 'node-zendesk') throw new Error(`listing: unknown client "${client}"`);
    return listingTask(client as ListingClient);
  },
  triage: () => triageTask(),
  creates: () => createsTask(),
  throughput: () => throughputTask(),
  pacing: ([run]) => {
    if (run !== 'memory' && run !== 'redis' && run !== 'redis-stopped') throw new Error(`pacing: unknown run "${run}"`);
    return pacingTask(run);
  },
};

const [name, ...args] = process.argv.slice(2);
const send = (message: unknown) =>
  new Promise<void>((resolve) => {
    if (!process.send) {
      console.log(JSON.stringify(message, null, 2));
      resolve();
    } else process.send(message, () => resolve());
  });

(async () => {
  const task = tasks[name];
  if (!task) throw new Error(`unknown bench task "${name}"; tasks: ${Object.keys(tasks).join(', ')}`);
  const value = await task(args);
  await send({ ok: true, value });
})().then(
  () => process.exit(0),
  async (error: Error) => {
    await send({ ok: false, error: error.stack ?? String(error) });
    process.exit(1);
  },
);
