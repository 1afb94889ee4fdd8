// 村干部报酬标准 (the county's, by year): each post's yearly allowance for villages and communities,
// edited in yuan and kept in fen on assessment's one table; a year without its own table shows the
// one it carries over. The server checks again (一肩挑 not below a single post) and its Chinese
// sentence is shown as it is.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, InputNumber, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ALLOWANCE_POSTS, ALLOWANCE_POST_LABELS, ALLOWANCE_UNIT_TYPES, FUND_UNIT_TYPE_LABELS, type AllowancePost, type AllowanceUnitType } from '@lianxin/contract';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useAllowanceStandards, useSaveAllowanceStandards } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FundsNav, YearSelect, thisYear, toFen } from '../components/common';

type Cells = Record<string, number | null>;
const key = (u: AllowanceUnitType, p: AllowancePost) => `${u}:${p}`;

export function AllowanceStandardsPage() {
  const t = useFundsT();
  const { message } = AntApp.useApp();
  const { values, update } = useUrlState(['year'] as const);
  const year = toInt(values.year) ?? thisYear();
  const q = useAllowanceStandards(year);
  const save = useSaveAllowanceStandards();
  const [cells, setCells] = useState<Cells>({});
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!q.data) return;
    const next: Cells = {};
    for (const r of q.data.rows) next[key(r.unitType, r.post)] = r.annualFen / 100;
    setCells(next);
    setError(undefined);
  }, [q.data]);

  const onSave = () => {
    setError(undefined);
    const rows: { unitType: AllowanceUnitType; post: AllowancePost; annualFen: number }[] = [];
    for (const u of ALLOWANCE_UNIT_TYPES) for (const p of ALLOWANCE_POSTS) {
      const v = cells[key(u, p)];
      if (v === null || v === undefined) continue;
      const fen = toFen(v);
      if (fen === undefined) return setError(t('astd.invalid', { unit: FUND_UNIT_TYPE_LABELS[u].zh, post: ALLOWANCE_POST_LABELS[p].zh }));
      rows.push({ unitType: u, post: p, annualFen: fen });
    }
    if (rows.length === 0) return setError(t('astd.empty'));
    save.mutate({ year, rows }, { onSuccess: () => message.success(t('astd.saved', { year })), onError: (e) => setError(e.message) });
  };

  const d = q.data;
  const origin = !d ? null : d.fromYear === null ? <Tag color="blue">{t('astd.default')}</Tag> : d.fromYear === year ? <Tag color="green">{t('astd.own')}</Tag> : <Tag color="gold">{t('astd.inherited', { from: d.fromYear })}</Tag>;
  return (
    <div data-testid="allowance-standards-page">
      <PageHead title={t('astd.title')} extra={<YearSelect value={year} onChange={(y) => update({ year: y })} />} />
      <FundsNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!d ? <Card><Skeleton active /></Card> : (
        <Card
          size="small"
          title={<Space wrap>{t('astd.year', { year })}<span data-testid="astd-origin">{origin}</span></Space>}
          extra={<Button type="primary" onClick={onSave} loading={save.isPending} data-testid="astd-save">{t('astd.save')}</Button>}
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="astd-error" />}
          <Typography.Paragraph type="secondary">{t('astd.hint')}</Typography.Paragraph>
          <Table
            rowKey="post"
            dataSource={ALLOWANCE_POSTS.map((post) => ({ post }))}
            pagination={false}
            size="small"
            scroll={{ x: 420 }}
            columns={[
              { title: t('astd.post'), render: (_, r) => ALLOWANCE_POST_LABELS[r.post].zh, width: 150 },
              ...ALLOWANCE_UNIT_TYPES.map((u) => ({
                title: FUND_UNIT_TYPE_LABELS[u].zh,
                render: (_: unknown, r: { post: AllowancePost }) => (
                  <InputNumber
                    min={0}
                    max={1_000_000}
                    precision={2}
                    style={{ width: 140 }}
                    suffix="元"
                    placeholder={t('astd.none')}
                    value={cells[key(u, r.post)] ?? null}
                    onChange={(v) => setCells((c) => ({ ...c, [key(u, r.post)]: v === null ? null : Number(v) }))}
                    data-testid={`astd-${u}-${r.post}`}
                  />
                ),
              })),
            ]}
          />
        </Card>
      )}
    </div>
  );
}
