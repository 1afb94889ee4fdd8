// 民情日记: record a household visit (who, where, what was heard, follow-up) — on a phone, in the
// village — and open a request from it in one step; a cadre's diary and a village's visits,
// listed and counted.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Alert, Button, Card, Checkbox, DatePicker, Descriptions, Drawer, Empty, Form, Grid, Input, Segmented, Select, Space, Spin, Statistic, Tag, Typography, Row, Col } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { CADRE_LEVEL_LABELS, CADRE_LEVELS, REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type CreateVisitBody } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, applyFieldErrors } from '../../../app/ui';
import { ListPager } from '../../../app/pager';
import { toInt, useUrlState } from '../../../app/url-state';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect';
import { DIARY_PAGE_SIZE, useHouseholds, useRecordVisit, useVisit, useVisits } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';
import '../citizens.css';

type RequestCategory = NonNullable<CreateVisitBody['openRequest']>['category'];
type VisitForm = {
  orgId: number; cadreLevel: CreateVisitBody['cadreLevel']; householdId?: number; household: string; visitedOn: Dayjs; heard: string; followUp?: string;
  open?: boolean; requestCategory?: RequestCategory; requestMatter?: string; requestPhone?: string;
};

const LEVEL_BY_SCOPE: Record<string, (typeof CADRE_LEVELS)[number]> = { county: 'county', township: 'township', station: 'township', village: 'village', community: 'village', grid: 'hamlet' };

/** One visit, read by its id (so a link or a reload opens it). */
function VisitDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { label } = useI18n();
  const t = useCitizensT();
  const isMobile = Grid.useBreakpoint().md === false;
  const v = useVisit(id);
  const d = v.data;
  return (
    <Drawer open onClose={onClose} title={d ? d.household : t('diary.detail')} placement={isMobile ? 'bottom' : 'right'} size={isMobile ? '80%' : 460} data-testid="visit-detail">
      <ApiErrorAlert error={v.error} onRetry={() => void v.refetch()} />
      <Spin spinning={v.isPending}>
        {d && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('diary.visitedOn')}>{d.visitedOn}</Descriptions.Item>
            <Descriptions.Item label={t('diary.org')}>{d.org.name}</Descriptions.Item>
            <Descriptions.Item label={t('diary.cadre')}>{d.cadre} · {label(CADRE_LEVEL_LABELS[d.cadreLevel as (typeof CADRE_LEVELS)[number]])}</Descriptions.Item>
            <Descriptions.Item label={t('diary.household')}>{d.householdId ? <Link to={`/grids?tab=households&id=${d.householdId}`}>{d.household}</Link> : d.household}</Descriptions.Item>
            <Descriptions.Item label={t('diary.heard')}>{d.heard}</Descriptions.Item>
            <Descriptions.Item label={t('diary.followUp')}>{d.followUp ?? '—'}</Descriptions.Item>
            {d.requestId && (
              <Descriptions.Item label={t('diary.request')}>
                <Link to={`/citizens/${d.requestId}`}>{t('diary.open')} →</Link>
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Spin>
    </Drawer>
  );
}

function VisitDrawer({ onClose }: { onClose: () => void }) {
  const { t: tc, label } = useI18n();
  const t = useCitizensT();
  const me = useAccount();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const isMobile = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<VisitForm>();
  const orgId = Form.useWatch('orgId', form);
  const openRequest = Form.useWatch('open', form);
  // the village's households to pick from
  const households = useHouseholds(orgId, 1, 200);
  const record = useRecordVisit();
  const [error, setError] = useState<string>();
  const isVillage = ['village', 'community', 'grid'].includes(me.scopeOrg.type);

  const submit = async (v: VisitForm) => {
    setError(undefined);
    try {
      const res = await record.mutateAsync({
        orgId: v.orgId,
        cadreLevel: v.cadreLevel,
        householdId: v.householdId || undefined,
        household: v.household,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        heard: v.heard,
        followUp: v.followUp?.trim() || undefined,
        openRequest: v.open ? { category: v.requestCategory ?? 'other', matter: v.requestMatter ?? '', phone: v.requestPhone?.trim() || undefined } : undefined,
      });
      message.success(res.requestId ? t('diary.savedWithRequest') : t('diary.saved'));
      onClose();
      if (res.requestId) navigate(`/citizens/${res.requestId}`);
    } catch (e) {
      const rest = applyFieldErrors(form, e, ['orgId', 'household', 'householdId', 'visitedOn', 'heard', 'followUp']);
      if (rest && e instanceof ApiError && e.fields.some((f) => f.field === 'openRequest.phone')) {
        form.setFields([{ name: 'requestPhone', errors: [rest] }]);
      } else setError(rest);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('diary.record')}
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? '94%' : 560}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose} size="large">{tc('common.cancel')}</Button>
          <Button type="primary" size="large" loading={record.isPending} onClick={() => form.submit()} data-testid="visit-submit">{tc('common.save')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="visit-form"
        initialValues={{ orgId: isVillage ? me.scopeOrg.id : undefined, cadreLevel: LEVEL_BY_SCOPE[me.scopeOrg.type] ?? 'village', visitedOn: dayjs(), requestCategory: 'assistance' }}
      >
        <Form.Item name="orgId" label={t('diary.org')} rules={[{ required: true, message: tc('common.select', { field: t('diary.org') }) }]}>
          <OrgTreeSelect selectable={['village', 'community', 'grid']} testId="visit-org" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="cadreLevel" label={t('diary.level')} rules={[{ required: true }]}>
              <Select options={CADRE_LEVELS.map((l) => ({ value: l, label: label(CADRE_LEVEL_LABELS[l]) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="visitedOn" label={t('diary.visitedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly={isMobile} allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="householdId" label={t('diary.householdPick')}>
          <Select
            allowClear
            data-testid="visit-household-pick"
            disabled={!orgId}
            options={(households.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.headName}（${h.org.name}）` }))}
            onChange={(id?: number) => {
              const h = households.data?.items.find((x) => x.id === id);
              if (h) form.setFieldValue('household', `${h.headName}家`);
            }}
          />
        </Form.Item>
        <Form.Item name="household" label={t('diary.household')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('diary.household') }) }]}>
          <Input maxLength={100} placeholder={t('req.householdPlaceholder')} data-testid="visit-household" />
        </Form.Item>
        <Form.Item name="heard" label={t('diary.heard')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('diary.heard') }) }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="visit-heard" />
        </Form.Item>
        <Form.Item name="followUp" label={t('diary.followUp')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="open" valuePropName="checked">
          <Checkbox data-testid="visit-open-request">{t('diary.openRequest')}</Checkbox>
        </Form.Item>
        {openRequest && (
          <Card size="small" style={{ background: '#fffbe6' }}>
            <Form.Item name="requestCategory" label={t('req.category')} rules={[{ required: true }]}>
              <Select options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: label(REQUEST_CATEGORY_LABELS[c]) }))} />
            </Form.Item>
            <Form.Item name="requestMatter" label={t('diary.requestMatter')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('diary.requestMatter') }) }]}>
              <Input.TextArea rows={2} maxLength={4000} data-testid="visit-request-matter" />
            </Form.Item>
            <Form.Item name="requestPhone" label={t('req.phone')}>
              <Input inputMode="tel" maxLength={20} />
            </Form.Item>
          </Card>
        )}
      </Form>
    </Drawer>
  );
}

export function DiaryPage() {
  const { label } = useI18n();
  const t = useCitizensT();
  const can = useCan();
  const isMobile = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['view', 'orgId', 'visit'] as const);
  const view = values.view === 'org' ? 'org' : 'mine';
  const openVisit = toInt(values.visit);
  const orgId = toInt(values.orgId);
  const [page, setPage] = useState(1);
  const visits = useVisits(view === 'mine' ? { mine: true, page } : { orgId, page });
  const [recording, setRecording] = useState(false);
  const me = useAccount();
  const data = visits.data;
  return (
    <div data-testid="diary-page">
      <PageHead title={t('diary.title')} extra={can('citizen:handle') && me.scopeOrg.type !== 'department' && <Button type="primary" icon={<EditOutlined />} onClick={() => setRecording(true)} data-testid="visit-open" size={isMobile ? 'large' : 'middle'} block={isMobile}>{t('diary.record')}</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={view} onChange={(v) => {
          setPage(1);
          update({ view: v === 'org' ? 'org' : undefined });
        }} options={[{ value: 'mine', label: t('diary.mine') }, { value: 'org', label: t('diary.village') }]} data-testid="diary-view" />
        {view === 'org' && (
          <div style={{ width: isMobile ? 240 : 280 }}>
            <OrgTreeSelect value={orgId} onChange={(v) => {
              setPage(1);
              update({ orgId: v });
            }} placeholder={t('diary.org')} testId="diary-org" />
          </div>
        )}
      </Space>
      <ApiErrorAlert error={visits.error} onRetry={() => void visits.refetch()} />
      {data && (
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col span={12}><Card size="small"><Statistic title={t('hh.visits')} value={data.total} data-testid="diary-total" /></Card></Col>
          <Col span={12}><Card size="small"><Statistic title={t('diary.request')} value={data.withRequests} /></Card></Col>
        </Row>
      )}
      <Spin spinning={visits.isFetching}>
        {data && data.items.length === 0 ? (
          <Card><Empty /></Card>
        ) : (
          <Row gutter={[12, 12]}>
            {(data?.items ?? []).map((v) => (
              <Col xs={24} md={12} xl={8} key={v.id}>
                <Card size="small" className="lx-visit-card" data-testid="visit-card" hoverable onClick={() => update({ visit: v.id })}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>{v.household}</Typography.Text>
                    <span className="lx-muted">{v.visitedOn}</span>
                  </Space>
                  <div className="lx-muted">{v.org.name} · {v.cadre} · {label(CADRE_LEVEL_LABELS[v.cadreLevel as (typeof CADRE_LEVELS)[number]])}</div>
                  <div className="lx-visit-heard">{v.heard}</div>
                  {v.followUp && <div className="lx-muted">{t('diary.followUp')}：{v.followUp}</div>}
                  {v.requestId && (
                    <Link to={`/citizens/${v.requestId}`} onClick={(e) => e.stopPropagation()}>
                      <Tag color="red" style={{ marginTop: 6 }}>{t('diary.request')} →</Tag>
                    </Link>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      <ListPager page={page} pageSize={DIARY_PAGE_SIZE} total={data?.total} onChange={setPage} testId="diary-pager" />
      {recording && <VisitDrawer onClose={() => setRecording(false)} />}
      {openVisit && <VisitDetail id={openVisit} onClose={() => update({ visit: undefined })} />}
    </div>
  );
}
