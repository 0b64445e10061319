import { createRequire } from 'node:module';

/** The part of kafkajs's internal per-connection request queue this touches (kafkajs 2.2.4, pinned). */
export interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  scheduleCheckPendingRequests(): void;
}

type RequestQueueClass = { prototype: RequestQueueInternals } & (new (options: Record<string, unknown>) => RequestQueueInternals);

const PATCHED = Symbol.for('saga-monitor.request-queue-idle');

/**
 * kafkajs 2.2.4 re-arms a timer on every connection's request queue even when nothing waits and nothing is throttled;
 * the timer's negative delay runs as 1 ms, so each open connection wakes the event loop about a thousand times a
 * second for ever (kafkajs#1556; the fix, kafkajs#1667, was never released). On two cores that is several percent of
 * one core spent doing nothing. The check only matters while requests wait or the broker throttles: a new pending
 * request schedules it again.
 */
export function stopIdleRequestQueueTimers(): void {
  const require = createRequire(import.meta.url);
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as RequestQueueClass;
  const proto = RequestQueue.prototype as RequestQueueInternals & { [PATCHED]?: true };
  if (proto[PATCHED] || typeof proto.scheduleCheckPendingRequests !== 'function') return;
  const original = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    if (this.pending.length === 0 && !(this.throttledUntil > Date.now())) return;
    original.call(this);
  };
  proto[PATCHED] = true;
}

/** For tests: the queue class kafkajs itself uses. */
export function requestQueueClass(): RequestQueueClass {
  return createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as RequestQueueClass;
}
