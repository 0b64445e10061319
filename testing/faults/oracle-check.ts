/**
 * Compares what a running monitor shows with the contract oracle (testing/property/oracle.ts) computed from what
 * Kafka holds: every record of the configured topics read back after the run, traced to its saga by the workload
 * index it carries, plus the retries on the audit topic. Counting from the log, not from what was sent, is what makes
 * "0 events counted twice" exact: a record the producer had to send again may be in the log twice, and then the
 * monitor must show both.
 */
import type { CompiledConfig } from '../../lib/saga/compiled-config';
import { ContractGap, expectSaga, isStuckAt, type OracleRecord } from '../property/oracle';
import { AuditRecord, RETRY_HEADERS } from '../../lib/retry/retry-wire';
import { SagaDetail, SagaListResponse, type SagaSummary } from '../../lib/wire/rest';
import { SEQ_HEADER, type FaultRecord } from './fault-workload';
import type { LoggedRecord } from '../kafka/read-log';

/**
 * A saga within this much of its stuck deadline may show either way: the monitor checks deadlines every 100 ms and
 * the listing is read over a few hundred ms. Such sagas are counted, never silently passed.
 */
const STUCK_BAND_MS = 2_000;
/** Detail requests in flight at once while attempts are compared. */
const DETAIL_CONCURRENCY = 8;
const PAGE = 1_000;
/** Resent records are published after everything their saga did before, so they sort last at equal times. */
const RESEND_ORDER = 1_000_000;

export interface OracleAgreement {
  sagas: number;
  recordsInLog: number;
  duplicatesInLog: number;
  auditRecords: number;
  missing: number;
  unexpected: number;
  countedTwice: number;
  eventsMissing: number;
  wrongStatus: number;
  wrongStep: number;
  wrongAttempts: number;
  /** Sagas within STUCK_BAND_MS of their stuck deadline, whose stuck flag was not compared. */
  nearDeadline: number;
  contractGaps: number;
  statuses: Record<string, number>;
  differences: string[];
}

interface Expected {
  id: string;
  type: string;
  status: string;
  /** The status without stuck, which a saga near its deadline may show instead. */
  base: string;
  eitherStuck: boolean;
  currentStep: string | null;
  attempts: Record<string, number>;
  eventCount: number;
}

function expectations(config: CompiledConfig, workload: readonly FaultRecord[], log: readonly LoggedRecord[], audit: readonly LoggedRecord[], now: number, gaps: string[]) {
  const bySaga = new Map<string, { type: string; records: OracleRecord[] }>();
  let duplicates = 0;
  const seen = new Set<number>();
  log.forEach((r, i) => {
    const seq = Number(r.headers[SEQ_HEADER]);
    const w = workload[seq];
    if (!w) throw new Error(`a record on ${r.topic}/${r.partition}/${r.offset} that the test did not produce`);
    const resent = r.headers[RETRY_HEADERS.id] !== undefined;
    if (!resent && seen.has(seq)) duplicates += 1;
    if (!resent) seen.add(seq);
    const entry = bySaga.get(w.sagaId) ?? { type: w.sagaType, records: [] };
    entry.records.push({ topic: r.topic, partition: r.partition, offset: r.offset, timestamp: r.timestamp, eventType: w.type, order: resent ? RESEND_ORDER + i : w.order });
    bySaga.set(w.sagaId, entry);
  });
  const retries = new Map<string, number>();
  for (const r of audit) {
    const a = AuditRecord.parse(JSON.parse(r.value ?? ''));
    retries.set(a.sagaId, (retries.get(a.sagaId) ?? 0) + 1);
  }
  const out: Expected[] = [];
  for (const [id, { type, records }] of bySaga) {
    try {
      const e = expectSaga(records, config.sagaTypes.get(type)!.config);
      const deadline = e.lastEventAt + e.thresholdMs;
      out.push({
        id,
        type,
        status: isStuckAt(e, now) ? 'stuck' : e.status,
        base: e.status,
        eitherStuck: !e.finished && Math.abs(now - deadline) < STUCK_BAND_MS,
        currentStep: e.currentStep,
        attempts: e.attempts,
        eventCount: records.length + (retries.get(id) ?? 0),
      });
    } catch (err) {
      if (!(err instanceof ContractGap)) throw err;
      gaps.push(`${id}: ${err.message}`);
    }
  }
  return { expected: out, duplicates };
}

async function listAll(url: string): Promise<Map<string, SagaSummary>> {
  const out = new Map<string, SagaSummary>();
  let cursor: string | null = null;
  do {
    const q: string = `${url}/api/sagas?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = SagaListResponse.parse(await (await fetch(q)).json());
    for (const s of page.items) out.set(s.id, s);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

async function attemptsOf(url: string, ids: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      const d = SagaDetail.parse(await (await fetch(`${url}/api/sagas/${encodeURIComponent(id)}`)).json());
      out.set(id, Object.fromEntries(d.steps.map((s) => [s.name, s.attempts])));
    }
  };
  await Promise.all(Array.from({ length: DETAIL_CONCURRENCY }, worker));
  return out;
}

/** Reads the monitor's whole view over its API and counts every way it differs from the oracle. */
export async function compareWithOracle(url: string, config: CompiledConfig, workload: readonly FaultRecord[], log: readonly LoggedRecord[], audit: readonly LoggedRecord[] = []): Promise<OracleAgreement> {
  const listed = await listAll(url);
  const now = Date.now();
  const gaps: string[] = [];
  const { expected, duplicates } = expectations(config, workload, log, audit, now, gaps);
  const attempts = await attemptsOf(url, expected.filter((e) => listed.has(e.id)).map((e) => e.id));
  const a: OracleAgreement = {
    sagas: expected.length,
    recordsInLog: log.length,
    duplicatesInLog: duplicates,
    auditRecords: audit.length,
    missing: 0,
    unexpected: 0,
    countedTwice: 0,
    eventsMissing: 0,
    wrongStatus: 0,
    wrongStep: 0,
    wrongAttempts: 0,
    nearDeadline: 0,
    contractGaps: gaps.length,
    statuses: {},
    differences: gaps.slice(0, 5),
  };
  const differ = (what: string, e: Expected, got: unknown, want: unknown) => {
    if (a.differences.length < 10) a.differences.push(`${e.id} (${e.type}) ${what}: monitor ${JSON.stringify(got)}, oracle ${JSON.stringify(want)}`);
  };
  const ids = new Set(expected.map((e) => e.id));
  for (const id of listed.keys()) if (!ids.has(id)) a.unexpected += 1;
  for (const e of expected) {
    a.statuses[e.status] = (a.statuses[e.status] ?? 0) + 1;
    const s = listed.get(e.id);
    if (!s) {
      a.missing += 1;
      differ('missing', e, null, e.status);
      continue;
    }
    if (s.eventCount > e.eventCount) {
      a.countedTwice += 1;
      differ('eventCount', e, s.eventCount, e.eventCount);
    }
    if (s.eventCount < e.eventCount) {
      a.eventsMissing += 1;
      differ('eventCount', e, s.eventCount, e.eventCount);
    }
    const stuckEither = e.eitherStuck && (s.status === 'stuck' || s.status === e.base) && s.status !== e.status;
    if (stuckEither) a.nearDeadline += 1;
    else if (s.status !== e.status) {
      a.wrongStatus += 1;
      differ('status', e, s.status, e.status);
    }
    if (s.currentStep !== e.currentStep) {
      a.wrongStep += 1;
      differ('currentStep', e, s.currentStep, e.currentStep);
    }
    if (JSON.stringify(attempts.get(e.id)) !== JSON.stringify(e.attempts)) {
      a.wrongAttempts += 1;
      differ('attempts', e, attempts.get(e.id), e.attempts);
    }
  }
  return a;
}

/** The counts that must all be 0 for the monitor's view to equal the oracle's. */
export function disagreements(a: OracleAgreement): Pick<OracleAgreement, 'missing' | 'unexpected' | 'countedTwice' | 'eventsMissing' | 'wrongStatus' | 'wrongStep' | 'wrongAttempts'> {
  const { missing, unexpected, countedTwice, eventsMissing, wrongStatus, wrongStep, wrongAttempts } = a;
  return { missing, unexpected, countedTwice, eventsMissing, wrongStatus, wrongStep, wrongAttempts };
}

export const NO_DISAGREEMENT = { missing: 0, unexpected: 0, countedTwice: 0, eventsMissing: 0, wrongStatus: 0, wrongStep: 0, wrongAttempts: 0 } as const;
