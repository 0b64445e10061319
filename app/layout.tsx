import type { ReactNode } from 'react';
import { AppNav } from '../components/app-nav';
import { ConnectionIndicator } from '../components/connection-indicator';
import { Providers } from '../components/providers';
import { StuckAlerts } from '../components/alerts/stuck-alerts';
import { SignInGate } from '../components/retry/sign-in-gate';
import './globals.css';

export const metadata = { title: 'Saga Monitor', description: 'Live view of sagas running on Kafka' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <SignInGate>
          <header className="app-header">
            <span className="app-title">Saga Monitor</span>
            <AppNav />
            <ConnectionIndicator />
          </header>
          <div className="app-main">
            <StuckAlerts />
            <main>{children}</main>
          </div>
          </SignInGate>
        </Providers>
      </body>
    </html>
  );
}
