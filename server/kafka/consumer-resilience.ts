import type { ConsumerConfig } from 'kafkajs';

/**
 * How long the group coordinator keeps a member that stopped heartbeating. When the monitor's consumer restarts
 * after a broker outage it joins as a new member, and the join waits until the old member's session ends: kafkajs'
 * 30 s default kept a monitor blind for 30 s after its broker came back. The group is this process's alone, so a
 * short session costs nothing. The broker's default minimum (group.min.session.timeout.ms) is 6 s; 10 s leaves room for
 * a busy event loop.
 */
export const SESSION_TIMEOUT_MS = 10_000;
/** Heartbeats well inside the session, so a busy event loop does not lose the membership. */
export const HEARTBEAT_INTERVAL_MS = 2_000;
/**
 * Retries of a request before the consumer gives up and restarts (as a new group member): enough to ride out a broker
 * restart of about a minute, with waits capped so a broker that is back is noticed within seconds.
 */
export const CONSUMER_RETRY = { retries: 20, initialRetryTime: 300, maxRetryTime: 3_000 } as const;

/** Consumer options that decide how the monitor lives through a broker outage. */
export const RESILIENT_CONSUMER: Pick<ConsumerConfig, 'sessionTimeout' | 'heartbeatInterval' | 'retry'> = {
  sessionTimeout: SESSION_TIMEOUT_MS,
  heartbeatInterval: HEARTBEAT_INTERVAL_MS,
  retry: { ...CONSUMER_RETRY },
};
