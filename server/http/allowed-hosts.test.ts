import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedHosts, hostName, isAllowedHost } from './allowed-hosts';

const req = (host?: string) => ({ headers: host === undefined ? {} : { host } }) as IncomingMessage;

describe('hostName', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['[::1]:3000', '[::1]'],
    ['Monitor.Example.com:443', 'monitor.example.com'],
  ])('%s -> %s', (header, want) => expect(hostName(header)).toBe(want));
});

describe('isAllowedHost', () => {
  it('listening on loopback, answers loopback names only: a rebound name is refused', () => {
    const allowed = allowedHosts('127.0.0.1', undefined);
    for (const h of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000']) expect(isAllowedHost(req(h), allowed), h).toBe(true);
    expect(isAllowedHost(req('evil.example:3000'), allowed)).toBe(false);
    expect(isAllowedHost(req(undefined), allowed)).toBe(true);
  });

  it('listening wider, answers any name unless some are configured', () => {
    expect(isAllowedHost(req('anything:3000'), allowedHosts('0.0.0.0', undefined))).toBe(true);
    const allowed = allowedHosts('0.0.0.0', ['Monitor.example.com']);
    expect(isAllowedHost(req('monitor.example.com:3000'), allowed)).toBe(true);
    expect(isAllowedHost(req('127.0.0.1:3000'), allowed)).toBe(true);
    expect(isAllowedHost(req('other.example.com'), allowed)).toBe(false);
  });
});
