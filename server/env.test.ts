import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServerEnv } from './env';

const TOKEN = 'a-token-long-enough';
const AUDIT_KEY = 'an-audit-key-of-32-characters-at-least';
/** A key file as a mounted secret holds it. */
function keyFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'saga-monitor-env-')), 'audit.key');
  writeFileSync(file, text);
  return file;
}

describe('parseServerEnv', () => {
  it('has a default for what may be left unset', () => {
    expect(parseServerEnv({})).toEqual({
      configPath: './saga-monitor.config.json',
      port: undefined,
      host: '127.0.0.1',
      operators: undefined,
      auditKey: undefined,
      requireSignIn: false,
      allowedHosts: [],
      kafkaBrokers: undefined,
    });
  });

  it('takes an empty variable for an unset one', () => {
    const blank = { SAGA_MONITOR_CONFIG: '', PORT: '', HOST: '', SAGA_MONITOR_OPERATORS: '', SAGA_MONITOR_REQUIRE_SIGN_IN: '', SAGA_MONITOR_ALLOWED_HOSTS: '', KAFKA_BROKERS: '' };
    expect(parseServerEnv(blank)).toEqual(parseServerEnv({}));
  });

  it('ignores variables that are not the monitor’s', () => {
    expect(parseServerEnv({ PATH: '/usr/bin', KAFKA_PORT: 'not read here' })).toEqual(parseServerEnv({}));
  });

  it.each([
    ['SAGA_MONITOR_CONFIG', './my-sagas.json', { configPath: './my-sagas.json' }],
    ['PORT', '8080', { port: 8080 }],
    ['PORT', '0', { port: 0 }],
    ['HOST', '0.0.0.0', { host: '0.0.0.0' }],
    ['SAGA_MONITOR_OPERATORS', `alice:${TOKEN},bob:${TOKEN}-2`, { operators: `alice:${TOKEN},bob:${TOKEN}-2` }],
    ['SAGA_MONITOR_AUDIT_KEY', AUDIT_KEY, { auditKey: AUDIT_KEY }],
    ['SAGA_MONITOR_AUDIT_KEY_FILE', keyFile(`${AUDIT_KEY}\n`), { auditKey: AUDIT_KEY }],
    ['SAGA_MONITOR_REQUIRE_SIGN_IN', 'true', { requireSignIn: true }],
    ['SAGA_MONITOR_REQUIRE_SIGN_IN', 'false', { requireSignIn: false }],
    ['SAGA_MONITOR_ALLOWED_HOSTS', 'monitor.example.com', { allowedHosts: ['monitor.example.com'] }],
    ['SAGA_MONITOR_ALLOWED_HOSTS', ' a.example.com , b-2.internal,c ', { allowedHosts: ['a.example.com', 'b-2.internal', 'c'] }],
    ['KAFKA_BROKERS', 'broker1:9092', { kafkaBrokers: ['broker1:9092'] }],
    ['KAFKA_BROKERS', 'broker1:9092, broker2:9093 ,10.0.0.3:19092', { kafkaBrokers: ['broker1:9092', 'broker2:9093', '10.0.0.3:19092'] }],
  ])('%s=%j is read as %j', (name, value, expected) => {
    expect(parseServerEnv({ [name]: value })).toEqual({ ...parseServerEnv({}), ...expected });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '65536'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['SAGA_MONITOR_OPERATORS', 'alice'],
    ['SAGA_MONITOR_OPERATORS', 'alice:short'],
    ['SAGA_MONITOR_OPERATORS', `alice:${TOKEN},alice:${TOKEN}-2`],
    ['SAGA_MONITOR_OPERATORS', `al ice:${TOKEN}`],
    ['SAGA_MONITOR_AUDIT_KEY', 'short'],
    ['SAGA_MONITOR_AUDIT_KEY_FILE', '/no/such/key-file'],
    ['SAGA_MONITOR_AUDIT_KEY_FILE', keyFile('short\n')],
    ['SAGA_MONITOR_REQUIRE_SIGN_IN', 'yes'],
    ['SAGA_MONITOR_REQUIRE_SIGN_IN', 'TRUE'],
    ['SAGA_MONITOR_ALLOWED_HOSTS', 'monitor.example.com:3000'],
    ['SAGA_MONITOR_ALLOWED_HOSTS', 'a.example.com,,b.example.com'],
    ['SAGA_MONITOR_ALLOWED_HOSTS', 'https://monitor.example.com'],
    ['KAFKA_BROKERS', 'broker1'],
    ['KAFKA_BROKERS', 'broker1:9092,'],
    ['KAFKA_BROKERS', 'broker1:port'],
  ])('%s=%j fails, naming the variable', (name, value) => {
    expect(() => parseServerEnv({ [name]: value })).toThrow(new RegExp(`^invalid environment:\\n  ${name}: `));
  });

  it('names every bad variable at once', () => {
    expect(() => parseServerEnv({ PORT: 'eighty', SAGA_MONITOR_REQUIRE_SIGN_IN: 'yes' })).toThrow(/PORT: .*\n.*SAGA_MONITOR_REQUIRE_SIGN_IN: /s);
  });

  it('never repeats an operator token in its error', () => {
    const secret = 'tooshort';
    expect(() => parseServerEnv({ SAGA_MONITOR_OPERATORS: `alice:${secret}` })).toThrow(/SAGA_MONITOR_OPERATORS: entry 1 \(alice\): the token must be at least 12 characters/);
    expect(() => parseServerEnv({ SAGA_MONITOR_OPERATORS: `alice:${secret}` })).not.toThrow(new RegExp(secret));
  });

  it('refuses both the audit key and its file at once', () => {
    expect(() => parseServerEnv({ SAGA_MONITOR_AUDIT_KEY: AUDIT_KEY, SAGA_MONITOR_AUDIT_KEY_FILE: keyFile(AUDIT_KEY) })).toThrow(/SAGA_MONITOR_AUDIT_KEY_FILE: set SAGA_MONITOR_AUDIT_KEY or SAGA_MONITOR_AUDIT_KEY_FILE, not both/);
  });
});
