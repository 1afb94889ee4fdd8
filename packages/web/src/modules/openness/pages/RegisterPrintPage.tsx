// A book as an A4 page to print or save as PDF from the browser's print dialog (landscape when it
// has many columns): the unit and year at the top, a numbered table, page numbers in the footer.
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { Skeleton } from 'antd';
import { toInt, useUrlState } from '../../../app/url-state';
import { ApiErrorAlert } from '../../../app/ui';
import { useRegister } from '../openness.api';
import { useOpennessT } from '../openness.messages';
import '../openness-print.css';

export function RegisterPrintPage() {
  const t = useOpennessT();
  const code = useParams().code!;
  const { values } = useUrlState(['orgId', 'year'] as const);
  const q = useRegister(code, toInt(values.orgId), toInt(values.year));
  const r = q.data;
  const wide = (r?.book.columns.length ?? 0) > 6;
  useEffect(() => {
    if (!r) return;
    document.title = `${r.book.name}_${r.org.name}_${r.year}`;
    const style = document.createElement('style');
    style.textContent = `@page { size: A4 ${wide ? 'landscape' : 'portrait'}; margin: 14mm 12mm; }`;
    document.head.appendChild(style);
    return () => style.remove();
  }, [r, wide]);
  if (q.error) return <ApiErrorAlert error={q.error} />;
  if (!r) return <Skeleton active />;
  return (
    <div className={`lx-print ${wide ? 'lx-print-wide' : ''}`} data-testid="register-print">
      <div className="lx-print-bar">
        <button type="button" onClick={() => window.print()} data-testid="do-print">{t('register.printNow')}</button>
      </div>
      <h1>{r.book.name}</h1>
      <div className="lx-print-meta">
        <span>{t('print.unit')}：{[r.county, r.township, r.org.name].filter(Boolean).join(' · ')}</span>
        <span>{t('print.year')}：{r.year}</span>
        <span>{t('print.source')}：{r.sourceLabel}</span>
      </div>
      <table>
        <thead>
          <tr><th className="seq">{t('register.seq')}</th>{r.book.columns.map((c) => <th key={c.key}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {r.rows.length === 0 && <tr><td colSpan={r.book.columns.length + 1} className="empty">{t('register.empty')}</td></tr>}
          {r.rows.map((row, i) => (
            <tr key={i}><td className="seq">{i + 1}</td>{r.book.columns.map((c) => <td key={c.key}>{row[c.key] ?? ''}</td>)}</tr>
          ))}
        </tbody>
      </table>
      <div className="lx-print-sign"><span>{t('print.keeper')}：</span><span>{t('print.checker')}：</span><span>{t('print.printedOn')}：{new Date().toLocaleDateString('zh-CN')}</span></div>
    </div>
  );
}
