// 督查记录: the inspections this org ran and those of it (and below), filtered in the URL.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Empty, Grid, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, type InspectionView } from '@lianxin/contract';
import { useCan } from '../../../../app/auth';
import { useI18n } from '../../../../app/i18n';
import { MoreButton } from '../../../../app/pager';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../../app/ui';
import { useUrlState } from '../../../../app/url-state';
import { useInspections } from '../../dispatch.api';
import { useDispatchT } from '../../dispatch.messages';
import { InspectionKindTag, InspectionTabs } from '../../components/InspectionBits';
import '../../dispatch.css';

export function InspectionListPage() {
  const t = useDispatchT();
  const { label } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['kind', 'q'] as const);
  // searched (inspectors, the inspecting and the inspected units' names) and filtered by kind on the server
  const q = useInspections({ q: values.q, kind: values.kind });
  const rows = q.data ?? [];
  const findingsTag = (i: InspectionView) => {
    if (!i.findings.length) return <span className="lx-muted">{t('insp.finding.none')}</span>;
    const inLedger = i.findings.filter((f) => f.problemId).length;
    return (
      <Space size={4}>
        <Tag color={inLedger === i.findings.length ? 'green' : 'orange'}>{t('insp.findingsCount', { n: i.findings.length })}</Tag>
        <span className="lx-muted">{t('insp.inLedgerCount', { n: inLedger, total: i.findings.length })}</span>
      </Space>
    );
  };

  return (
    <div className="lx-dispatch" data-testid="inspection-list">
      <PageHead
        title={t('insp.title')}
        extra={
          can('inspection:write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inspections/new')} data-testid="new-inspection" block={phone}>
              {t('insp.new')}
            </Button>
          ) : undefined
        }
      />
      <InspectionTabs current="list" />
      <Space wrap style={{ marginBottom: 12, width: phone ? '100%' : undefined }} className="lx-inbox-filters">
        <Input.Search allowClear placeholder={t('insp.search')} defaultValue={values.q} onSearch={(v) => update({ q: v })} style={{ width: phone ? '100%' : 240 }} />
        <Select
          allowClear
          placeholder={t('insp.kind')}
          value={values.kind}
          onChange={(kind) => update({ kind })}
          style={{ width: phone ? '100%' : 180 }}
          options={INSPECTION_KINDS.map((k) => ({ value: k, label: label(INSPECTION_KIND_LABELS[k]) }))}
          data-testid="inspection-kind-filter"
        />
      </Space>
      <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {phone ? (
        <SimpleList
          items={rows}
          loading={q.isPending}
          rowKey={(i) => i.id}
          testId="inspection-cards"
          render={(i) => (
            <Link to={`/inspections/${i.id}`} className="lx-assignment">
              <div className="lx-assignment-main">
                <div className="lx-assignment-title">
                  <InspectionKindTag kind={i.kind} />
                  <span>{i.targets.map((x) => x.name).join('、')}</span>
                </div>
                <div className="lx-assignment-meta">
                  <span>{i.inspectedOn}</span>
                  <span>{i.org.name}</span>
                  {i.score !== null && <span>{t('insp.score')} {i.score}</span>}
                  {findingsTag(i)}
                </div>
              </div>
              <RightOutlined className="lx-muted" />
            </Link>
          )}
        />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<InspectionView>
            rowKey="id"
            loading={q.isPending}
            dataSource={rows}
            pagination={false}
            data-testid="inspection-table"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.empty')} /> }}
            onRow={(i) => ({ onClick: () => navigate(`/inspections/${i.id}`), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('insp.date'), dataIndex: 'inspectedOn', width: 120 },
              { title: t('insp.kind'), width: 150, render: (_, i) => <InspectionKindTag kind={i.kind} /> },
              { title: t('insp.targets'), render: (_, i) => <Link to={`/inspections/${i.id}`}>{i.targets.map((x) => x.name).join('、')}</Link> },
              { title: t('insp.org'), width: 180, render: (_, i) => i.org.name },
              { title: t('insp.inspectors'), dataIndex: 'inspectors', width: 160 },
              { title: t('insp.score'), dataIndex: 'score', width: 80, render: (v: number | null) => (v === null ? '—' : v) },
              { title: t('insp.findings'), width: 160, render: (_, i) => findingsTag(i) },
            ]}
          />
        </Card>
      )}
      <MoreButton list={q} testId="inspection-more" />
    </div>
  );
}
