// 三个方面 × 三个分项: a 3 × 3 table of the year's projects in scope; every cell opens the list of its projects.
import { Link } from 'react-router';
import { Card, Select, Skeleton, Space } from 'antd';
import { PROJECT_AIMS, PROJECT_AIM_LABELS, PROJECT_CLASSES, PROJECT_CLASS_LABELS } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useProjectMatrix } from '../projects.api';
import { useProjectsT } from '../projects.messages';

const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

export function ProjectMatrixPage() {
  const t = useProjectsT();
  const { label } = useI18n();
  const { values, update: set } = useUrlState(['year', 'orgId', 'assistance'] as const);
  const q = useProjectMatrix({ year: toInt(values.year) ?? thisYear(), orgId: toInt(values.orgId), assistance: values.assistance as 'yes' | 'no' | undefined });
  const m = q.data;
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!m) return <Card><Skeleton active /></Card>;
  const years = Array.from({ length: 5 }, (_, i) => thisYear() + 1 - i);
  const cell = (aim: string, cls: string) => m.cells.find((c) => c.aim === aim && c.class === cls)?.count ?? 0;
  const href = (aim: string, cls: string) => `/projects?year=${m.year}&aim=${aim}&class=${cls}${values.orgId ? `&orgId=${values.orgId}` : ''}${values.assistance ? `&assistance=${values.assistance}` : ''}`;
  const th: React.CSSProperties = { padding: '10px 12px', background: '#fafafa', border: '1px solid #f0f0f0', textAlign: 'center' };
  const td: React.CSSProperties = { padding: '14px 12px', border: '1px solid #f0f0f0', textAlign: 'center', fontSize: 22 };
  return (
    <div data-testid="project-matrix">
      <PageHead title={t('matrix.title')} extra={
        <Space>
          <Select aria-label={t('list.year')} value={m.year} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}` }))} onChange={(v) => set({ year: String(v) })} />
          <Select aria-label={t('list.assistance')} placeholder={t('list.assistance')} allowClear style={{ width: 170 }} value={values.assistance}
            options={[{ value: 'yes', label: t('list.assistYes') }, { value: 'no', label: t('list.assistNo') }]} onChange={(v) => set({ assistance: v })} />
        </Space>
      } />
      <Card size="small">
        <div style={{ overflowX: 'auto' }}>
          <table style={{ borderCollapse: 'collapse', width: '100%', minWidth: 340 }}>
            <thead>
              <tr><th style={th}>{t('list.aim')} \\ {t('list.class')}</th>{PROJECT_CLASSES.map((c) => <th key={c} style={th}>{label(PROJECT_CLASS_LABELS[c])}</th>)}</tr>
            </thead>
            <tbody>
              {PROJECT_AIMS.map((a) => (
                <tr key={a}>
                  <th style={{ ...th, textAlign: 'left' }}>{label(PROJECT_AIM_LABELS[a])}</th>
                  {PROJECT_CLASSES.map((c) => (
                    <td key={c} style={td}><Link to={href(a, c)} data-testid={`cell-${a}-${c}`}>{cell(a, c)}</Link></td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p style={{ marginTop: 8 }}>{t('matrix.total', { n: m.total })}</p>
      </Card>
    </div>
  );
}
