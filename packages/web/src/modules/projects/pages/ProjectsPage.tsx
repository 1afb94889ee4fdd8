// 党建项目清单: filters as URL state (year, aim, class, state, unit, assistance, and the board's
// drill-downs late/overdue), a table on a desktop and cards on a phone; each row opens the project.
import { Link, useNavigate } from 'react-router';
import { Button, Card, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import { PROJECT_AIMS, PROJECT_AIM_LABELS, PROJECT_CLASSES, PROJECT_CLASS_LABELS, PROJECT_STATES, PROJECT_STATE_LABELS, type ProjectListQuery, type ProjectRow } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { ProgressCell, ReportsCell } from '../components';
import { useProjects } from '../projects.api';
import { useProjectsT } from '../projects.messages';

const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

export function ProjectsPage() {
  const t = useProjectsT();
  const { label } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update: set } = useUrlState(['year', 'aim', 'class', 'status', 'orgId', 'assistance', 'late', 'overdue', 'page'] as const);
  const q: ProjectListQuery = {
    year: toInt(values.year) ?? thisYear(),
    aim: values.aim as ProjectListQuery['aim'],
    class: values.class as ProjectListQuery['class'],
    status: values.status as ProjectListQuery['status'],
    orgId: toInt(values.orgId),
    assistance: values.assistance as ProjectListQuery['assistance'],
    late: values.late === 'true' ? true : undefined,
    overdue: values.overdue === 'true' ? true : undefined,
    page: toInt(values.page) ?? 1,
    pageSize: 20,
  };
  const list = useProjects(q);
  const canPropose = can('project:write');
  const years = Array.from({ length: 5 }, (_, i) => thisYear() + 1 - i);
  const opts = <T extends string>(keys: readonly T[], labels: Record<T, { zh: string; en: string }>) => keys.map((k) => ({ value: k, label: label(labels[k]) }));
  const tags = (p: ProjectRow) => (
    <Space size={4} wrap>
      <Tag bordered={false} color="blue">{label(PROJECT_AIM_LABELS[p.aim])}</Tag>
      <Tag bordered={false} color="purple">{label(PROJECT_CLASS_LABELS[p.class])}</Tag>
      <Tag bordered={false}>{label(PROJECT_STATE_LABELS[p.status])}</Tag>
      {p.sendingUnit && <Tag bordered={false} color="gold">{t('list.assistYes')}</Tag>}
      {p.excellent && <Tag bordered={false} color="red">{t('detail.excellentTag')}</Tag>}
    </Space>
  );

  return (
    <div data-testid="projects-page">
      <PageHead
        title={t('list.title')}
        extra={
          <Space wrap>
            <Link to="/projects/board"><Button data-testid="projects-board-link">{t('list.board')}</Button></Link>
            <Link to="/projects/matrix"><Button data-testid="projects-matrix-link">{t('list.matrix')}</Button></Link>
            {canPropose && <Button type="primary" onClick={() => navigate('/projects/new')} data-testid="project-new">{t('list.new')}</Button>}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select aria-label={t('list.year')} style={{ width: 110 }} value={q.year} options={years.map((y) => ({ value: y, label: `${y}` }))} onChange={(v) => set({ year: String(v), page: undefined })} data-testid="filter-year" />
          <Select aria-label={t('list.aim')} placeholder={t('list.aim')} allowClear style={{ width: 150 }} value={q.aim} options={opts(PROJECT_AIMS, PROJECT_AIM_LABELS)} onChange={(v) => set({ aim: v, page: undefined })} data-testid="filter-aim" />
          <Select aria-label={t('list.class')} placeholder={t('list.class')} allowClear style={{ width: 100 }} value={q.class} options={opts(PROJECT_CLASSES, PROJECT_CLASS_LABELS)} onChange={(v) => set({ class: v, page: undefined })} data-testid="filter-class" />
          <Select aria-label={t('list.state')} placeholder={t('list.state')} allowClear style={{ width: 130 }} value={q.status} options={opts(PROJECT_STATES, PROJECT_STATE_LABELS)} onChange={(v) => set({ status: v, page: undefined })} data-testid="filter-state" />
          <div style={{ width: 220 }}><OrgTreeSelect value={q.orgId} onChange={(v) => set({ orgId: v ? String(v) : undefined, page: undefined })} placeholder={t('list.unit')} testId="filter-unit" /></div>
          <Select aria-label={t('list.assistance')} placeholder={t('list.assistance')} allowClear style={{ width: 170 }} value={q.assistance}
            options={[{ value: 'yes', label: t('list.assistYes') }, { value: 'no', label: t('list.assistNo') }]} onChange={(v) => set({ assistance: v, page: undefined })} data-testid="filter-assistance" />
          {q.late && <Tag closable onClose={() => set({ late: undefined })} color="red">{t('list.late')}</Tag>}
          {q.overdue && <Tag closable onClose={() => set({ overdue: undefined })} color="red">{t('list.overdue')}</Tag>}
        </Space>
      </Card>
      {list.error && <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Card size="small">
        <Typography.Paragraph type="secondary" data-testid="projects-total">{t('list.total', { n: list.data?.total ?? 0 })}</Typography.Paragraph>
        {phone ? (
          <SimpleList
            items={list.data?.items ?? []}
            rowKey={(p) => p.id}
            testId="projects-list"
            empty={t('list.empty')}
            render={(p) => (
              <Link to={`/projects/${p.id}`} style={{ display: 'block' }} data-testid="project-row">
                <strong>{p.title}</strong>
                <div><Typography.Text type="secondary">{p.org.name}{p.leader ? ` · ${p.leader.name}` : ''}</Typography.Text></div>
                {tags(p)}
                <ProgressCell p={p.progress} />
                <ReportsCell r={p.reports} />
              </Link>
            )}
          />
        ) : (
          <Table<ProjectRow>
            rowKey="id"
            size="small"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('list.empty') }}
            onRow={() => ({ 'data-testid': 'project-row' }) as never}
            pagination={{ current: q.page, pageSize: 20, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (page) => set({ page: String(page) }) }}
            columns={[
              { title: t('col.title'), render: (_, p) => <div><Link to={`/projects/${p.id}`}>{p.title}</Link><div>{tags(p)}</div></div> },
              { title: t('col.unit'), render: (_, p) => p.org.name },
              { title: t('col.leader'), render: (_, p) => p.leader?.name ?? '—' },
              { title: t('col.progress'), render: (_, p) => <ProgressCell p={p.progress} /> },
              { title: t('col.reports'), render: (_, p) => <ReportsCell r={p.reports} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
