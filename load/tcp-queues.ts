import { readFileSync } from 'node:fs';

/**
 * Bytes the kernel holds for one loopback TCP connection: the sender's send queue plus the receiver's receive queue,
 * read from /proc/net/tcp{,6} (fields tx_queue:rx_queue, hex). Both ends live on this machine.
 */
export function kernelQueuedBytes(clientPort: number, serverPort: number): number {
  let total = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 5) continue;
      const local = parseInt(f[1].split(':').at(-1)!, 16);
      const remote = parseInt(f[2].split(':').at(-1)!, 16);
      const [tx, rx] = f[4].split(':').map((h) => parseInt(h, 16));
      // The server's end sends (tx), the client's end receives (rx).
      if (local === serverPort && remote === clientPort) total += tx ?? 0;
      if (local === clientPort && remote === serverPort) total += rx ?? 0;
    }
  }
  return total;
}
