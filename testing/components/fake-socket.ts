import { act } from '@testing-library/react';
import { afterEach } from 'vitest';

type Handler = (payload?: unknown) => void;

class Emitter {
  private handlers = new Map<string, Set<Handler>>();
  on(event: string, h: Handler): this {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)!.add(h);
    return this;
  }
  emit(event: string, payload?: unknown): void {
    act(() => this.handlers.get(event)?.forEach((h) => h(payload)));
  }
}

/** What socket.io-client's io() returns, as far as the live provider uses it; the test plays the server. */
export class FakeSocket extends Emitter {
  closed = false;
  /** The Manager: reconnect events are emitted there, not on the socket. */
  readonly io = new Emitter();
  constructor(readonly options: unknown) {
    super();
  }
  /** The server (or the transport) sends `event`. */
  serverSends(event: string, payload?: unknown): void {
    this.emit(event, payload);
  }
  close(): this {
    this.closed = true;
    return this;
  }
}

const opened: FakeSocket[] = [];

afterEach(() => {
  opened.length = 0;
});

/** Stands in for socket.io-client's io(): `vi.mock('socket.io-client', () => import('.../fake-socket'))`. */
export function io(options?: unknown): FakeSocket {
  const s = new FakeSocket(options);
  opened.push(s);
  return s;
}

/** The socket the component opened last. */
export function lastSocket(): FakeSocket {
  const s = opened.at(-1);
  if (!s) throw new Error('no socket was opened');
  return s;
}

export const openedSockets = (): readonly FakeSocket[] => opened;
