import { HealthView } from '../../components/health/health-view';

export const metadata = { title: 'Health · Saga Monitor' };

export default function HealthPage() {
  return <HealthView />;
}
