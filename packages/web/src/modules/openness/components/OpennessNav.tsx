// The sections of 三务公开 as tabs: the board, finance audits, registers, the county's settings.
import { useLocation, useNavigate } from 'react-router';
import { Segmented } from 'antd';
import { useCan } from '../../../app/auth';
import { useOpennessT } from '../openness.messages';

export function OpennessNav() {
  const t = useOpennessT();
  const can = useCan();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const options = [
    { value: '/openness', label: t('nav.board') },
    { value: '/openness/audits', label: t('nav.audits') },
    { value: '/openness/registers', label: t('nav.registers') },
    ...(can('openness:configure') ? [{ value: '/openness/settings', label: t('nav.settings') }] : []),
  ];
  const current = [...options].reverse().find((o) => pathname.startsWith(o.value))?.value ?? '/openness';
  return (
    <div style={{ marginBottom: 12, overflowX: 'auto' }}>
      <Segmented options={options} value={current} onChange={(v) => navigate(String(v))} data-testid="openness-nav" />
    </div>
  );
}
