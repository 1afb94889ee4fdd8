// 调查研究: ≥ 2 rounds a year per station — the board of the stations in my scope (short ones
// first), the year's rounds, and for a station its plan form (topic, villages of its area, dates).
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Pagination, Select, Space, Table, Tag, Typography } from 'antd';
import { RESEARCH_GRADE_LABELS, RESEARCH_STATE_LABELS, type ResearchView } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { indexTree, useOrgTree } from '../../orgs/orgs.api';
import { APPRAISAL_PAGE_SIZE, usePlanResearch, useResearchBoard, useResearchList } from '../appraisal.api';
import { useAppraisalT } from '../appraisal.messages';
import { todayCst } from '../components/MeetingFields';

export function ResearchPage() {
  const t = useAppraisalT();
  const { lang } = useI18n();
  const me = useAccount();
  const can = useCan();
  const year = Number(todayCst().slice(0, 4));
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const board = useResearchBoard(undefined, year);
  const list = useResearchList(year, page);
  const isStation = me.roles.includes('station_admin') && me.scopeOrg.type === 'station';
  const b = board.data;
  return (
    <div data-testid="research-page">
      <PageHead title={t('rs.title')} extra={isStation && can('orglife:record') && <Button type="primary" onClick={() => setOpen(!open)} data-testid="new-research">{t('rs.new')}</Button>} />
      {open && <PlanForm stationId={me.scopeOrg.id} onDone={() => setOpen(false)} />}
      {board.error ? <ApiErrorAlert error={board.error} onRetry={() => void board.refetch()} /> : null}
      {b && (
        <Card size="small" style={{ marginBottom: 12 }} title={`${year} 年 · ${t('rs.board', { n: b.required })}`} extra={<Tag color={b.short ? 'red' : 'green'} data-testid="research-short">{t('rs.short')} {b.short} / {b.stations}</Tag>}>
          <Table
            size="small"
            rowKey={(r) => r.org.id}
            pagination={b.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
            scroll={{ x: true }}
            dataSource={b.rows}
            data-testid="research-board"
            columns={[
              { title: t('rs.station'), render: (_, r) => <span>{r.org.name}{r.township && <Typography.Text type="secondary"> · {r.township}</Typography.Text>}</span> },
              { title: t('rs.planned'), dataIndex: 'planned' },
              { title: t('rs.reported'), dataIndex: 'reported' },
              { title: t('rs.appraised'), dataIndex: 'appraised' },
              { title: '', render: (_, r) => <Tag color={r.short ? 'red' : 'green'}>{r.short ? t('rs.short') : t('rs.ok')}</Tag> },
            ]}
          />
        </Card>
      )}
      <Card size="small">
        {list.error ? <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <SimpleList<ResearchView>
          items={list.data?.items ?? []}
          loading={list.isLoading}
          rowKey={(r) => r.id}
          testId="research-list"
          empty={t('rs.empty')}
          render={(r) => (
            <Link to={`/orglife/research/${r.id}`} style={{ display: 'block' }}>
              <Space wrap>
                <strong>{r.topic}</strong>
                <Tag>{RESEARCH_STATE_LABELS[r.status][lang]}</Tag>
                {r.grade && <Tag color="green">{RESEARCH_GRADE_LABELS[r.grade][lang]}</Tag>}
              </Space>
              <div><Typography.Text type="secondary">{r.org.name} · {r.startsOn}{r.endsOn !== r.startsOn ? ` 至 ${r.endsOn}` : ''} · {r.villages.map((v) => v.name).join('、')}</Typography.Text></div>
            </Link>
          )}
        />
        {(list.data?.total ?? 0) > APPRAISAL_PAGE_SIZE && <Pagination size="small" style={{ marginTop: 8 }} current={page} pageSize={APPRAISAL_PAGE_SIZE} total={list.data?.total} onChange={setPage} showSizeChanger={false} />}
      </Card>
    </div>
  );
}

function PlanForm({ stationId, onDone }: { stationId: number; onDone: () => void }) {
  const t = useAppraisalT();
  const navigate = useNavigate();
  const tree = useOrgTree();
  const plan = usePlanResearch();
  const today = todayCst();
  const villages = useMemo(() => {
    const index = indexTree(tree.data?.nodes, tree.data?.rootId);
    return (index.children.get(stationId) ?? []).filter((c) => c.status === 'active' && (c.type === 'village' || c.type === 'community'));
  }, [tree.data, stationId]);
  const [form] = Form.useForm<{ topic: string; villageIds: number[]; startsOn: string; endsOn: string }>();
  return (
    <Card size="small" title={t('rs.new')} style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" initialValues={{ startsOn: today, endsOn: today, villageIds: [] }}
        onFinish={(v) => plan.mutate({ orgId: stationId, topic: v.topic, villageIds: v.villageIds, startsOn: v.startsOn, endsOn: v.endsOn }, { onSuccess: (r) => { onDone(); void navigate(`/orglife/research/${r.id}`); } })}>
        <Form.Item name="topic" label={t('rs.topic')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} data-testid="research-topic" /></Form.Item>
        <Form.Item name="villageIds" label={t('rs.villages')} rules={[{ required: true }]}>
          <Select mode="multiple" options={villages.map((v) => ({ value: v.id, label: v.name }))} data-testid="research-villages" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startsOn" label={t('rs.startsOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="endsOn" label={t('rs.endsOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        </Space>
        {plan.error ? <Alert type="error" showIcon title={plan.error instanceof Error ? plan.error.message : String(plan.error)} style={{ marginBottom: 8 }} data-testid="research-error" /> : null}
        <Button type="primary" htmlType="submit" block size="large" loading={plan.isPending} data-testid="plan-research">{t('rs.plan')}</Button>
      </Form>
    </Card>
  );
}
