export default async function SagaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <h1>{decodeURIComponent(id)}</h1>;
}
