// 考核评分: the score sheets of the scope — all, or the review queue (待审核) — and, for a scoring
// township, a new sheet for a unit below it and a month. Cards, so a phone reads them too.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input, Segmented, Select, Space, Tag } from 'antd';
import { SUBJECT_KIND_LABELS, type OpenSheetBody, type SheetState } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { useOpenSheet, useOpenSheets, useSchemes, useSheets, useSubjects } from '../assessment.api';
import { useAssessmentT } from '../assessment.messages';

const STATUS_COLOR: Record<SheetState, string> = { draft: 'blue', submitted: 'orange', passed: 'cyan', published: 'green', appealed: 'red', locked: 'default' };
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

export function SheetsPage() {
  const t = useAssessmentT();
  const can = useCan();
  const me = useAccount();
  const navigate = useNavigate();
  usePageCrumb(t('sheets.title'));
  const [tab, setTab] = useState<'all' | 'review'>(me.roles.includes('county_admin') ? 'review' : 'all');
  const sheets = useSheets({ status: tab === 'review' ? 'submitted' : undefined, pageSize: 100 });
  // every published scheme to choose from (a county publishes a few a year)
  const schemes = useSchemes({ status: 'published', pageSize: 200 });
  const open = useOpenSheet();
  const openAll = useOpenSheets();
  const [form] = Form.useForm<{ schemeId: number; subjectId: number; period: string }>();
  // a township scores its units and its villages' projects; the county scores townships, first secretaries and its own units' projects
  const scorer = can('assessment:score') && (me.roles.includes('township_admin') || me.roles.includes('county_admin'));
  const published = schemes.data?.items ?? [];
  const schemeId = Form.useWatch('schemeId', form);
  const period = Form.useWatch('period', form);
  const chosen = published.find((s) => s.id === schemeId);
  const kind = chosen?.subjectKind ?? 'org';
  const [subjectSearch, setSubjectSearch] = useState('');
  const subjects = useSubjects({ schemeId: kind === 'org' ? undefined : schemeId, period, q: subjectSearch.trim() });
  const FIELD = { org: 'orgId', first_secretary: 'postId', project: 'projectId' } as const;

  return (
    <div data-testid="assessment-sheets">
      <PageHead
        title={t('sheets.title')}
        extra={
          <Space>
            <Link to="/assessment/schemes">{t('sheets.schemes')}</Link>
            <Link to="/assessment/results">{t('sheets.results')}</Link>
            <Link to="/assessment/subsidies">绩效补贴</Link>
          </Space>
        }
      />
      {scorer && (
        <Card size="small" title={t('sheets.new')} style={{ marginBottom: 12 }}>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ period: thisMonth() }}
            onFinish={(v) => open.mutate({ schemeId: v.schemeId, period: v.period, [FIELD[kind]]: v.subjectId } as OpenSheetBody, { onSuccess: (s) => navigate(`/assessment/sheets/${s.id}`) })}
          >
            <Form.Item name="schemeId" label={t('sheets.scheme')} rules={[{ required: true }]}>
              <Select
                data-testid="sheet-scheme"
                onChange={(id) => {
                  const s = published.find((x) => x.id === id);
                  // first secretaries and projects are assessed once a year: their indicators are scored in December
                  form.setFieldsValue({ subjectId: undefined, ...(s && s.subjectKind !== 'org' ? { period: `${s.year}-12` } : {}) });
                }}
                options={published.map((s) => ({ value: s.id, label: `${s.name}（${s.subjectKind === 'org' ? '' : `${SUBJECT_KIND_LABELS[s.subjectKind].zh}，`}${t('schemes.edition', { n: s.edition ?? 0 })}）` }))}
              />
            </Form.Item>
            <Form.Item name="period" label={t('sheets.period')} rules={[{ required: true, pattern: /^\d{4}-\d{2}$/ }]}>
              <Input type="month" data-testid="sheet-period" />
            </Form.Item>
            {kind === 'org' ? (
              <Form.Item name="subjectId" label={t('sheets.unit')} rules={[{ required: true }]}>
                <OrgTreeSelect selectable={chosen?.unitType ? [chosen.unitType] : ['village', 'community']} testId="sheet-unit" />
              </Form.Item>
            ) : (
              <Form.Item
                name="subjectId"
                label={kind === 'first_secretary' ? '被考核的第一书记' : '被考评的项目（已年终交账）'}
                rules={[{ required: true, message: kind === 'first_secretary' ? '请选择第一书记' : '请选择项目' }]}
                extra={subjects.data && subjects.data.total === 0 && !subjectSearch.trim() ? (kind === 'first_secretary' ? '本辖区该年度没有在任的第一书记' : '本辖区该年度还没有年终交账的项目') : subjects.data && subjects.data.total > subjects.data.items.length ? `共 ${subjects.data.total} 个，显示前 ${subjects.data.items.length} 个，输入姓名、项目或单位名称查找` : undefined}
              >
                <Select
                  data-testid="sheet-subject"
                  loading={subjects.isFetching}
                  showSearch
                  filterOption={false}
                  onSearch={setSubjectSearch}
                  notFoundContent={subjects.isFetching ? '正在查找…' : '没有找到'}
                  options={(subjects.data?.items ?? []).map((x) => ({
                    value: x.id,
                    disabled: x.sheetId !== null,
                    label: `${x.name} · ${x.org.name}${x.sheetId !== null ? '（本月已有评分表）' : ''}`,
                    title: x.note,
                  }))}
                />
              </Form.Item>
            )}
            {subjects.error && <ApiErrorAlert error={subjects.error} />}
            {open.error && <ApiErrorAlert error={open.error} />}
            {openAll.error && <ApiErrorAlert error={openAll.error} />}
            {openAll.data && (
              <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="sheets-opened"
                message={openAll.data.opened === 0 ? '本月各单位都已有评分表' : `已为 ${openAll.data.opened} 个单位新建 ${period} 的评分表，计算类指标已按记录得分`} />
            )}
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={open.isPending} data-testid="sheet-open">{t('sheets.open')}</Button>
              {kind === 'org' && (
                <Button
                  loading={openAll.isPending}
                  disabled={!schemeId || !/^\d{4}-\d{2}$/.test(period ?? '')}
                  onClick={() => openAll.mutate({ schemeId, period })}
                  data-testid="sheets-open-all"
                  title="为本辖区该类型尚无本月评分表的单位全部新建评分表"
                >
                  一键生成本月评分表
                </Button>
              )}
            </Space>
          </Form>
        </Card>
      )}
      <Segmented
        value={tab}
        onChange={(v) => setTab(v as 'all' | 'review')}
        options={[{ value: 'all', label: t('sheets.all') }, { value: 'review', label: t('sheets.review') }]}
        style={{ marginBottom: 12 }}
        data-testid="sheets-tab"
      />
      {sheets.error && <ApiErrorAlert error={sheets.error} onRetry={() => void sheets.refetch()} />}
      <SimpleList
        testId="sheet-list"
        loading={sheets.isPending}
        items={sheets.data?.items ?? []}
        rowKey={(s) => s.id}
        empty={t('sheets.empty')}
        render={(s) => (
          <Link to={`/assessment/sheets/${s.id}`} className="lx-list-row" style={{ display: 'block', padding: '8px 0' }}>
            <Space wrap>
              <strong>{s.subject.kind === 'org' ? s.org.name : s.subject.name}</strong>
              {s.subject.kind !== 'org' && <Tag color="purple">{s.subject.kind === 'first_secretary' ? `第一书记 · ${s.org.name}` : `项目 · ${s.org.name}`}</Tag>}
              <span>{s.period}</span>
              <Tag color={STATUS_COLOR[s.status]}>{s.statusLabel}</Tag>
              {s.revision > 1 && <Tag>{t('sheet.revision', { n: s.revision })}</Tag>}
              {s.vetoed && <Tag color="red">{t('sheet.veto')}</Tag>}
              <span>{t('sheet.total', { total: s.total, max: s.max })}</span>
            </Space>
            <div className="lx-muted" style={{ fontSize: 12 }}>{s.scheme.name}</div>
          </Link>
        )}
      />
    </div>
  );
}
