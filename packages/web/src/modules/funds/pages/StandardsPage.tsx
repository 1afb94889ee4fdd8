// 经费标准 (the county's): a year's table by unit type and line, edited in yuan and kept in fen;
// copied to the next year; applied to every unit as its allocations.
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, InputNumber, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { FUND_LINES, FUND_LINE_LABELS, FUND_UNIT_TYPES, FUND_UNIT_TYPE_LABELS, type FundLine, type FundUnitType } from '@lianxin/contract';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useApplyStandards, useCopyStandards, useFundStandards, useSaveStandards } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FundsNav, YearSelect, thisYear, toFen } from '../components/common';

type Cell = Record<string, number | null>;
const key = (u: FundUnitType, l: FundLine) => `${u}:${l}`;

export function StandardsPage() {
  const t = useFundsT();
  const { message } = AntApp.useApp();
  const { values, update } = useUrlState(['year'] as const);
  const year = toInt(values.year) ?? thisYear();
  const q = useFundStandards(year);
  const save = useSaveStandards();
  const copy = useCopyStandards();
  const apply = useApplyStandards();
  const [cells, setCells] = useState<Cell>({});
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!q.data) return;
    const next: Cell = {};
    for (const r of q.data.rows) next[key(r.unitType, r.line)] = r.annualFen / 100;
    setCells(next);
  }, [q.data]);
  const rows = FUND_UNIT_TYPES.map((u) => ({ unitType: u }));

  const onSave = () => {
    setError(undefined);
    const out: { unitType: FundUnitType; line: FundLine; annualFen: number }[] = [];
    for (const u of FUND_UNIT_TYPES) for (const l of FUND_LINES) {
      const v = cells[key(u, l)];
      if (v === null || v === undefined) continue;
      const fen = toFen(v);
      if (fen === undefined) return setError(t('std.invalid', { unit: FUND_UNIT_TYPE_LABELS[u].zh, line: FUND_LINE_LABELS[l].zh }));
      out.push({ unitType: u, line: l, annualFen: fen });
    }
    save.mutate({ year, rows: out }, { onSuccess: () => message.success(t('std.saved')), onError: (e) => setError(e.message) });
  };

  return (
    <div data-testid="standards-page">
      <PageHead title={t('std.title')} extra={<YearSelect value={year} onChange={(y) => update({ year: y })} />} />
      <FundsNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!q.data ? <Card><Skeleton active /></Card> : (
        <Card
          size="small"
          title={<Space>{t('std.year', { year })}{q.data.isDefault && <Tag color="blue">{t('std.default')}</Tag>}</Space>}
          extra={
            <Space wrap>
              <Button onClick={() => copy.mutate({ fromYear: year, toYear: year + 1 }, { onSuccess: () => message.success(t('std.copied', { year: year + 1 })), onError: (e) => setError(e.message) })} loading={copy.isPending}>
                {t('std.copy', { year: year + 1 })}
              </Button>
              <Popconfirm title={t('std.applyConfirm', { year })} onConfirm={() => apply.mutate(year, { onSuccess: (r) => message.success(t('std.applied', { n: r.created, units: r.units })), onError: (e) => setError(e.message) })}>
                <Button loading={apply.isPending} data-testid="std-apply">{t('std.apply')}</Button>
              </Popconfirm>
              <Button type="primary" onClick={onSave} loading={save.isPending} data-testid="std-save">{t('std.save')}</Button>
            </Space>
          }
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Typography.Paragraph type="secondary">{t('std.hint')}</Typography.Paragraph>
          <Table
            rowKey="unitType"
            dataSource={rows}
            pagination={false}
            size="small"
            scroll={{ x: 640 }}
            columns={[
              { title: t('std.unitType'), render: (_, r) => FUND_UNIT_TYPE_LABELS[r.unitType].zh },
              ...FUND_LINES.map((l) => ({
                title: FUND_LINE_LABELS[l].zh,
                render: (_: unknown, r: { unitType: FundUnitType }) => (
                  <InputNumber
                    min={0}
                    precision={2}
                    style={{ width: 150 }}
                    suffix="元"
                    placeholder={t('std.none')}
                    value={cells[key(r.unitType, l)] ?? null}
                    onChange={(v) => setCells((c) => ({ ...c, [key(r.unitType, l)]: v === null ? null : Number(v) }))}
                    data-testid={`std-${r.unitType}-${l}`}
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
