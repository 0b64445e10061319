import type { ReactNode } from 'react';

export const metadata = { title: 'Saga Monitor', description: 'Live view of sagas running on Kafka' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem', color: '#1b1f24' }}>{children}</body>
    </html>
  );
}
