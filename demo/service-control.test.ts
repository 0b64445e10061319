import { describe, expect, it } from 'vitest';
import { ServiceControl, type Starter } from './service-control';

/** Stand-in consumers that record what happened to them; starting one takes a macrotask, as joining a group does. */
function fakeServices(names: string[], failing: string[] = []) {
  const log: string[] = [];
  const starters = new Map<string, Starter>(
    names.map((n) => [
      n,
      async (again: boolean) => {
        await new Promise((r) => setTimeout(r, 1));
        if (failing.includes(n)) throw new Error(`${n} did not get ready`);
        log.push(`start ${n}${again ? ' again' : ''}`);
        return { disconnect: async () => void log.push(`stop ${n}`) };
      },
    ]),
  );
  return { control: new ServiceControl(starters), log };
}

describe('ServiceControl', () => {
  it('starts every service, stops one and starts it again', async () => {
    const { control, log } = fakeServices(['order-orchestrator', 'shipping-service']);
    expect(await control.startAll()).toBeNull();
    await control.stop('shipping-service');
    await control.stop('shipping-service');
    await control.start('shipping-service');
    await control.start('shipping-service');
    expect(log).toEqual(['start order-orchestrator', 'start shipping-service', 'stop shipping-service', 'start shipping-service again']);
  });

  it('refuses an unknown name, listing the known ones', async () => {
    const { control } = fakeServices(['payment-service', 'shipping-service']);
    await control.startAll();
    await expect(control.stop('shiping-service')).rejects.toThrow('no demo service "shiping-service"; the services are payment-service, shipping-service');
    await expect(control.start('nope')).rejects.toThrow(/the services are payment-service, shipping-service/);
  });

  it('starts a service once when asked twice at the same time', async () => {
    const { control, log } = fakeServices(['car-service']);
    await control.startAll();
    await control.stop('car-service');
    await Promise.all([control.start('car-service'), control.start('car-service')]);
    expect(log.filter((l) => l.startsWith('start car-service'))).toEqual(['start car-service', 'start car-service again']);
  });

  it('reports the first failure of startAll and stops the others with stopAll; later starts do nothing', async () => {
    const { control, log } = fakeServices(['a', 'b', 'c'], ['b']);
    const failed = await control.startAll();
    expect(String(failed?.error)).toMatch(/b did not get ready/);
    await control.stopAll();
    await control.start('a');
    expect(log.sort()).toEqual(['start a', 'start c', 'stop a', 'stop c']);
  });

  it('disconnects a service whose start was still joining when everything stopped', async () => {
    const log: string[] = [];
    let joined: () => void = () => {};
    let calls = 0;
    const starter: Starter = async () => {
      calls += 1;
      // The second start waits for the test to let it finish joining.
      if (calls === 2) await new Promise<void>((r) => (joined = r));
      return { disconnect: async () => void log.push(`stop ${calls}`) };
    };
    const control = new ServiceControl(new Map([['a', starter]]));
    await control.startAll();
    await control.stop('a');
    const starting = control.start('a');
    await new Promise((r) => setImmediate(r));
    expect(calls).toBe(2);
    const stopping = control.stopAll();
    joined();
    await Promise.all([starting, stopping]);
    expect(log).toEqual(['stop 1', 'stop 2']);
  });
});
