// Shared pieces of the funds pages: amounts in yuan from fen (exact: integer fen in, a string out),
// the year picker kept in the URL, and the section switcher.
import { useLocation, useNavigate } from 'react-router';
import { Segmented, Select } from 'antd';
import { useCan } from '../../../app/auth';
import { useFundsT } from '../funds.messages';

/** 1234567 fen → "12,345.67" (integer arithmetic: no float rounding). */
export function yuan(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 100).toLocaleString('zh-CN');
  const cents = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${cents}`;
}

/** A yuan amount typed in a form (at most two decimals) → fen; undefined when it is not one. */
export function toFen(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const s = String(value).trim();
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return undefined;
  const [w, c = ''] = s.split('.');
  return Number(w) * 100 + Number(c.padEnd(2, '0'));
}

export const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

export function YearSelect({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  const y = thisYear();
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ width: 110 }}
      data-testid="year-select"
      options={[y + 1, y, y - 1, y - 2, y - 3].map((v) => ({ value: v, label: `${v} 年` }))}
    />
  );
}

export function FundsNav() {
  const t = useFundsT();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = [
    { value: '/funds', label: t('nav.rollup') },
    { value: '/funds/allowances', label: t('nav.allowances') },
    { value: '/funds/former-cadres', label: t('nav.former') },
    { value: '/funds/awards', label: t('nav.awards') },
    ...(can('funds:configure') ? [{ value: '/funds/standards', label: t('nav.standards') }, { value: '/funds/allowance-standards', label: t('nav.allowStd') }] : []),
  ];
  const current = [...items].sort((a, b) => b.value.length - a.value.length).find((i) => pathname.startsWith(i.value))?.value ?? '/funds';
  return (
    <div style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented value={current} options={items} onChange={(v) => navigate(String(v))} data-testid="funds-nav" />
    </div>
  );
}

export function FacilitiesNav() {
  const t = useFundsT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = [
    { value: '/facilities', label: t('nav.checklists') },
    { value: '/venues', label: t('nav.venues') },
  ];
  const current = pathname.startsWith('/venues') ? '/venues' : '/facilities';
  return (
    <div style={{ marginBottom: 12 }}>
      <Segmented value={current} options={items} onChange={(v) => navigate(String(v))} data-testid="facilities-nav" />
    </div>
  );
}
