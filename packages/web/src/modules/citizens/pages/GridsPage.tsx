// 网格包保: grids under villages with the in-service Party members registered there (双报到) and the
// practical things each did this year (target 2–3, shown as progress); vulnerable households
// (老弱病残鳏寡孤独) with their contacts at four levels and their visits.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Drawer, Empty, Form, Grid, Input, InputNumber, Modal, Progress, Row, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { HOUSEHOLD_CATEGORIES, HOUSEHOLD_CATEGORY_LABELS, type CreateHouseholdBody, type HouseholdViewT, type PersonSummary } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList, applyFieldErrors } from '../../../app/ui';
import { ListPager } from '../../../app/pager';
import { toInt, useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { indexTree, useCreateOrg, useOrgTree } from '../../orgs/orgs.api';
import { DIARY_PAGE_SIZE, useAddDeed, useAddHousehold, useGrid, useHousehold, useHouseholds, useRegisterMember, useVisits, type GridView } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';
import '../citizens.css';

/** Picks a person of the scope by name (members only when asked). */
function PersonPicker({ value, onChange, membersOnly, testId }: { value?: number; onChange?: (v?: number) => void; membersOnly?: boolean; testId?: string }) {
  const t = useCitizensT();
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['citizens', 'person-pick', q, !!membersOnly],
    queryFn: () => api.get('/api/people', { q: q || undefined, memberStatus: membersOnly ? 'member' : undefined, pageSize: 20 }),
    enabled: q.length > 0,
  });
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      filterOption={false}
      onSearch={setQ}
      placeholder={t('grid.personSearch')}
      loading={people.isFetching}
      notFoundContent={q ? undefined : null}
      data-testid={testId}
      options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.org.name}）` }))}
    />
  );
}

function GridDetail({ gridId, year }: { gridId: number; year: number }) {
  const t = useCitizensT();
  const { t: tc } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const grid = useGrid(gridId, year);
  const register = useRegisterMember();
  const addDeed = useAddDeed();
  const [dialog, setDialog] = useState<{ kind: 'register' } | { kind: 'deed'; registrationId: number; name: string }>();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const isMobile = Grid.useBreakpoint().md === false;
  const submit = async () => {
    if (!dialog) return;
    // only this dialog's fields: the form is shared, and a fast tap after registering can open the
    // deed dialog while the register dialog's (required) person field is still mounted
    const fields = dialog.kind === 'register' ? ['personId', 'registeredOn'] : ['doneOn', 'description'];
    const v = await form.validateFields(fields).catch(() => undefined);
    if (!v) return;
    setError(undefined);
    try {
      if (dialog.kind === 'register') await register.mutateAsync({ gridId, personId: v.personId, registeredOn: (v.registeredOn as Dayjs).format('YYYY-MM-DD') });
      else await addDeed.mutateAsync({ registrationId: dialog.registrationId, doneOn: (v.doneOn as Dayjs).format('YYYY-MM-DD'), description: v.description });
      message.success(t(dialog.kind === 'register' ? 'act.registeredMember' : 'act.deedAdded'));
      setDialog(undefined);
    } catch (e) {
      setError(applyFieldErrors(form, e, ['personId', 'registeredOn', 'doneOn', 'description']));
    }
  };
  if (grid.isPending) return <Spin />;
  if (grid.error) return <ApiErrorAlert error={grid.error} onRetry={() => void grid.refetch()} />;
  const g = grid.data;
  const met = g.members.filter((m) => m.metTarget).length;
  const progress = (m: GridView['members'][number]) => (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      <Progress percent={Math.min(100, Math.round((m.deeds / g.target.max) * 100))} steps={3} size="small" strokeColor={m.metTarget ? '#52c41a' : '#fa8c16'} format={() => t('grid.deedsTarget', { n: m.deeds })} />
      {m.deedList.map((d, i) => (
        <div key={i} className="lx-muted">{d.doneOn} {d.description}</div>
      ))}
    </Space>
  );
  return (
    <Card
      size="small"
      title={<Space wrap><span>{g.grid.name}</span><Tag color="blue">{t('grid.members')} {g.members.length}</Tag><Tag color={met === g.members.length && met > 0 ? 'green' : 'orange'}>{t('grid.met')} {met}/{g.members.length}</Tag></Space>}
      extra={can('citizen:handle') && <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => { setError(undefined); setDialog({ kind: 'register' }); }} data-testid="grid-register">{t('grid.register')}</Button>}
      data-testid="grid-detail"
    >
      {isMobile ? (
        <SimpleList
          items={g.members}
          rowKey={(m) => m.registrationId}
          render={(m) => (
            <div>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <strong>{m.name}</strong>
                <span className="lx-muted">{m.homeOrg}</span>
              </Space>
              {progress(m)}
              {can('citizen:handle') && <Button size="small" style={{ marginTop: 6 }} data-testid="grid-add-deed" onClick={() => { setError(undefined); setDialog({ kind: 'deed', registrationId: m.registrationId, name: m.name }); }}>{t('grid.addDeed')}</Button>}
            </div>
          )}
        />
      ) : (
        <Table
          rowKey="registrationId"
          size="small"
          pagination={false}
          dataSource={g.members}
          locale={{ emptyText: <Empty description={tc('common.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: tc('common.person'), dataIndex: 'name', width: 100 },
            { title: t('grid.homeOrg'), dataIndex: 'homeOrg', width: 160 },
            { title: t('grid.registeredOn'), dataIndex: 'registeredOn', width: 110 },
            { title: t('grid.deeds'), key: 'deeds', render: (_: unknown, m) => progress(m) },
            { title: tc('common.actions'), key: 'a', width: 120, render: (_: unknown, m) => can('citizen:handle') && <Button size="small" onClick={() => { setError(undefined); setDialog({ kind: 'deed', registrationId: m.registrationId, name: m.name }); }} data-testid="grid-add-deed">{t('grid.addDeed')}</Button> },
          ]}
        />
      )}
      <Modal open={!!dialog} title={dialog?.kind === 'deed' ? `${t('grid.addDeed')} · ${dialog.name}` : t('grid.register')} onCancel={() => setDialog(undefined)} onOk={submit} confirmLoading={register.isPending || addDeed.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'grid-dialog-ok' } as ButtonProps}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" preserve={false} initialValues={{ registeredOn: dayjs(), doneOn: dayjs() }}>
          {dialog?.kind === 'register' ? (
            <>
              <Form.Item name="personId" label={t('grid.person')} rules={[{ required: true }]}><PersonPicker membersOnly testId="grid-person" /></Form.Item>
              <Form.Item name="registeredOn" label={t('grid.registeredOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} allowClear={false} /></Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="doneOn" label={t('grid.deedOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
              <Form.Item name="description" label={t('grid.deedText')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} data-testid="deed-text" /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

function GridsTab() {
  const t = useCitizensT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const tree = useOrgTree();
  const { values, update } = useUrlState(['tab', 'gridId', 'year'] as const);
  const year = toInt(values.year) ?? dayjs().year();
  const grids = useMemo(() => {
    const index = indexTree(tree.data?.nodes, tree.data?.rootId);
    return (tree.data?.nodes ?? [])
      .filter((n) => n.type === 'grid' && n.status === 'active')
      .map((n) => ({ id: n.id, name: n.name, parent: n.parentId ? (index.byId.get(n.parentId)?.name ?? '') : '' }));
  }, [tree.data]);
  const gridId = toInt(values.gridId) ?? grids[0]?.id;
  const createOrg = useCreateOrg();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ parentId: number; name: string }>();
  const [error, setError] = useState<string>();
  const create = async () => {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    try {
      const g = await createOrg.mutateAsync({ parentId: v.parentId, type: 'grid', name: v.name.trim() });
      message.success(t('act.gridCreated', { name: v.name.trim() }));
      setCreating(false);
      update({ gridId: g.id });
    } catch (e) {
      setError(applyFieldErrors(form, e, ['parentId', 'name']));
    }
  };
  if (tree.isPending) return <Spin />;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={7} xl={5}>
        <Card
          size="small"
          title={`${t('grid.grids')}（${grids.length}）`}
          extra={can('org:write') && <Button size="small" icon={<PlusOutlined />} onClick={() => { setError(undefined); setCreating(true); }} data-testid="grid-create">{t('grid.create')}</Button>}
        >
          {grids.length === 0 ? (
            <Empty description={t('grid.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            grids.map((g) => (
              <div key={g.id} className={`lx-grid-item${g.id === gridId ? ' active' : ''}`} onClick={() => update({ gridId: g.id })} data-testid="grid-item">
                {g.name} <span className="lx-muted">{g.parent}</span>
              </div>
            ))
          )}
          <div style={{ marginTop: 10 }}>
            <span className="lx-muted">{t('grid.year')} </span>
            <InputNumber size="small" min={2000} max={2100} value={year} onChange={(y) => update({ year: y && y !== dayjs().year() ? y : undefined })} />
          </div>
        </Card>
      </Col>
      <Col xs={24} md={17} xl={19}>{gridId ? <GridDetail gridId={gridId} year={year} /> : <Card><Empty description={t('grid.none')} /></Card>}</Col>
      <Modal open={creating} title={t('grid.create')} onCancel={() => setCreating(false)} onOk={create} confirmLoading={createOrg.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'grid-create-ok' } as ButtonProps}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="parentId" label={t('grid.village')} rules={[{ required: true }]}><OrgTreeSelect selectable={['village', 'community']} testId="grid-parent" /></Form.Item>
          <Form.Item name="name" label={t('grid.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} placeholder={t('grid.namePlaceholder')} data-testid="grid-name" /></Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}

type HouseholdForm = Omit<CreateHouseholdBody, 'categories'> & { categories: CreateHouseholdBody['categories'] };

/** One household, read by its id (so a link or a reload opens it), with its contacts and visits. */
function HouseholdDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useCitizensT();
  const { label } = useI18n();
  const isMobile = Grid.useBreakpoint().md === false;
  const h = useHousehold(id);
  const visits = useVisits({ householdId: id });
  const d = h.data;
  return (
    <Drawer open onClose={onClose} title={d ? d.headName : t('hh.head')} placement={isMobile ? 'bottom' : 'right'} size={isMobile ? '85%' : 480} data-testid="household-detail">
      <ApiErrorAlert error={h.error} onRetry={() => void h.refetch()} />
      <Spin spinning={h.isPending}>
        {d && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('hh.categories')}>{d.categories.map((c) => <Tag key={c} color="volcano">{label(HOUSEHOLD_CATEGORY_LABELS[c as (typeof HOUSEHOLD_CATEGORIES)[number]])}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('hh.village')}>{d.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('hh.address')}>{d.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hh.county')}>{d.contacts.county?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hh.township')}>{d.contacts.township?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hh.villageLevel')}>{d.contacts.village?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hh.hamlet')}>{d.contacts.hamlet?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('hh.lastVisit')}>{d.lastVisitOn ?? t('hh.never')}</Descriptions.Item>
          </Descriptions>
        )}
      </Spin>
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('hh.visitList')}{visits.data ? `（${t('hh.visitsN', { n: visits.data.total })}）` : ''}</Typography.Title>
      {visits.data && visits.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hh.noVisits')} />
      ) : (
        <SimpleList
          items={visits.data?.items ?? []}
          loading={visits.isPending}
          rowKey={(v) => v.id}
          testId="household-visits"
          render={(v) => (
            <Link to={`/diary?visit=${v.id}`} style={{ display: 'block' }}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}><strong>{v.visitedOn}</strong><span className="lx-muted">{v.cadre}</span></Space>
              <div>{v.heard}</div>
            </Link>
          )}
        />
      )}
    </Drawer>
  );
}

function HouseholdsTab() {
  const t = useCitizensT();
  const { t: tc, label } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['tab', 'orgId', 'id'] as const);
  const orgId = toInt(values.orgId);
  const openId = toInt(values.id);
  const [page, setPage] = useState(1);
  const households = useHouseholds(orgId, page);
  const add = useAddHousehold();
  const me = useAccount();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<HouseholdForm>();
  const [error, setError] = useState<string>();
  const submit = async (v: HouseholdForm) => {
    setError(undefined);
    try {
      // the answer is the household as its GET shows it: open it
      const made = await add.mutateAsync({ ...v, address: v.address?.trim() || undefined });
      message.success(t('act.householdAdded', { name: made.headName }));
      setAdding(false);
      update({ id: made.id });
    } catch (e) {
      setError(applyFieldErrors(form, e, ['orgId', 'headName', 'categories', 'address', 'countyContact', 'townshipContact', 'villageContact', 'hamletContact']));
    }
  };
  const contacts = (h: HouseholdViewT) =>
    (
      [
        ['hh.county', h.contacts.county],
        ['hh.township', h.contacts.township],
        ['hh.villageLevel', h.contacts.village],
        ['hh.hamlet', h.contacts.hamlet],
      ] as const
    ).map(([k, c]) => (
      <div key={k} className="lx-muted">
        {t(k)}：{c?.name ?? '—'}
      </div>
    ));
  const cats = (h: HouseholdViewT) => h.categories.map((c) => <Tag key={c} color="volcano">{label(HOUSEHOLD_CATEGORY_LABELS[c as (typeof HOUSEHOLD_CATEGORIES)[number]])}</Tag>);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <div style={{ width: 260 }}><OrgTreeSelect value={orgId} onChange={(v) => { setPage(1); update({ orgId: v }); }} placeholder={tc('common.all')} /></div>
        {can('citizen:handle') && me.scopeOrg.type !== 'department' && <Button type="primary" icon={<PlusOutlined />} onClick={() => { setError(undefined); setAdding(true); }} data-testid="household-add">{t('hh.add')}</Button>}
      </Space>
      <ApiErrorAlert error={households.error} onRetry={() => void households.refetch()} />
      {isMobile ? (
        <SimpleList<HouseholdViewT>
          loading={households.isFetching}
          items={households.data?.items ?? []}
          rowKey={(h) => h.id}
          render={(h) => (
            <Card size="small" data-testid="household-card" hoverable onClick={() => update({ id: h.id })}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}><strong>{h.headName}</strong><span>{cats(h)}</span></Space>
              <div className="lx-muted">{h.org.name}{h.address && ` · ${h.address}`}</div>
              {contacts(h)}
              <div className="lx-muted">{t('hh.visits')} {t('hh.visitsN', { n: h.visits })} · {t('hh.lastVisit')} {h.lastVisitOn ?? t('hh.never')}</div>
            </Card>
          )}
        />
      ) : null}
      {isMobile && <ListPager page={page} pageSize={DIARY_PAGE_SIZE} total={households.data?.total} onChange={setPage} testId="household-pager" />}
      {isMobile ? null : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<HouseholdViewT>
            rowKey="id"
            size="middle"
            loading={households.isFetching}
            dataSource={households.data?.items ?? []}
            pagination={{ current: page, pageSize: DIARY_PAGE_SIZE, total: households.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => tc('common.total', { n }) }}
            data-testid="household-table"
            onRow={(h) => ({ onClick: () => update({ id: h.id }), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('hh.head'), dataIndex: 'headName', width: 100 },
              { title: t('hh.categories'), key: 'c', width: 160, render: (_: unknown, h) => cats(h) },
              { title: t('hh.village'), key: 'o', width: 120, render: (_: unknown, h) => h.org.name },
              { title: t('hh.address'), dataIndex: 'address', ellipsis: true, render: (a: string | null) => a ?? '—' },
              { title: t('hh.contacts'), key: 'contacts', width: 200, render: (_: unknown, h) => contacts(h) },
              { title: t('hh.visits'), dataIndex: 'visits', width: 70 },
              { title: t('hh.lastVisit'), dataIndex: 'lastVisitOn', width: 120, render: (d: string | null) => d ?? <Tag color="orange">{t('hh.never')}</Tag> },
            ]}
          />
        </Card>
      )}
      {openId && <HouseholdDrawer id={openId} onClose={() => update({ id: undefined })} />}
      <Drawer
        open={adding}
        onClose={() => setAdding(false)}
        title={t('hh.add')}
        placement={isMobile ? 'bottom' : 'right'}
        size={isMobile ? '92%' : 520}
        destroyOnHidden
        footer={<Space style={{ width: '100%', justifyContent: 'flex-end' }}><Button onClick={() => setAdding(false)}>{tc('common.cancel')}</Button><Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="hh-submit">{tc('common.save')}</Button></Space>}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="orgId" label={t('hh.village')} rules={[{ required: true }]}><OrgTreeSelect selectable={['village', 'community', 'grid']} testId="hh-village" /></Form.Item>
          <Form.Item name="headName" label={t('hh.head')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} data-testid="hh-head" /></Form.Item>
          <Form.Item name="categories" label={t('hh.categories')} rules={[{ required: true }]}>
            <Checkbox.Group options={HOUSEHOLD_CATEGORIES.map((c) => ({ value: c, label: label(HOUSEHOLD_CATEGORY_LABELS[c]) }))} data-testid="hh-categories" />
          </Form.Item>
          <Form.Item name="address" label={t('hh.address')}><Input maxLength={200} /></Form.Item>
          <Typography.Text strong>{t('hh.contacts')}</Typography.Text>
          <Form.Item name="countyContact" label={t('hh.county')}><PersonPicker /></Form.Item>
          <Form.Item name="townshipContact" label={t('hh.township')}><PersonPicker /></Form.Item>
          <Form.Item name="villageContact" label={t('hh.villageLevel')}><PersonPicker testId="hh-village-contact" /></Form.Item>
          <Form.Item name="hamletContact" label={t('hh.hamlet')}><PersonPicker /></Form.Item>
        </Form>
      </Drawer>
    </>
  );
}

export function GridsPage() {
  const t = useCitizensT();
  const { values, update } = useUrlState(['tab'] as const);
  const tab = values.tab === 'households' ? 'households' : 'grids';
  return (
    <div data-testid="grids-page">
      <PageHead title={t('grid.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'households' ? 'households' : undefined })}
        items={[
          { key: 'grids', label: t('grid.grids'), children: tab === 'grids' ? <GridsTab /> : null },
          { key: 'households', label: t('grid.households'), children: tab === 'households' ? <HouseholdsTab /> : null },
        ]}
      />
    </div>
  );
}
