import { LiveSummary } from '../components/live-summary';

export default function HomePage() {
  return (
    <main>
      <h1>Saga Monitor</h1>
      <LiveSummary />
    </main>
  );
}
