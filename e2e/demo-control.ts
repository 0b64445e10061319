import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Demo } from '../demo/demo-system';

/**
 * The demo runs in global setup's process and the tests in worker processes: this loopback endpoint lets a test stop
 * and start one demo service, as an operator's outage would. POST /services/<name>/stop or /start.
 */
export async function startDemoControl(demo: Demo): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const m = /^\/services\/([\w-]+)\/(stop|start)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) {
      res.writeHead(404).end('POST /services/<name>/stop or /start');
      return;
    }
    const [, name, action] = m;
    (action === 'stop' ? demo.stopService(name) : demo.startService(name)).then(
      () => res.writeHead(204).end(),
      (e: unknown) => res.writeHead(400).end(String(e)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Asks global setup's demo to stop or start a service; fails with the demo's reason. */
export async function demoService(controlUrl: string, name: string, action: 'stop' | 'start'): Promise<void> {
  const res = await fetch(`${controlUrl}/services/${name}/${action}`, { method: 'POST' });
  if (!res.ok) throw new Error(`${action} ${name}: ${res.status} ${await res.text()}`);
}
