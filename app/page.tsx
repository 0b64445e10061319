import { Suspense } from 'react';
import { AgingChart } from '../components/charts/aging-chart';
import { OverviewCharts } from '../components/charts/overview-charts';
import { StatTiles } from '../components/overview/stat-tiles';
import { SagaList } from '../components/saga-list/saga-list';

export default function OverviewPage() {
  return (
    <>
      <h1 className="visually-hidden">Overview</h1>
      <StatTiles />
      <OverviewCharts />
      {/* The list reads its filters from the URL. */}
      <Suspense fallback={<p className="muted">Loading sagas…</p>}>
        <SagaList />
      </Suspense>
      <AgingChart />
    </>
  );
}
