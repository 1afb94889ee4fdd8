// 问责记录: 通报批评, 限期整改, 约谈, 诫勉谈话, 调离岗位, 大会检讨 against an org or a person in scope,
// linked to the inspection or ledger problem that caused it. Filter by kind in the URL.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Grid, Select, Space, Table } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { ACCOUNTABILITY_KIND_LABELS, ACCOUNTABILITY_KINDS } from '@lianxin/contract';
import { useCan } from '../../../../app/auth';
import { useI18n } from '../../../../app/i18n';
import { usePageCrumb } from '../../../../app/page-context';
import { MoreButton } from '../../../../app/pager';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../../app/ui';
import { useUrlState } from '../../../../app/url-state';
import { useAccountabilityList, type Accountability } from '../../dispatch.api';
import { useDispatchT } from '../../dispatch.messages';
import { AccountabilityKindTag, AccountabilityModal, InspectionTabs } from '../../components/InspectionBits';
import '../../dispatch.css';

export function AccountabilityPage() {
  const t = useDispatchT();
  const { label } = useI18n();
  usePageCrumb(t('insp.tab.accountability'));
  const can = useCan();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['kind'] as const);
  const [open, setOpen] = useState(false);
  // filtered by kind on the server; each kind's count is the server's over the whole scope
  const q = useAccountabilityList(values.kind);
  const rows = q.data ?? [];
  const counts = q.first?.counts;
  const target = (a: Accountability) => [a.targetOrg?.name, a.targetPerson?.name].filter(Boolean).join(' · ');
  const links = (a: Accountability) => (
    <Space size={8} wrap>
      {a.inspectionId && <Link to={`/inspections/${a.inspectionId}`}>{t('link.inspection', { id: a.inspectionId })}</Link>}
      {a.problemId && <Link to={`/ledger/${a.problemId}`}>{t('link.problem', { id: a.problemId })}</Link>}
      {!a.inspectionId && !a.problemId && <span className="lx-muted">—</span>}
    </Space>
  );
  return (
    <div className="lx-dispatch" data-testid="accountability-page">
      <PageHead
        title={t('insp.title')}
        extra={
          can('inspection:accountability') ? (
            <Button type="primary" danger icon={<WarningOutlined />} onClick={() => setOpen(true)} data-testid="new-accountability" block={phone}>
              {t('insp.account')}
            </Button>
          ) : undefined
        }
      />
      <InspectionTabs current="accountability" />
      <Select
        allowClear
        placeholder={t('acc.kind')}
        value={values.kind}
        onChange={(kind) => update({ kind })}
        style={{ width: phone ? '100%' : 200, marginBottom: 12 }}
        options={ACCOUNTABILITY_KINDS.map((k) => ({ value: k, label: counts ? `${label(ACCOUNTABILITY_KIND_LABELS[k])} ${counts[k]}` : label(ACCOUNTABILITY_KIND_LABELS[k]) }))}
        data-testid="acc-filter"
      />
      <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {phone ? (
        <SimpleList
          items={rows}
          loading={q.isPending}
          rowKey={(a) => a.id}
          testId="accountability-cards"
          render={(a) => (
            <div>
              <div className="lx-head-line">
                <AccountabilityKindTag kind={a.kind} />
                <strong>{target(a)}</strong>
              </div>
              <div>{a.reason}</div>
              <div className="lx-assignment-meta">
                <span>{a.decidedOn}</span>
                <span>{a.decidedBy.name}</span>
                {links(a)}
              </div>
            </div>
          )}
        />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Accountability>
            rowKey="id"
            loading={q.isPending}
            dataSource={rows}
            pagination={false}
            data-testid="accountability-table"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('acc.empty')} /> }}
            columns={[
              { title: t('acc.decidedOn'), dataIndex: 'decidedOn', width: 120 },
              { title: t('acc.kind'), width: 130, render: (_, a) => <AccountabilityKindTag kind={a.kind} /> },
              { title: t('acc.target'), width: 200, render: (_, a) => target(a) },
              { title: t('acc.reason'), dataIndex: 'reason' },
              { title: t('acc.decidedBy'), width: 160, render: (_, a) => a.decidedBy.name },
              { title: t('acc.linked'), width: 200, render: (_, a) => links(a) },
            ]}
          />
        </Card>
      )}
      {open && <AccountabilityModal open onClose={() => setOpen(false)} />}
      <MoreButton list={q} testId="accountability-more" />
    </div>
  );
}
