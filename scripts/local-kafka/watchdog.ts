import { spawn } from 'node:child_process';

/** How often the watchdog checks that the Node parent is alive: the broker outlives a dead parent by about this. */
const POLL_SECONDS = 1;

/** Grace for a clean shutdown once the parent is gone, before the watchdog sends SIGKILL. */
const TERM_GRACE_SECONDS = 20;

// $1 parent pid, $2 broker pid, $3 optional folder to remove once the broker is gone (an ephemeral data dir).
const SCRIPT = `
while kill -0 "$1" 2>/dev/null; do
  kill -0 "$2" 2>/dev/null || exit 0
  sleep ${POLL_SECONDS}
done
kill -TERM "$2" 2>/dev/null
i=0
while kill -0 "$2" 2>/dev/null && [ "$i" -lt ${TERM_GRACE_SECONDS} ]; do sleep 1; i=$((i + 1)); done
kill -KILL "$2" 2>/dev/null
if [ -n "$3" ]; then rm -rf -- "$3"; fi
`;

/**
 * Starts a detached sh that takes the broker down when this Node process dies in a way no exit handler sees
 * (SIGKILL, an unhandled signal). It exits by itself once the broker is gone.
 */
export function startWatchdog(brokerPid: number, cleanupDir?: string): { pid: number; stop(): void } {
  const args = ['-c', SCRIPT, 'kafka-watchdog', String(process.pid), String(brokerPid), cleanupDir ?? ''];
  const child = spawn('sh', args, { detached: true, stdio: 'ignore' });
  child.unref();
  return {
    pid: child.pid ?? -1,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
