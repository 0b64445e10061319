import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../lib/retry/retry-wire';
import { AUDIT_SIGNATURE_HEADER } from '../../lib/retry/retry-wire';
import type { RawRecord } from '../../lib/saga/record';
import { compiled, T0 } from '../../testing/fixtures/order-fulfilment';
import { silentLogger } from '../logger';
import { RejectedLog } from '../store/rejected-log';
import { SagaStore } from '../store/saga-store';
import { auditIntake } from './audit-intake';
import { signAudit } from './audit-signature';
import { RetryService } from './retry-service';

const KEY = 'audit-key-for-tests-0123456789abcdef';
const audit: AuditRecord = {
  type: 'RetryPublished',
  retryId: 'o-1/inventory/1',
  sagaId: 'o-1',
  sagaType: 'order-fulfilment',
  step: 'inventory',
  mode: 'resend',
  requestedBy: 'mallory',
  requestedAt: T0,
  target: { topic: 'inventory.commands', partition: 0, offset: '5' },
  retryOf: 'inventory.commands/0/1',
  error: null,
};

function intake() {
  const store = new SagaStore(compiled, () => T0);
  const rejected = new RejectedLog();
  const retries = new RetryService({ store, config: compiled, producer: () => Promise.reject(new Error('no')), auditTopic: 'audit', now: () => T0, log: silentLogger, caughtUp: () => true, auditKey: KEY });
  return { store, rejected, read: auditIntake({ rejected, retries, store, auditKey: KEY }) };
}

function record(value: string, headers: Record<string, string>, offset: string): RawRecord {
  return { topic: 'saga-monitor.audit', partition: 0, offset, timestamp: T0, key: 'o-1', value, valueBytes: value.length, headers };
}

describe('audit intake', () => {
  it('takes a record signed with the key, and rejects unsigned and forged ones, counted, never shown as retried by', () => {
    const { store, rejected, read } = intake();
    const value = JSON.stringify(audit);
    read(record(value, {}, '0'));
    read(record(value, { [AUDIT_SIGNATURE_HEADER]: signAudit('another-key-0123456789abcdefghij', value) }, '1'));
    read(record(JSON.stringify({ ...audit, requestedBy: 'eve' }), { [AUDIT_SIGNATURE_HEADER]: signAudit(KEY, value) }, '2'));
    expect(store.sagas.get('o-1')).toBeUndefined();
    expect(rejected.byReason()).toEqual({ 'unauthenticated-audit': 3 });
    expect(rejected.recentSamples().map((s) => s.detail)).toEqual(expect.arrayContaining([expect.stringMatching(/no signature/), expect.stringMatching(/does not match/)]));

    read(record(value, { [AUDIT_SIGNATURE_HEADER]: signAudit(KEY, value) }, '3'));
    expect(store.detail('o-1')!.events.map((e) => e.eventType)).toEqual(['RetryPublished']);
    expect(rejected.total).toBe(3);
  });
});
