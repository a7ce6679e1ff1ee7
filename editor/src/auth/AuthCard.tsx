import type { ReactNode } from 'react';

/** The narrow centred card of the pages shown before signing in. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <section className="auth-card" aria-labelledby="auth-title">
        <p className="auth-brand">Hookflow</p>
        <h1 id="auth-title">{title}</h1>
        {children}
      </section>
    </main>
  );
}
