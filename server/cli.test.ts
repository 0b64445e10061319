import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, KAFKA_BROKERS: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

// Each case starts a Node process: give it time on a busy two-core machine.
describe('server start with bad input', { timeout: 60_000 }, () => {
  it('exits 1 naming the config field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cfg-'));
    const file = path.join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        kafka: { brokers: ['127.0.0.1:1'] },
        sagas: [{ type: 't', sagaId: { header: 'id' }, steps: ['a'], rules: [{ topic: 'x', effect: 'step-started', step: 'b' }] }],
      }),
    );
    const r = run({ SAGA_MONITOR_CONFIG: file });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sagas[0].rules[0].step');
    expect(r.stderr).toContain('unknown step "b"');
  });

  it('exits 1 naming a bad environment variable', () => {
    const r = run({ PORT: 'eighty' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT');
  });
});
