import type { Metadata } from 'next';
import { SagaDetailView } from '../../../components/saga-detail/saga-detail-view';

type Params = { params: Promise<{ id: string }> };

/** The route param arrives URL-encoded; a malformed escape is kept as typed rather than failing the page. */
function sagaId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${sagaId((await params).id)} · Saga Monitor` };
}

export default async function SagaPage({ params }: Params) {
  const id = sagaId((await params).id);
  // key: a different saga is a fresh view (expanded rows and copy feedback belong to one saga).
  return <SagaDetailView key={id} id={id} />;
}
