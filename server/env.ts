import { z } from 'zod';
import { formatIssues } from './config/load-config';

/** Environment the server reads; validated like any other input so a typo fails at start, naming the variable. */
export const ServerEnv = z.object({
  SAGA_MONITOR_CONFIG: z.string().min(1).default('./saga-monitor.config.json'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  SAGA_MONITOR_REQUIRE_SIGN_IN: z.enum(['true', 'false']).default('false'),
  /** Host names the dashboard answers to besides loopback ones, comma-separated (see server/http/allowed-hosts.ts). */
  SAGA_MONITOR_ALLOWED_HOSTS: z
    .string()
    .regex(/^\s*[A-Za-z0-9.-]+\s*(,\s*[A-Za-z0-9.-]+\s*)*$/, 'comma-separated host names, without ports')
    .optional(),
  KAFKA_BROKERS: z
    .string()
    .regex(/^\s*[^\s:,]+:\d{1,5}\s*(,\s*[^\s:,]+:\d{1,5}\s*)*$/, 'comma-separated host:port list')
    .optional(),
});
export type ServerEnv = z.infer<typeof ServerEnv>;

export function parseServerEnv(env: Record<string, string | undefined>): ServerEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ServerEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new Error(
      `invalid environment:\n${formatIssues(parsed.error.issues).map((l) => `  ${l}`).join('\n')}`,
    );
  }
  return parsed.data;
}
