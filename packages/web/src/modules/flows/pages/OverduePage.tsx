// 失职预警: the steps past their time limit under the account's scope, rolled up per unit below
// (the township sees its villages', the county every township's), each a tap from its matter.
import { Link } from 'react-router';
import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { FLOW_LEVEL_LABELS, type OverdueItem, type OverdueList } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useOverdue } from '../flows.api';
import { useFlowsT } from '../flows.messages';
import { FlowsNav } from '../components/FlowsNav';

export function OverduePage() {
  const t = useFlowsT();
  const { lang } = useI18n();
  const { values, update } = useUrlState(['orgId', 'page'] as const);
  const orgId = toInt(values.orgId);
  const q = useOverdue(orgId, toInt(values.page));
  const d = q.data;
  usePageCrumb(d && orgId ? d.org.name : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <div data-testid="flows-overdue">
      <PageHead title={t('overdue.title')} />
      <FlowsNav />
      {!d ? <Card><Skeleton active /></Card> : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={`${d.org.name} · ${t('overdue.total')}`} value={d.total} valueStyle={d.total ? { color: '#c00' } : undefined} /></Card></Col>
          </Row>
          {d.total === 0 ? <Card><Empty description={t('overdue.none')} /></Card> : (
            <>
              {d.byUnit.some((u) => u.org.id !== d.org.id) && (
                <Card size="small" title={t('overdue.byUnit')} style={{ marginBottom: 12 }} data-testid="overdue-units">
                  <SimpleList<OverdueList['byUnit'][number]>
                    items={d.byUnit}
                    rowKey={(u) => u.org.id}
                    render={(u) => (
                      <Link to={`/flows/overdue?orgId=${u.org.id}`} style={{ display: 'flex', justifyContent: 'space-between' }} data-testid="overdue-unit">
                        <strong>{u.org.name}</strong>
                        <span><Tag color="red">{u.overdue}</Tag><Typography.Text type="secondary">{t('overdue.worst', { n: u.worstDays })}</Typography.Text></span>
                      </Link>
                    )}
                  />
                </Card>
              )}
              <Card size="small">
                <Table<OverdueItem>
                  rowKey={(i) => i.id}
                  dataSource={d.items}
                  size="small"
                  scroll={{ x: 640 }}
                  data-testid="overdue-items"
                  pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: (p) => update({ page: String(p) }), showSizeChanger: false }}
                  columns={[
                    { title: t('new.name'), render: (_, i) => <Link to={`/flows/matters/${i.id}`} data-testid="overdue-item">{i.title}</Link> },
                    { title: t('matters.org'), render: (_, i) => i.org.name },
                    { title: t('matters.step'), render: (_, i) => `${i.step}（${FLOW_LEVEL_LABELS[i.level][lang]}）` },
                    { title: t('matters.due'), dataIndex: 'dueOn' },
                    { title: '', render: (_, i) => <Tag color="red">{t('matters.late', { n: i.overdueDays })}</Tag> },
                  ]}
                />
              </Card>
            </>
          )}
        </>
      )}
    </div>
  );
}
