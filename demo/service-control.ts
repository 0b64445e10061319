import type { Consumer } from 'kafkajs';
import { startOrchestrator } from './orchestrator';
import { ORDER_WORKERS } from './order-workers';
import { startService, type Runtime } from './service-runtime';
import { TRIP_SERVICES } from './trip-services';

/**
 * Resolves once the service's consumer has joined its group and fetched (see startConsumer). `again`: started after
 * a stop, so partitions its group never committed on are read from their start, and what arrived while it was down
 * is answered (a first start reads from the end, so it never answers an earlier run's records).
 */
export type Starter = (again: boolean) => Promise<Pick<Consumer, 'disconnect'>>;

/** Every service of the chosen saga types, by name: the orchestrator, the order workers, the trip services. */
export function serviceStarters(rt: Runtime): Map<string, Starter> {
  const starters = new Map<string, Starter>();
  if (rt.opts.sagaTypes.includes('order-fulfilment')) {
    starters.set('order-orchestrator', () => startOrchestrator(rt));
    for (const w of ORDER_WORKERS) starters.set(w.name, (again) => startService(w, rt, again));
  }
  if (rt.opts.sagaTypes.includes('trip-booking')) for (const s of TRIP_SERVICES) starters.set(s.name, (again) => startService(s, rt, again));
  return starters;
}

/**
 * The running services' consumers, by name. Stopping one disconnects its consumer, so its group has 0 members and
 * its records wait on the topic, as when that service is down; starting it again joins the same group, which resumes
 * from its committed offsets. Replies a stopped worker had already scheduled are still sent. The orchestrator keeps
 * its orders in memory and reads from the end: started again, it ignores replies of orders it began before.
 */
export class ServiceControl {
  private readonly running = new Map<string, Pick<Consumer, 'disconnect'>>();
  /** Operations on one service run one after another, so two starts never make two consumers. */
  private readonly queue = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly starters: ReadonlyMap<string, Starter>) {}

  names(): string[] {
    return [...this.starters.keys()];
  }

  /** Starts every service at once; resolves with the first failure, or null. The ones that started keep running. */
  async startAll(): Promise<{ error: unknown } | null> {
    const names = this.names();
    const settled = await Promise.allSettled(names.map((n) => this.starters.get(n)!(false)));
    settled.forEach((s, i) => s.status === 'fulfilled' && this.running.set(names[i], s.value));
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    return failed ? { error: failed.reason } : null;
  }

  /** Disconnects the service's consumer; a stopped service stays stopped. Unknown names are refused. */
  stop(name: string): Promise<void> {
    return this.serially(name, async () => {
      const c = this.running.get(name);
      if (!c) return;
      this.running.delete(name);
      await c.disconnect();
    });
  }

  /** Starts the service again and resolves once it has joined its group; a running one is left alone. */
  start(name: string): Promise<void> {
    return this.serially(name, async () => {
      if (this.closed || this.running.has(name)) return;
      const c = await this.starters.get(name)!(true);
      if (this.closed) await c.disconnect();
      else this.running.set(name, c);
    });
  }

  /** Disconnects every running service; starts after this do nothing. */
  async stopAll(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.queue.values()]);
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.allSettled(all.map((c) => c.disconnect()));
  }

  private serially(name: string, work: () => Promise<void>): Promise<void> {
    if (!this.starters.has(name)) return Promise.reject(new Error(`no demo service "${name}"; the services are ${this.names().join(', ')}`));
    const next = (this.queue.get(name) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => {});
    this.queue.set(name, settled);
    void settled.then(() => this.queue.get(name) === settled && this.queue.delete(name));
    return next;
  }
}
