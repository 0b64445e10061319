import { reject } from '../../lib/saga/classify';
import { AuditRecord } from '../../lib/retry/retry-wire';
import type { RawRecord } from '../../lib/saga/record';
import type { RejectedLog } from '../store/rejected-log';
import type { SagaStore } from '../store/saga-store';
import type { RetryService } from './retry-service';

interface Deps {
  rejected: RejectedLog;
  retries: RetryService;
  store: SagaStore;
}

/**
 * Reads one record of the audit topic: a retry published (by this process or an earlier one) is remembered, so its
 * id is answered from memory, and shown on its saga. Anything else on the topic is counted as rejected, never thrown.
 */
export function auditIntake({ rejected, retries, store }: Deps): (record: RawRecord) => void {
  return (record) => {
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
