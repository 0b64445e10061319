'use client';

import { useLive } from './live/live-context';
import { useHealth } from './live/use-snapshots';

/** Live / reconnecting / catching up (with progress): what an operator needs to trust what the page shows. */
export function ConnectionIndicator() {
  const { connection } = useLive();
  const { data: health } = useHealth();
  const catchingUp = health !== undefined && !health.catchUp.done;
  const kafkaDown = health?.kafka.state === 'disconnected';
  let label: string;
  let tone: string;
  if (connection !== 'live') {
    label = connection === 'connecting' ? 'Connecting…' : 'Reconnecting…';
    tone = '#ffb000';
  } else if (kafkaDown) {
    label = 'Kafka unreachable';
    tone = '#ff6b6b';
  } else if (catchingUp) {
    label = `Catching up ${Math.floor(health.catchUp.progress * 100)}%`;
    tone = '#ffb000';
  } else {
    label = 'Live';
    tone = '#4ade80';
  }
  return (
    <div role="status" aria-label="Connection" aria-live="polite" style={{ display: 'flex', alignItems: 'center', gap: '0.4rem', marginLeft: 'auto' }}>
      <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: '50%', background: tone, display: 'inline-block' }} />
      <span>{label}</span>
      {catchingUp && connection === 'live' ? (
        <progress aria-label="Monitor catch-up" max={1} value={health.catchUp.progress} style={{ width: 80 }} />
      ) : null}
    </div>
  );
}
