import type { Message, Producer } from 'kafkajs';
import type { RecordBytes } from '../../lib/saga/record';
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { keyedRetryId, planRetry, type PlanInput, type PlanResult } from '../../lib/retry/plan-retry';
import { AUDIT_SIGNATURE_HEADER, RETRY_HEADERS, type AuditRecord, type RetryAccepted, type RetryPlanView } from '../../lib/retry/retry-wire';
import type { SagaStore } from '../store/saga-store';
import type { Logger } from '../logger';
import { shownId } from '../http/saga-id-param';
import { signAudit } from './audit-signature';

export type RetryOutcome =
  | { ok: true; accepted: RetryAccepted; repeated: boolean }
  | { ok: false; status: 404 | 409 | 502; reason: string };

/** What the operator asked for besides the saga: a step (and phase) it must owe, the client's idempotency key. */
export type RetryAsk = Pick<PlanInput, 'step' | 'phase' | 'idempotencyKey'>;

interface Deps {
  store: SagaStore;
  config: CompiledConfig;
  producer: () => Promise<Producer>;
  auditTopic: string;
  now: () => number;
  log: Logger;
  /** Every topic (the audit topic too) read up to its end at start: until then the state a retry acts on is not known. */
  caughtUp: () => boolean;
  /** Signs every audit record; without it no retry is published (nothing could be audited in a way that is trusted). */
  auditKey: string | null;
}

/** Why retries are off without an audit key, for /health and the 409 alike. */
export const NO_AUDIT_KEY = 'retries are off: no audit key is set (SAGA_MONITOR_AUDIT_KEY or SAGA_MONITOR_AUDIT_KEY_FILE), so their audit records could not be signed';

/** Why no retry may be planned while the monitor catches up; the same words for one saga and for a bulk request. */
export const CATCHING_UP =
  'the monitor is still catching up on its topics, so the state a retry would act on (and the retries already published) is not known yet; retry once /api/health says catchUp.done';

/** A kept record as read (key, value, every header value in order), plus the retry's own headers. */
function asRead(bytes: RecordBytes, plan: RetryPlanView): Message {
  const buffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const headers: Record<string, Buffer | string | Array<Buffer | string>> = {};
  for (const [name, value] of bytes.headers) {
    const had = headers[name];
    headers[name] = had === undefined ? buffer(value) : [...(Array.isArray(had) ? had : [had]), buffer(value)];
  }
  for (const name of Object.values(RETRY_HEADERS)) headers[name] = plan.headers[name];
  return { key: bytes.key && buffer(bytes.key), value: bytes.value && buffer(bytes.value), headers };
}

/**
 * Publishes manual retries exactly once per retry id: concurrent requests with one id share one publish, and ids
 * already published (by this process or, read back from the audit topic, by an earlier one) are answered from memory.
 */
export class RetryService {
  private readonly inFlight = new Map<string, Promise<RetryOutcome>>();
  private readonly published = new Map<string, RetryAccepted>();

  constructor(private readonly d: Deps) {}

  /** Why no retry at all can be planned now, or null. */
  refusal(): string | null {
    if (this.d.auditKey === null) return NO_AUDIT_KEY;
    return this.d.caughtUp() ? null : CATCHING_UP;
  }

  plan(sagaId: string, operator: string, ask: RetryAsk = {}): PlanResult | { ok: false; status: 404; reason: string } {
    const refused = this.refusal();
    if (refused) return { ok: false, status: 409, reason: refused };
    const saga = this.d.store.sagas.get(sagaId);
    const type = saga && this.d.config.sagaTypes.get(saga.type);
    if (!saga || !type) return { ok: false, status: 404, reason: `no saga with id ${shownId(sagaId)} has been seen` };
    const status = this.d.store.summary(sagaId)!.status;
    return planRetry({ saga, status, config: type.config, ...ask, operator, now: this.d.now() });
  }

  /** Remembers a retry read back from the audit topic, so its id is not published again after a restart. */
  remember(a: AuditRecord): void {
    if (a.type === 'RetryPublished' && a.target.partition !== null && a.target.offset !== null) {
      this.published.set(a.retryId, { retryId: a.retryId, topic: a.target.topic, partition: a.target.partition, offset: a.target.offset });
    }
  }

  async retry(sagaId: string, operator: string, ask: RetryAsk = {}): Promise<RetryOutcome> {
    const planned = this.plan(sagaId, operator, ask);
    const { idempotencyKey } = ask;
    // A refused plan may still name a retry published before (the saga has moved on since): answer that one.
    const id = planned.ok ? planned.plan.retryId : idempotencyKey !== undefined ? keyedRetryId(sagaId, operator, idempotencyKey) : undefined;
    const known = id !== undefined ? this.published.get(id) : undefined;
    if (known) return { ok: true, accepted: known, repeated: true };
    const running = id !== undefined ? this.inFlight.get(id) : undefined;
    if (running) return running.then((o) => (o.ok ? { ...o, repeated: true } : o));
    if (!planned.ok) return planned;
    const p = this.publish(planned.plan, operator, planned.bytes).finally(() => this.inFlight.delete(planned.plan.retryId));
    this.inFlight.set(planned.plan.retryId, p);
    return p;
  }

  private async publish(plan: RetryPlanView, operator: string, bytes: RecordBytes | undefined): Promise<RetryOutcome> {
    const requestedAt = this.d.now();
    const producer = await this.d.producer();
    let accepted: RetryAccepted | null = null;
    let error: string | null = null;
    try {
      const [meta] = await producer.send({
        topic: plan.topic,
        acks: -1,
        messages: [bytes ? asRead(bytes, plan) : { key: plan.key, value: plan.value, headers: plan.headers }],
      });
      accepted = { retryId: plan.retryId, topic: plan.topic, partition: meta.partition, offset: meta.baseOffset ?? meta.offset ?? '0' };
      this.published.set(plan.retryId, accepted);
    } catch (e) {
      error = String((e as Error).message ?? e);
    }
    const audit: AuditRecord = {
      type: accepted ? 'RetryPublished' : 'RetryFailed',
      retryId: plan.retryId,
      sagaId: plan.sagaId,
      sagaType: plan.sagaType,
      step: plan.step,
      mode: plan.mode,
      requestedBy: operator,
      requestedAt,
      target: { topic: plan.topic, partition: accepted?.partition ?? null, offset: accepted?.offset ?? null },
      retryOf: plan.retryOf,
      error,
    };
    const value = JSON.stringify(audit);
    const headers = { 'saga-id': plan.sagaId, [AUDIT_SIGNATURE_HEADER]: signAudit(this.d.auditKey!, value) };
    await producer
      .send({ topic: this.d.auditTopic, acks: -1, messages: [{ key: plan.sagaId, value, headers }] })
      .catch((e: unknown) => this.d.log.error(`audit: could not record retry ${plan.retryId}: ${String(e)}`));
    this.d.log.info(`retry ${plan.retryId} of ${plan.sagaId} step ${plan.step} by ${operator}: ${accepted ? `published to ${plan.topic}` : `failed: ${error}`}`);
    if (!accepted) return { ok: false, status: 502, reason: `Kafka refused the retry record: ${error}` };
    return { ok: true, accepted, repeated: false };
  }
}
