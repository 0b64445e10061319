import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { compensatedOrder } from '../../testing/fixtures/timeline';
import { SagaDetail } from '../../lib/wire/rest';
import { answer, failure, fakeFetch, invalidAnswer } from '../../testing/components/fake-fetch';
import { renderHookWithClient } from '../../testing/components/render';
import { stuckAlert } from '../../testing/components/wire-fixtures';
import { AlertList, useAlerts, useSaga } from './use-snapshots';

/** Every field read at render: tanstack re-renders only for the fields a render read, and tests read them later. */
const useSagaResult = (id: string) => ({ ...useSaga(id) });

describe('useSaga', () => {
  it('gives up at once on a saga the monitor does not know', async () => {
    const api = fakeFetch().on('GET', '/api/sagas/o-1', failure(404, 'no saga with this id'));
    const { result } = renderHookWithClient(() => useSagaResult('o-1'));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(api.requests('GET', '/api/sagas/o-1')).toHaveLength(1);
  });

  it('asks once more after any other failure', async () => {
    const api = fakeFetch().on('GET', '/api/sagas/o-1', failure(503, 'store is rebuilding'));
    const { result } = renderHookWithClient(() => useSagaResult('o-1'));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(api.requests('GET', '/api/sagas/o-1')).toHaveLength(2);
  });

  it('refuses a detail that does not parse', async () => {
    fakeFetch().on('GET', `/api/sagas/${compensatedOrder.id}`, invalidAnswer({ ...compensatedOrder, steps: 'all of them' }));
    const { result } = renderHookWithClient(() => useSagaResult(compensatedOrder.id));
    await waitFor(() => expect(result.current.error?.message).toMatch(/^unexpected response from /));
  });

  it('reads the saga', async () => {
    fakeFetch().on('GET', `/api/sagas/${compensatedOrder.id}`, answer(SagaDetail, compensatedOrder));
    const { result } = renderHookWithClient(() => useSagaResult(compensatedOrder.id));
    await waitFor(() => expect(result.current.data).toEqual(compensatedOrder));
  });
});

describe('useAlerts', () => {
  it('reads the alerts out of their envelope', async () => {
    const alerts = [stuckAlert('o-1')];
    fakeFetch().on('GET', '/api/alerts', answer(AlertList, { items: alerts }));
    const { result } = renderHookWithClient(() => ({ ...useAlerts() }));
    await waitFor(() => expect(result.current.data).toEqual(alerts));
  });
});
