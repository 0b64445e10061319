import { z } from 'zod';

/** The issue's load: 50 dashboards, 5,000 events/s, 60 s. Smaller values are for iterating, never for the record. */
export const LoadEnv = z.object({
  LOAD_CLIENTS: z.coerce.number().int().min(1).max(500).default(50),
  LOAD_RATE: z.coerce.number().int().min(10).max(50_000).default(5_000),
  LOAD_SECONDS: z.coerce.number().int().min(6).max(3_600).default(60),
  LOAD_SEED: z.string().min(1).default('load-6'),
  /** 1: run the API-only server (testing/monitor/api-only-monitor.ts) when no Next build exists; the figures say so. */
  LOAD_NO_PAGES: z.enum(['0', '1']).default('0'),
  /** How long the slow client stops reading; by default half the run, capped below the heartbeat timeout. */
  LOAD_SLOW_PAUSE_MS: z.coerce.number().int().min(1_000).optional(),
  /** 1: the monitor runs under node --cpu-prof; the profile lands in load/results/profiles/ (slower, so not for the record). */
  LOAD_PROFILE: z.enum(['0', '1']).default('0'),
  /**
   * The monitor's maxFinishedSagas for the run: low enough that the store reaches its steady state (as many sagas
   * forgotten as finish) within the first third, so the RSS check sees a bounded store, not one still filling.
   */
  LOAD_MAX_FINISHED: z.coerce.number().int().min(1_000).default(20_000),
  /**
   * The monitor's V8 heap ceiling (--max-old-space-size), as an operator bounds a service's memory; 0 leaves Node's
   * default (about 4 GB on a 24 GB machine), towards which V8 lets the heap grow before it collects much.
   */
  LOAD_MAX_HEAP_MB: z.coerce.number().int().min(0).default(512),
  /**
   * Nice value of the broker and the producer (every thread), to see how the monitor does with more of the CPU, as on
   * a host of its own. 0 (the default, and the figures of record) runs everything alike; at 10 the broker and the
   * producer starve whenever the monitor and the 50 dashboards want both cores.
   */
  LOAD_GENERATOR_NICE: z.coerce.number().int().min(0).max(19).default(0),
  /** More node flags for the monitor, space-separated V8 or Node options such as --max-semi-space-size=64. */
  LOAD_MONITOR_NODE_ARGS: z
    .string()
    .default('')
    .transform((s) => s.split(/\s+/).filter(Boolean))
    .refine((a) => a.every((x) => x.startsWith('--')), 'each item must be a flag starting with --'),
});
export type LoadOptions = z.infer<typeof LoadEnv>;

export function parseLoadEnv(env: Record<string, string | undefined>): LoadOptions {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('LOAD_') && v !== undefined && v !== ''));
  const r = LoadEnv.safeParse(cleaned);
  if (!r.success) throw new Error(`invalid load settings: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}
