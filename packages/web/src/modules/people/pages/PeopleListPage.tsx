// 党员名册: the roster of the current scope — filters in the URL, sort, pages, masked ID numbers
// and phones as the API gives them, create, import and export of the filtered list.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Card, Col, DatePicker, Drawer, Empty, Form, Grid, Input, InputNumber, Pagination, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { CloudUploadOutlined, DownloadOutlined, FilterOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  EDUCATION_LABELS,
  EDUCATIONS,
  FLOW_STATUS_LABELS,
  FLOW_STATUSES,
  GENDER_LABELS,
  GENDERS,
  MEMBER_STATUS_LABELS,
  type PersonSummary,
} from '@lianxin/contract';
import { download } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { PEOPLE_FILTER_KEYS, peopleQuery, usePeople, type PeopleUrl } from '../people.api';
import { PersonFormModal } from '../components/PersonFormModal';
import { MemberTag, PersonStatusTag } from '../components/tags';
import '../people.css';

type FilterValues = {
  q?: string;
  orgId?: number;
  memberStatus?: string;
  gender?: string;
  education?: string;
  flowStatus?: string;
  ageMin?: number | null;
  ageMax?: number | null;
  join?: [Dayjs | null, Dayjs | null] | null;
  status?: string;
};

function toForm(v: PeopleUrl): FilterValues {
  const num = (s?: string) => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  return {
    q: v.q,
    orgId: num(v.orgId),
    memberStatus: v.memberStatus,
    gender: v.gender,
    education: v.education,
    flowStatus: v.flowStatus,
    ageMin: num(v.ageMin) ?? null,
    ageMax: num(v.ageMax) ?? null,
    join: v.joinFrom || v.joinTo ? [v.joinFrom ? dayjs(v.joinFrom) : null, v.joinTo ? dayjs(v.joinTo) : null] : null,
    status: v.status,
  };
}

function fromForm(f: FilterValues) {
  return {
    q: f.q?.trim() || undefined,
    orgId: f.orgId,
    memberStatus: f.memberStatus,
    gender: f.gender,
    education: f.education,
    flowStatus: f.flowStatus,
    ageMin: f.ageMin ?? undefined,
    ageMax: f.ageMax ?? undefined,
    joinFrom: f.join?.[0]?.format('YYYY-MM-DD'),
    joinTo: f.join?.[1]?.format('YYYY-MM-DD'),
    status: f.status,
  };
}

function FilterFields({ isMobile }: { isMobile: boolean }) {
  const { t, label } = useI18n();
  const span = isMobile ? 24 : undefined;
  const col = (node: React.ReactNode, key: string, wide = false) => (
    <Col key={key} xs={24} sm={12} lg={wide ? 12 : 8} xl={wide ? 8 : 6} span={span}>
      {node}
    </Col>
  );
  return (
    <Row gutter={[16, 0]}>
      {col(
        <Form.Item name="q" label={t('people.q')}>
          <Input allowClear placeholder={t('people.qPlaceholder')} data-testid="filter-q" />
        </Form.Item>,
        'q',
      )}
      {col(
        <Form.Item name="orgId" label={t('people.org')}>
          <OrgTreeSelect placeholder={t('people.orgPlaceholder')} testId="filter-org" />
        </Form.Item>,
        'org',
      )}
      {col(
        <Form.Item name="memberStatus" label={t('people.memberStatus')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            data-testid="filter-member-status"
            options={[
              { value: 'member', label: t('people.member') },
              { value: 'formal', label: label(MEMBER_STATUS_LABELS.formal) },
              { value: 'probationary', label: label(MEMBER_STATUS_LABELS.probationary) },
              { value: 'non_member', label: t('people.nonMember') },
            ]}
          />
        </Form.Item>,
        'ms',
      )}
      {col(
        <Form.Item name="gender" label={t('people.gender')}>
          <Select allowClear placeholder={t('common.all')} data-testid="filter-gender" options={GENDERS.map((g) => ({ value: g, label: label(GENDER_LABELS[g]) }))} />
        </Form.Item>,
        'gender',
      )}
      {col(
        <Form.Item label={t('people.age')} style={{ marginBottom: 0 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="ageMin" noStyle>
              <InputNumber min={0} max={150} placeholder={t('people.ageMin')} style={{ width: '50%' }} data-testid="filter-age-min" />
            </Form.Item>
            <Form.Item name="ageMax" noStyle>
              <InputNumber min={0} max={150} placeholder={t('people.ageMax')} style={{ width: '50%' }} data-testid="filter-age-max" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>,
        'age',
      )}
      {col(
        <Form.Item name="join" label={t('people.joinDate')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} inputReadOnly={isMobile} />
        </Form.Item>,
        'join',
      )}
      {col(
        <Form.Item name="education" label={t('people.education')}>
          <Select allowClear placeholder={t('common.all')} data-testid="filter-education" options={EDUCATIONS.map((e) => ({ value: e, label: label(EDUCATION_LABELS[e]) }))} />
        </Form.Item>,
        'edu',
      )}
      {col(
        <Form.Item name="flowStatus" label={t('people.flowStatus')}>
          <Select allowClear placeholder={t('common.all')} options={FLOW_STATUSES.map((f) => ({ value: f, label: label(FLOW_STATUS_LABELS[f]) }))} />
        </Form.Item>,
        'flow',
      )}
      {col(
        <Form.Item name="status" label={t('people.status')}>
          <Select
            allowClear
            placeholder={t('people.status.active')}
            options={(['active', 'left', 'deceased'] as const).map((s) => ({ value: s, label: t(`people.status.${s}`) }))}
          />
        </Form.Item>,
        'status',
      )}
    </Row>
  );
}

export function PeopleListPage() {
  const { t, label } = useI18n();
  const can = useCan();
  // The note says what this account actually sees: the API masks unless the role has person:read_pii.
  const privacyNote = t(can('person:read_pii') ? 'people.unmaskedForRole' : 'people.maskedForRole');
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const { values, update, clear } = useUrlState(PEOPLE_FILTER_KEYS);
  const query = peopleQuery(values);
  const people = usePeople(query);
  const [form] = Form.useForm<FilterValues>();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  // The form shows what the URL says (also after Back).
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(values));
  }, [values, form]);

  const apply = (f: FilterValues) => {
    update({ ...fromForm(f) });
    setFiltersOpen(false);
  };
  const activeFilters = Object.values(fromForm(toForm(values))).filter((v) => v !== undefined).length;

  const onExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...filters } = query;
      await download('/api/people/export', filters, `${t('people.title')}.xlsx`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const sortOrder = (key: string) => (query.sort === key ? (query.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null);

  const toolbar = (
    <Space wrap size={isMobile ? 6 : 8}>
      {can('person:write') && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-create" size={isMobile ? 'small' : 'middle'}>
          {t('people.create')}
        </Button>
      )}
      {can('person:import') && (
        <Link to="/people/import">
          <Button icon={<CloudUploadOutlined />} size={isMobile ? 'small' : 'middle'}>{t('people.import')}</Button>
        </Link>
      )}
      {can('person:export') && (
        <Button icon={<DownloadOutlined />} onClick={onExport} loading={exporting} data-testid="people-export" size={isMobile ? 'small' : 'middle'}>
          {exporting ? t('people.exporting') : t('people.export')}
        </Button>
      )}
    </Space>
  );

  const data = people.data;
  const pagination = {
    current: data?.page ?? query.page ?? 1,
    pageSize: data?.pageSize ?? query.pageSize ?? 20,
    total: data?.total ?? 0,
    showTotal: (n: number) => t('common.total', { n }),
    showSizeChanger: !isMobile,
    pageSizeOptions: [10, 20, 50, 100],
  };

  return (
    <div data-testid="people-page">
      <PageHead title={t('people.title')} extra={!isMobile && toolbar} />
      {isMobile ? (
        <>
          <div className="lx-mobile-search">
            <Input.Search
              allowClear
              placeholder={t('people.qPlaceholder')}
              defaultValue={values.q}
              key={values.q ?? ''}
              onSearch={(q) => update({ q: q.trim() || undefined })}
              data-testid="filter-q-mobile"
            />
            <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)} data-testid="filters-open">
              {t('common.filters')}
              {activeFilters > 0 && <Tag color="red" style={{ marginInlineStart: 4, marginInlineEnd: 0 }}>{activeFilters}</Tag>}
            </Button>
          </div>
          <div style={{ marginBottom: 10 }}>{toolbar}</div>
          <div style={{ marginBottom: 8, fontSize: 12, color: '#8c8c8c' }} data-testid="privacy-note">{privacyNote}</div>
          <Drawer open={filtersOpen} onClose={() => setFiltersOpen(false)} placement="bottom" size="85%" title={t('common.filters')}
            footer={
              <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
                <Button onClick={() => { clear(); setFiltersOpen(false); }}>{t('common.reset')}</Button>
                <Button type="primary" onClick={() => form.submit()} data-testid="filters-apply">{t('common.search')}</Button>
              </Space>
            }
          >
            <Form form={form} layout="vertical" onFinish={apply}>
              <FilterFields isMobile />
            </Form>
          </Drawer>
        </>
      ) : (
        <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
          <Form form={form} layout="vertical" onFinish={apply} data-testid="people-filters">
            <FilterFields isMobile={false} />
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="filters-apply">
                  {t('common.search')}
                </Button>
                <Button icon={<ReloadOutlined />} onClick={clear}>
                  {t('common.reset')}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="privacy-note">
                  {privacyNote}
                </Typography.Text>
              </Space>
            </Form.Item>
          </Form>
        </Card>
      )}
      <ApiErrorAlert error={people.error} onRetry={() => void people.refetch()} />
      {isMobile ? (
        <>
          <SimpleList<PersonSummary>
            loading={people.isFetching}
            items={data?.items ?? []}
            rowKey={(p) => p.id}
            testId="people-list"
            empty={t('people.empty')}
            render={(p) => (
              <Card size="small" className="lx-person-card" style={{ marginBottom: 0 }} onClick={() => navigate(`/people/${p.id}`)} data-testid="person-row">
                <div className="lx-person-card-head">
                  <Typography.Text strong style={{ fontSize: 16 }}>{p.name}</Typography.Text>
                  <Space size={4}>
                    <MemberTag status={p.memberStatus} />
                    <PersonStatusTag status={p.status} />
                  </Space>
                </div>
                <div className="lx-person-card-line">
                  {label(GENDER_LABELS[p.gender])}
                  {p.age !== null && ` · ${p.age}${t('people.years')}`}
                  {p.education && ` · ${label(EDUCATION_LABELS[p.education])}`}
                  {p.joinDate && ` · ${t('people.joinDate')} ${p.joinDate}`}
                </div>
                <div className="lx-person-card-line">{p.org.name}</div>
                {p.phone && <div className="lx-person-card-line">{t('people.phone')}：{p.phone}</div>}
              </Card>
            )}
          />
          {data && data.total > 0 && (
            <Pagination
              simple
              {...pagination}
              style={{ marginTop: 12, textAlign: 'center' }}
              onChange={(page) => update({ page: page === 1 ? undefined : page })}
            />
          )}
          {data && <div className="lx-total">{t('common.total', { n: data.total })}</div>}
        </>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<PersonSummary>
            rowKey="id"
            size="middle"
            loading={people.isFetching}
            dataSource={data?.items ?? []}
            data-testid="people-table"
            locale={{ emptyText: <Empty description={t('people.empty')} /> }}
            scroll={{ x: 1100 }}
            pagination={pagination}
            onChange={(p, _f, sorter) => {
              const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<PersonSummary> | undefined;
              const sort = s?.order ? String(s.columnKey) : undefined;
              const order = s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined;
              const page = p.current && p.current > 1 ? p.current : undefined;
              const pageSize = p.pageSize && p.pageSize !== 20 ? p.pageSize : undefined;
              const sortChanged = sort !== query.sort || order !== query.order;
              update({ sort, order, page: sortChanged ? undefined : page, pageSize });
            }}
            columns={[
              {
                title: t('people.name'),
                key: 'name',
                dataIndex: 'name',
                fixed: 'left',
                width: 110,
                sorter: true,
                sortOrder: sortOrder('name'),
                render: (name: string, p) => <Link to={`/people/${p.id}`}>{name}</Link>,
              },
              { title: t('people.gender'), key: 'gender', dataIndex: 'gender', width: 64, render: (g: PersonSummary['gender']) => label(GENDER_LABELS[g]) },
              {
                title: t('people.age'),
                key: 'birthDate',
                dataIndex: 'age',
                width: 80,
                sorter: true,
                sortOrder: sortOrder('birthDate'),
                render: (age: number | null, p) => (age === null ? '—' : <Tooltip title={p.birthDate}>{age}</Tooltip>),
              },
              { title: t('people.education'), key: 'education', dataIndex: 'education', width: 100, render: (e: PersonSummary['education']) => (e ? label(EDUCATION_LABELS[e]) : '—') },
              { title: t('people.org'), key: 'org', dataIndex: ['org', 'name'], ellipsis: true },
              { title: t('people.memberStatus'), key: 'memberStatus', dataIndex: 'memberStatus', width: 100, render: (s: PersonSummary['memberStatus']) => <MemberTag status={s} /> },
              { title: t('people.joinDate'), key: 'joinDate', dataIndex: 'joinDate', width: 120, sorter: true, sortOrder: sortOrder('joinDate'), render: (d: string | null) => d ?? '—' },
              { title: t('people.idNumber'), key: 'idNumber', dataIndex: 'idNumber', width: 190, render: (v: string | null) => <span className="lx-mono">{v ?? '—'}</span> },
              { title: t('people.phone'), key: 'phone', dataIndex: 'phone', width: 130, render: (v: string | null) => <span className="lx-mono">{v ?? '—'}</span> },
              { title: t('people.status'), key: 'status', dataIndex: 'status', width: 90, render: (s: PersonSummary['status']) => (s === 'active' ? t('people.status.active') : <PersonStatusTag status={s} />) },
              {
                title: t('common.actions'),
                key: 'actions',
                fixed: 'right',
                width: 80,
                render: (_: unknown, p) => <Link to={`/people/${p.id}`}>{t('common.detail')}</Link>,
              },
            ]}
          />
        </Card>
      )}
      {creating && <PersonFormModal open onClose={() => setCreating(false)} onSaved={(p) => navigate(`/people/${p.id}`)} defaultOrgId={query.orgId} />}
    </div>
  );
}
