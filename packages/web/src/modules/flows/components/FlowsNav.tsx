// The four views of 小微权力, one tap apart: matters, dereliction warnings, flows, duty lists.
import { useLocation, useNavigate } from 'react-router';
import { Segmented } from 'antd';
import { useFlowsT } from '../flows.messages';

const VIEWS = [
  { path: '/flows', key: 'tabs.matters' },
  { path: '/flows/overdue', key: 'tabs.overdue' },
  { path: '/flows/templates', key: 'tabs.flows' },
  { path: '/flows/duties', key: 'tabs.duties' },
] as const;

export function FlowsNav() {
  const t = useFlowsT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = [...VIEWS].reverse().find((v) => pathname.startsWith(v.path))?.path ?? '/flows';
  return (
    <div style={{ overflowX: 'auto', marginBottom: 12 }}>
      <Segmented
        value={current}
        onChange={(v) => navigate(String(v))}
        options={VIEWS.map((v) => ({ value: v.path, label: <span data-testid={`flows-nav-${v.key.split('.')[1]}`}>{t(v.key)}</span> }))}
      />
    </div>
  );
}
