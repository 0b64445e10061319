import { reject } from '../../lib/saga/classify';
import { AUDIT_SIGNATURE_HEADER, AuditRecord } from '../../lib/retry/retry-wire';
import type { RawRecord } from '../../lib/saga/record';
import type { RejectedLog } from '../store/rejected-log';
import type { SagaStore } from '../store/saga-store';
import { auditSignatureProblem } from './audit-signature';
import type { RetryService } from './retry-service';

interface Deps {
  rejected: RejectedLog;
  retries: RetryService;
  store: SagaStore;
  /** The key audit records are signed with; without one no record on the topic can be trusted. */
  auditKey: string | null;
}

/**
 * Reads one record of the audit topic: a retry published (by this process or an earlier one) is remembered, so its
 * id is answered from memory, and shown on its saga. The topic is input like any other: a record whose signature does
 * not verify is counted as rejected (never "retried by" anyone), and so is anything else on it; nothing is thrown.
 */
export function auditIntake({ rejected, retries, store, auditKey }: Deps): (record: RawRecord) => void {
  return (record) => {
    const problem = auditKey === null ? 'no audit key is set, so no audit record can be verified' : auditSignatureProblem(auditKey, record.value ?? '', record.headers[AUDIT_SIGNATURE_HEADER]);
    if (problem !== null) {
      rejected.add(reject(record, 'unauthenticated-audit', problem));
      return;
    }
    let parsed: ReturnType<typeof AuditRecord.safeParse> | null = null;
    try {
      parsed = AuditRecord.safeParse(JSON.parse(record.value ?? ''));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      rejected.add(reject(record, 'invalid-json', 'not an audit record of this monitor'));
      return;
    }
    retries.remember(parsed.data);
    store.applyAudit(parsed.data, record);
  };
}
