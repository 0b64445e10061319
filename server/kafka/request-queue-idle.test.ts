import { afterEach, describe, expect, it } from 'vitest';
import { requestQueueClass, stopIdleRequestQueueTimers, type RequestQueueInternals } from './request-queue-idle';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function newQueue(): RequestQueueInternals {
  const RequestQueue = requestQueueClass();
  return new RequestQueue({ maxInFlightRequests: null, requestTimeout: 30_000, enforceRequestTimeout: true, clientId: 't', broker: 'b:1', logger: silent });
}

const queues: RequestQueueInternals[] = [];
afterEach(() => {
  for (const q of queues.splice(0)) if (q.throttleCheckTimeoutId) clearTimeout(q.throttleCheckTimeoutId);
});

describe('stopIdleRequestQueueTimers', () => {
  it('kafkajs as released arms a timer on an idle queue (the bug this works around)', () => {
    const q = newQueue();
    queues.push(q);
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });

  it.each([
    { name: 'an idle queue arms nothing', pending: 0, throttledForMs: -1, armed: false },
    { name: 'a queue with waiting requests still checks them', pending: 1, throttledForMs: -1, armed: true },
    { name: 'a throttled queue still checks when the throttle ends', pending: 0, throttledForMs: 5_000, armed: true },
  ])('$name', ({ pending, throttledForMs, armed }) => {
    stopIdleRequestQueueTimers();
    stopIdleRequestQueueTimers();
    const q = newQueue();
    queues.push(q);
    q.pending.push(...Array.from({ length: pending }, () => ({})));
    q.throttledUntil = throttledForMs > 0 ? Date.now() + throttledForMs : -1;
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId !== null).toBe(armed);
  });
});
