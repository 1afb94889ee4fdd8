// The few building blocks of the public pages, in plain HTML and CSS (no admin UI library):
// a page frame, a card, a labelled field with its error, a big button, a notice.
import { useEffect, type ReactNode } from 'react';
import { usePublicT } from './public.messages';

export type PublicT = ReturnType<typeof usePublicT>;

export function Shell({ title, sub, brand, i18n, children, testId = 'public-page' }: { title: string; sub?: string; brand: string; i18n: PublicT; children: ReactNode; testId?: string }) {
  useEffect(() => {
    document.title = `${title} · ${brand}`;
  }, [title, brand]);
  return (
    <div className="lx-pub" data-testid={testId}>
      <header className="lx-pub-top">
        <div className="brand">
          <span>{brand}</span>
          <button type="button" className="lx-pub-lang" onClick={() => i18n.setLang(i18n.lang === 'zh' ? 'en' : 'zh')}>{i18n.lang === 'zh' ? 'English' : '中文'}</button>
        </div>
        <h1>{title}</h1>
        {sub && <div className="sub">{sub}</div>}
      </header>
      <main className="lx-pub-main">{children}</main>
    </div>
  );
}

export function Card({ title, children, testId, className, id }: { title?: ReactNode; children: ReactNode; testId?: string; className?: string; id?: string }) {
  return (
    <section id={id} className={`lx-pub-card${className ? ` ${className}` : ''}`} data-testid={testId}>
      {title && <h2>{title}</h2>}
      {children}
    </section>
  );
}

export function Field({ id, label, error, help, children }: { id: string; label: ReactNode; error?: string; help?: string; children: ReactNode }) {
  return (
    <div className={`lx-pub-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <div className="err" role="alert" id={`${id}-error`}>{error}</div> : help ? <div className="help">{help}</div> : null}
    </div>
  );
}

export function Notice({ kind, children, testId }: { kind: 'error' | 'warning' | 'success' | 'info'; children: ReactNode; testId?: string }) {
  return (
    <div className={`lx-pub-notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

export function Button({ children, primary, busy, disabled, type = 'button', onClick, testId }: { children: ReactNode; primary?: boolean; busy?: boolean; disabled?: boolean; type?: 'button' | 'submit'; onClick?: () => void; testId?: string }) {
  return (
    <button type={type} className={`lx-pub-btn${primary ? ' primary' : ''}`} disabled={disabled || busy} aria-busy={busy || undefined} onClick={onClick} data-testid={testId}>
      {busy && <span className="spin" aria-hidden />}
      {children}
    </button>
  );
}

export function Skeleton() {
  return (
    <div className="lx-pub-skeleton" aria-busy="true">
      <i style={{ width: '60%' }} />
      <i />
      <i />
      <i style={{ width: '80%' }} />
    </div>
  );
}

/** YYYY-MM-DD HH:mm in China Standard Time, from an ISO timestamp. */
export function dateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
