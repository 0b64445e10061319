import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseOperators } from './auth/operators';
import { formatIssues } from './config/load-config';

const HOST_LIST = /^\s*[A-Za-z0-9.-]+\s*(,\s*[A-Za-z0-9.-]+\s*)*$/;
const BROKER_LIST = /^\s*[^\s:,]+:\d{1,5}\s*(,\s*[^\s:,]+:\d{1,5}\s*)*$/;
const splitList = (list: string) => list.split(',').map((item) => item.trim());
/** An HMAC key guessable by brute force would let anyone write "retried by" records. */
const MIN_AUDIT_KEY = 32;

/** The audit key from the variable or from the file it names; a file that cannot be read or is too short fails the start. */
function auditKeyOf(v: { SAGA_MONITOR_AUDIT_KEY?: string; SAGA_MONITOR_AUDIT_KEY_FILE?: string }, ctx: z.RefinementCtx): string | undefined {
  if (v.SAGA_MONITOR_AUDIT_KEY !== undefined && v.SAGA_MONITOR_AUDIT_KEY_FILE !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['SAGA_MONITOR_AUDIT_KEY_FILE'], message: 'set SAGA_MONITOR_AUDIT_KEY or SAGA_MONITOR_AUDIT_KEY_FILE, not both' });
    return undefined;
  }
  if (v.SAGA_MONITOR_AUDIT_KEY_FILE === undefined) return v.SAGA_MONITOR_AUDIT_KEY;
  let key: string;
  try {
    key = readFileSync(v.SAGA_MONITOR_AUDIT_KEY_FILE, 'utf8').trimEnd();
  } catch (e) {
    ctx.addIssue({ code: 'custom', path: ['SAGA_MONITOR_AUDIT_KEY_FILE'], message: `cannot read ${v.SAGA_MONITOR_AUDIT_KEY_FILE}: ${(e as Error).message}` });
    return undefined;
  }
  if (key.length < MIN_AUDIT_KEY) ctx.addIssue({ code: 'custom', path: ['SAGA_MONITOR_AUDIT_KEY_FILE'], message: `the key in ${v.SAGA_MONITOR_AUDIT_KEY_FILE} needs at least ${MIN_AUDIT_KEY} characters` });
  return key;
}

/**
 * Every environment variable the monitor reads (the README's configuration table), validated like any other input so
 * a typo fails at start, naming the variable, and handed on typed and split.
 */
const ServerEnvVariables = z.object({
  SAGA_MONITOR_CONFIG: z.string().min(1).default('./saga-monitor.config.json'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** `alice:<token>,bob:<token>`; checked here so a bad entry fails with the others, handed on as written (MonitorOptions takes the spec). */
  SAGA_MONITOR_OPERATORS: z
    .string()
    .superRefine((spec, ctx) => {
      try {
        parseOperators(spec);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message.replace(/^SAGA_MONITOR_OPERATORS:?\s*/, '') });
      }
    })
    .optional(),
  /** Signs the audit records of retries and verifies those read back (server/retry/audit-signature.ts). */
  SAGA_MONITOR_AUDIT_KEY: z.string().min(MIN_AUDIT_KEY, `at least ${MIN_AUDIT_KEY} characters (e.g. openssl rand -hex 32)`).optional(),
  /** A file holding the key (a mounted secret); trailing whitespace is ignored. */
  SAGA_MONITOR_AUDIT_KEY_FILE: z.string().min(1).optional(),
  SAGA_MONITOR_REQUIRE_SIGN_IN: z.enum(['true', 'false']).default('false'),
  /** Host names the dashboard answers to besides loopback ones, comma-separated (see server/http/allowed-hosts.ts). */
  SAGA_MONITOR_ALLOWED_HOSTS: z.string().regex(HOST_LIST, 'comma-separated host names, without ports').optional(),
  /** Overrides the config file's kafka.brokers; its port range is checked with the config (loadConfig). */
  KAFKA_BROKERS: z.string().regex(BROKER_LIST, 'comma-separated host:port list').optional(),
});

export const ServerEnv = ServerEnvVariables.transform((v, ctx) => ({
  configPath: v.SAGA_MONITOR_CONFIG,
  port: v.PORT,
  host: v.HOST,
  operators: v.SAGA_MONITOR_OPERATORS,
  auditKey: auditKeyOf(v, ctx),
  requireSignIn: v.SAGA_MONITOR_REQUIRE_SIGN_IN === 'true',
  allowedHosts: v.SAGA_MONITOR_ALLOWED_HOSTS === undefined ? [] : splitList(v.SAGA_MONITOR_ALLOWED_HOSTS),
  kafkaBrokers: v.KAFKA_BROKERS === undefined ? undefined : splitList(v.KAFKA_BROKERS),
}));
export type ServerEnv = z.output<typeof ServerEnv>;

/** An empty variable counts as unset, as a shell's `VAR= npm start` means. */
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
