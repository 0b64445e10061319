/** Every query key of the dashboard; socket-fed caches are patched through these, so they must be the only source. */
export interface SagaListFilters {
  status: string[];
  type: string[];
  step: string[];
  q: string;
  sort: 'updated' | 'started';
  /** Finding kinds (any of them); absent means none, so links and tests written before findings keep working. */
  finding?: string[];
}

export const queryKeys = {
  all: ['saga-monitor'] as const,
  sagaLists: () => ['saga-monitor', 'sagas'] as const,
  sagaList: (filters: SagaListFilters) => ['saga-monitor', 'sagas', filters] as const,
  saga: (id: string) => ['saga-monitor', 'saga', id] as const,
  stats: () => ['saga-monitor', 'stats'] as const,
  aging: () => ['saga-monitor', 'aging'] as const,
  health: () => ['saga-monitor', 'health'] as const,
  alerts: () => ['saga-monitor', 'alerts'] as const,
  consumers: () => ['saga-monitor', 'consumers'] as const,
};
