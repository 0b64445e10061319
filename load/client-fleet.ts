import { FleetCommand, type FleetMessage, type SlowOutcome } from './ipc';
import { LiveClient } from './live-client';
import { runSlowClient } from './slow-client';
import { watchStalls } from './stall-watch';

/**
 * Child process of the load runner: the dashboards. Decoding every live message of 50 clients costs a good part of a
 * core, so it runs apart from the process that times the API.
 */

const send = (m: FleetMessage) => new Promise<void>((resolve) => (process.send ? process.send(m, undefined, {}, () => resolve()) : resolve()));

let clients: LiveClient[] = [];
let slow: Promise<SlowOutcome> | null = null;
let stop: () => void = () => {};
const stopSignal = new Promise<void>((r) => (stop = r));
const stalls = watchStalls();

process.on('message', (raw: unknown) => {
  const cmd = FleetCommand.safeParse(raw);
  if (!cmd.success) {
    process.stderr.write(`client-fleet: bad command: ${cmd.error.message}\n`);
    process.exit(2);
  }
  const c = cmd.data;
  if (c.type === 'start') {
    clients = Array.from({ length: c.clients }, (_, i) => new LiveClient(c.url, false, i));
    Promise.all(clients.map((x) => x.connected()))
      .then(async () => {
        if (c.slow) {
          slow = runSlowClient(c.url, c.slow.afterMs, c.slow.pauseMs, clients[0], stopSignal);
          slow.catch(() => {});
        }
        await send({ type: 'ready', connected: clients.length });
      })
      .catch((e: unknown) => {
        process.stderr.write(`client-fleet: ${String(e)}\n`);
        process.exit(1);
      });
    return;
  }
  stop();
  const figures = clients.map((x) => x.report(c.from, c.to));
  const maxSeq = Math.max(0, ...clients.map((x) => x.lastSeq ?? 0));
  void (async () => {
    const slowOutcome = slow ? await slow : null;
    for (const x of clients) x.close();
    await send({ type: 'report', clients: figures, slow: slowOutcome, maxSeq, stalls: stalls.between(c.from, c.to) });
    process.exit(0);
  })().catch((e: unknown) => {
    process.stderr.write(`client-fleet: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
});
