import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HealthResponse } from '../../lib/wire/rest';
import { renderWithClient } from '../../testing/components/render';
import { health, NOW } from '../../testing/components/wire-fixtures';
import { kafkaAdvice } from './kafka-advice';
import { KafkaConnection } from './kafka-connection';

type Kafka = HealthResponse['kafka'];
const kafka = (over: Partial<Kafka>): Kafka => ({ ...health().kafka, ...over });

describe('kafkaAdvice', () => {
  it.each([
    ['SASL authentication failed', /^Check kafka\.sasl/],
    ['unable to verify the first certificate', /^Check kafka\.ssl/],
    ['getaddrinfo ENOTFOUND kafka-0', /^A broker host name does not resolve/],
    ['connect ECONNREFUSED 127.0.0.1:9092', /^The broker cannot be reached/],
    ['Request timed out', /^The broker answered too slowly/],
    ['There is no leader for this topic-partition', /^Topic metadata could not be read/],
    ['something new', /^See the monitor’s log/],
  ])('advises on "%s"', (lastError, advice) => {
    const text = kafkaAdvice(kafka({ state: 'disconnected', lastError }));
    expect(text).toMatch(advice);
    expect(text).toMatch(/The monitor keeps retrying on its own\.$/);
  });

  it('advises nothing while connected without error, and waits for an error when disconnected', () => {
    expect(kafkaAdvice(kafka({}))).toBeNull();
    expect(kafkaAdvice(kafka({ state: 'disconnected' }))).toMatch(/^Not connected and no error reported yet\./);
  });
});

describe('KafkaConnection', () => {
  const show = (over: Partial<Kafka>) => {
    renderWithClient(<KafkaConnection kafka={kafka(over)} now={NOW} />);
    return screen.getByRole('region', { name: 'Kafka connection' });
  };

  it('shows the state, how long it has lasted, and the brokers', () => {
    const region = show({ since: NOW - 90_000, brokers: ['kafka-0:9092', 'kafka-1:9092'] });
    expect(within(region).getByText('Connected')).toBeTruthy();
    expect(region.textContent).toContain('(1 min 30 s)');
    expect(within(region).getByText('kafka-1:9092')).toBeTruthy();
    expect(within(region).getByText('none', { selector: 'span' })).toBeTruthy();
  });

  it('shows the last error with what to check', () => {
    const region = show({ state: 'disconnected', lastError: 'connect ECONNREFUSED 127.0.0.1:9092', brokers: [] });
    expect(within(region).getByText('Disconnected')).toBeTruthy();
    expect(within(region).getByText('connect ECONNREFUSED 127.0.0.1:9092')).toBeTruthy();
    expect(within(region).getByText(/^The broker cannot be reached/)).toBeTruthy();
    expect(within(region).getByText('none configured')).toBeTruthy();
  });
});
