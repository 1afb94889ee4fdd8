// 工作站称号: a station's designations (县级试点、乡镇示范站、“七一”表彰 with its award), given and
// withdrawn by the county (a township names its own demonstration stations); and, on a county or township, the list of designated stations by
// designation and year.
import { useState } from 'react';
import { App as AntApp, Alert, Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { STATION_DESIGNATION_LABELS, type AddDesignationBody, STATION_DESIGNATIONS, type OrgDetail, type StationDesignation, type StationDesignationKind, type StationDesignationRow } from '@lianxin/contract';
import { api } from '../../../app/api';
import { useAccount, useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, applyFieldErrors } from '../../../app/ui';
import { orgKeys } from '../orgs.api';
import { useDesignationsT } from '../designations.messages';

/** Money is kept in fen; people read yuan. */
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

function DesignationTag({ d }: { d: StationDesignation }) {
  const { label } = useI18n();
  const t = useDesignationsT();
  return (
    <span data-testid="designation">
      <Tag color={d.kind === 'county_pilot' ? 'gold' : d.kind === 'qiyi_commended' ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
        {d.year} {label(STATION_DESIGNATION_LABELS[d.kind])}
        {d.awardFen !== null && ` · ${t('des.awardShort')} ${yuan(d.awardFen)}`}
      </Tag>
    </span>
  );
}

type AddValues = { kind: StationDesignationKind; year: number; designatedOn?: Dayjs; awardYuan?: number; note?: string };

/** A station's designations; the county adds and withdraws them, a township its demonstration stations. */
export function StationDesignations({ org }: { org: OrgDetail }) {
  const t = useDesignationsT();
  const { label } = useI18n();
  const { message } = AntApp.useApp();
  const can = useCan();
  const me = useAccount();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<AddValues>();
  const kind = Form.useWatch('kind', form);
  // The county gives every designation; a township names its own demonstration stations (seed 000).
  const isCounty = me.roles.includes('county_admin');
  const kinds = isCounty ? STATION_DESIGNATIONS : me.roles.includes('township_admin') ? (['township_demo'] as const) : [];
  const mayEdit = can('org:write') && kinds.length > 0 && org.status === 'active';
  const mayRemove = (d: StationDesignation) => mayEdit && (kinds as readonly string[]).includes(d.kind);
  const refresh = () => client.invalidateQueries({ queryKey: orgKeys.all });
  const add = useMutation({ mutationFn: (body: AddDesignationBody) => api.post(`/api/orgs/${org.id}/designations`, body) });
  const remove = useMutation({ mutationFn: (id: number) => api.delete(`/api/orgs/${org.id}/designations/${id}`) });

  const submit = (v: AddValues) => {
    setError(undefined);
    const body: AddDesignationBody = {
      kind: v.kind,
      year: v.year,
      ...(v.designatedOn ? { designatedOn: v.designatedOn.format('YYYY-MM-DD') } : {}),
      ...(v.kind === 'qiyi_commended' && v.awardYuan !== undefined ? { awardFen: Math.round(v.awardYuan * 100) } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    add.mutate(body, {
      onSuccess: async (d) => {
        message.success(t('des.saved', { name: `${d.year} ${label(STATION_DESIGNATION_LABELS[d.kind])}` }));
        setOpen(false);
        form.resetFields();
        await refresh();
      },
      onError: (e) => setError(applyFieldErrors(form, e, ['kind', 'year', 'designatedOn', 'note']) ?? undefined),
    });
  };

  return (
    <div style={{ marginBottom: 16 }} data-testid="station-designations">
      <Space align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('des.title')}</Typography.Title>
        {mayEdit && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="designation-add">
            {t('des.add')}
          </Button>
        )}
      </Space>
      <div>
        {org.designations.length === 0 ? (
          <Typography.Text type="secondary">{t('des.none')}</Typography.Text>
        ) : (
          <Space wrap size={[8, 8]}>
            {org.designations.map((d) => (
              <Space key={d.id} size={2}>
                <DesignationTag d={d} />
                {mayRemove(d) && (
                  <Popconfirm
                    title={t('des.removeConfirm')}
                    onConfirm={() =>
                      remove.mutate(d.id, {
                        onSuccess: async () => {
                          message.success(t('des.removed'));
                          await refresh();
                        },
                        onError: (e) => void message.error((e as Error).message),
                      })
                    }
                  >
                    <Button type="link" size="small" danger data-testid={`designation-remove-${d.id}`}>
                      {t('des.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ))}
          </Space>
        )}
      </div>
      <Modal title={`${t('des.add')} · ${org.name}`} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText={t('des.save')} confirmLoading={add.isPending} destroyOnHidden>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ year: Number(dayjs().format('YYYY')) }} preserve={false}>
          <Form.Item name="kind" label={t('des.kind')} rules={[{ required: true, message: t('des.required', { field: t('des.kind') }) }]}>
            <Select data-testid="designation-kind" options={kinds.map((k) => ({ value: k, label: label(STATION_DESIGNATION_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="year" label={t('des.year')} rules={[{ required: true, message: t('des.required', { field: t('des.year') }) }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} data-testid="designation-year" />
          </Form.Item>
          <Form.Item name="designatedOn" label={t('des.date')}>
            <DatePicker style={{ width: 200 }} />
          </Form.Item>
          {kind === 'qiyi_commended' && (
            <Form.Item name="awardYuan" label={t('des.award')} rules={[{ required: true, message: t('des.award') }]}>
              <InputNumber min={0} max={1_000_000} precision={2} style={{ width: 200 }} data-testid="designation-award" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('des.note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** The designated stations under a county or township, filtered by designation and year. */
export function DesignationList({ orgId }: { orgId: number }) {
  const t = useDesignationsT();
  const { label } = useI18n();
  const [kind, setKind] = useState<StationDesignationKind>();
  const [year, setYear] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: [...orgKeys.all, 'designations', orgId, kind ?? '', year ?? 0, page],
    queryFn: () => api.get('/api/station-designations', { orgId, kind, year: year ?? undefined, page, pageSize: 20 }),
  });
  return (
    <div style={{ marginTop: 16 }} data-testid="designation-list">
      <Typography.Title level={5}>{t('des.listTitle')}</Typography.Title>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          allowClear
          placeholder={t('des.allKinds')}
          style={{ width: 200 }}
          value={kind}
          onChange={(v) => { setKind(v); setPage(1); }}
          options={STATION_DESIGNATIONS.map((k) => ({ value: k, label: label(STATION_DESIGNATION_LABELS[k]) }))}
          data-testid="designation-filter-kind"
        />
        <InputNumber placeholder={t('des.allYears')} min={2000} max={2100} precision={0} value={year} onChange={(v) => { setYear(v); setPage(1); }} style={{ width: 140 }} data-testid="designation-filter-year" />
      </Space>
      <ApiErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('des.empty')} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        columns={[
          { title: t('des.station'), key: 'station', render: (_: unknown, r: StationDesignationRow) => r.station.name },
          { title: t('des.township'), key: 'township', render: (_: unknown, r: StationDesignationRow) => r.township?.name ?? '—' },
          { title: t('des.kind'), key: 'kind', render: (_: unknown, r: StationDesignationRow) => label(STATION_DESIGNATION_LABELS[r.kind]) },
          { title: t('des.year'), dataIndex: 'year' },
          { title: t('des.awardShort'), key: 'award', render: (_: unknown, r: StationDesignationRow) => (r.awardFen === null ? '—' : yuan(r.awardFen)) },
        ]}
      />
    </div>
  );
}
