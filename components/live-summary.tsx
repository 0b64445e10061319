'use client';

import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import type { StatsResponse } from '../lib/wire/rest';
import { SOCKET_PATH } from '../lib/wire/socket';

type Connection = 'connecting' | 'live' | 'reconnecting';

/** Counts per status, fed by the server's live stream. */
export function LiveSummary() {
  const [stats, setStats] = useState<StatsResponse | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');

  useEffect(() => {
    const socket = io({ path: SOCKET_PATH, transports: ['websocket'] });
    socket.on('connect', () => setConnection('live'));
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.on('stats', setStats);
    void fetch('/api/stats')
      .then((r) => (r.ok ? r.json() : null))
      .then((s: StatsResponse | null) => s && setStats((cur) => cur ?? s));
    return () => {
      socket.close();
    };
  }, []);

  return (
    <section aria-label="Saga counts">
      <p role="status">Connection: {connection}</p>
      {stats === null ? (
        <p>Loading counts…</p>
      ) : (
        <table>
          <caption>Sagas by status ({stats.total} in all)</caption>
          <tbody>
            {Object.entries(stats.byStatus).map(([status, n]) => (
              <tr key={status}>
                <th scope="row">{status.replace('_', ' ')}</th>
                <td>{n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
