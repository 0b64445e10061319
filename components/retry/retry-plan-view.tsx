import { describeAction, describeRule } from '../../lib/retry/owed-action';
import type { RetryPlanView } from '../../lib/retry/retry-wire';

function pretty(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/** Exactly what a retry will publish; text only, never HTML. */
export function RetryPlanDetails({ plan }: { plan: RetryPlanView }) {
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 0.75rem', margin: 0 }}>
      <dt>Mode</dt>
      <dd>{plan.mode === 'resend' ? 'resend the original record' : 'retry command to the orchestrator'}</dd>
      <dt>Retries</dt>
      <dd>{describeAction(plan)}</dd>
      <dt>Publishes</dt>
      <dd>
        <code>{plan.eventType ?? '(a record without event type)'}</code> to <code>{plan.topic}</code>
      </dd>
      {plan.expects ? (
        <>
          <dt>Expected answer</dt>
          <dd>
            the orchestrator publishes <code>{describeRule(plan.expects)}</code>
          </dd>
        </>
      ) : null}
      <dt>Key</dt>
      <dd>
        <code>{plan.key ?? '(none)'}</code>
      </dd>
      {plan.retryOf ? (
        <>
          <dt>Copy of</dt>
          <dd>
            <code>{plan.retryOf}</code>
          </dd>
        </>
      ) : null}
      <dt>Headers</dt>
      <dd>
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{Object.entries(plan.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}</pre>
      </dd>
      <dt>Value</dt>
      <dd>
        <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{pretty(plan.value)}</pre>
      </dd>
    </dl>
  );
}
