import { describe, expect, it } from 'vitest';
import { parseLoadEnv } from './load-options';

describe('load settings', () => {
  it('defaults to the issue load and ignores variables that are not LOAD_', () => {
    const o = parseLoadEnv({ PATH: '/bin', LOAD_SEED: '' });
    expect([o.LOAD_CLIENTS, o.LOAD_RATE, o.LOAD_SECONDS, o.LOAD_SEED, o.LOAD_MONITOR_NODE_ARGS]).toEqual([50, 5_000, 60, 'load-6', []]);
  });

  it('splits the monitor node flags on whitespace', () => {
    expect(parseLoadEnv({ LOAD_MONITOR_NODE_ARGS: ' --max-semi-space-size=64   --single-threaded-gc ' }).LOAD_MONITOR_NODE_ARGS).toEqual(['--max-semi-space-size=64', '--single-threaded-gc']);
  });

  it('names the setting that is wrong', () => {
    expect(() => parseLoadEnv({ LOAD_MONITOR_NODE_ARGS: 'max-semi-space-size=64' })).toThrow(/LOAD_MONITOR_NODE_ARGS: each item must be a flag/);
    expect(() => parseLoadEnv({ LOAD_CLIENTS: '0' })).toThrow(/LOAD_CLIENTS/);
  });
});
