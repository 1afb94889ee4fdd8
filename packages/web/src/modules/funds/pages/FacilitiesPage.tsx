// 设施达标: for one checklist (工作站“六个到位”, 乡镇“六有”, 村级“十有”) the share of units meeting
// every item, by child of the org (county → township → station), a tap drills down; at the end the
// units with what they miss, each opening its checklist. The county edits the items.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Card, Col, Empty, Grid, Input, Modal, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CHECKLIST_KINDS, CHECKLIST_KIND_LABELS, FACILITY_GRADE_LABELS, type ChecklistKind, type FacilityBoard } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useChecklistTemplates, useFacilityBoard, useSaveTemplate } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { FacilitiesNav, yuan } from '../components/common';

type Unit = FacilityBoard['units'][number];
type RowT = FacilityBoard['rows'][number];
const pct = (a: number, b: number) => (b ? Math.round((a / b) * 100) : 0);
const KIND_OF_TYPE: Record<string, ChecklistKind> = { station: 'station_six', township: 'township_six', village: 'village_ten', community: 'village_ten' };

export function FacilitiesPage() {
  const t = useFundsT();
  const me = useAccount();
  const can = useCan();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['kind', 'orgId'] as const);
  const kind = (CHECKLIST_KINDS as readonly string[]).includes(values.kind ?? '') ? (values.kind as ChecklistKind) : (KIND_OF_TYPE[me.scopeOrg.type] ?? 'village_ten');
  const q = useFacilityBoard(kind, toInt(values.orgId));
  const b = q.data;
  const [editing, setEditing] = useState(false);
  usePageCrumb(b?.org.name);
  const drill = (r: RowT) => `/facilities?kind=${kind}&orgId=${r.org.id}`;
  const unitLink = (u: Unit) => `/facilities/units/${u.org.id}/${kind}`;
  // only the checklists the scope's units keep (a village: its 十有 alone); a kind it has none of moves to one it has
  const kinds = b?.kinds ?? [];
  useEffect(() => {
    if (b && b.kind === kind && kinds.length > 0 && !kinds.some((k) => k.kind === kind)) update({ kind: kinds[0]!.kind });
  }, [b, kind, kinds, update]);
  const selfUnit = b && b.units.length === 1 && b.units[0]!.org.id === b.org.id && b.rows.length === 0;

  return (
    <div data-testid="facilities-page">
      <PageHead title={b ? `${t('fac.title')} · ${b.org.name}` : t('fac.title')} record extra={can('funds:configure') ? <Button onClick={() => setEditing(true)}>{t('fac.editItems')}</Button> : undefined} />
      <FacilitiesNav />
      {kinds.length > 1 && (
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented value={kind} onChange={(v) => update({ kind: String(v) })} options={CHECKLIST_KINDS.filter((k) => kinds.some((x) => x.kind === k)).map((k) => ({ value: k, label: CHECKLIST_KIND_LABELS[k].zh }))} data-testid="fac-kind" />
        </div>
      )}
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!b ? <Card><Skeleton active /></Card> : kinds.length === 0 ? (
        <Card data-testid="fac-none"><Empty description={t('fac.noneAtAll', { org: b.org.name })} /></Card>
      ) : selfUnit ? (
        <Card size="small" title={`${CHECKLIST_KIND_LABELS[kind].zh} · ${b.org.name}`} data-testid="fac-own">
          <Typography.Paragraph>
            {b.units[0]!.met === b.units[0]!.total ? <Tag color="green">{t('fac.allMet')}</Tag> : <Tag color="red">{t('fac.metOf', { met: b.units[0]!.met, total: b.units[0]!.total })}</Tag>}
            {b.units[0]!.missing.length > 0 && <Typography.Text type="secondary">{t('fac.missing')}{b.units[0]!.missing.join('、')}</Typography.Text>}
          </Typography.Paragraph>
          <Link to={unitLink(b.units[0]!)}><Button type="primary" block={phone} data-testid="fac-open-own">{t('fac.openOwn')}</Button></Link>
        </Card>
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('fac.units')} value={b.total.units} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('fac.complete')} value={`${b.total.complete} (${pct(b.total.complete, b.total.units)}%)`} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('fac.checked')} value={b.total.checked} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('fac.investment')} value={yuan(b.total.investmentFen)} suffix="元" /></Card></Col>
          </Row>
          {b.rows.length > 0 && (
            <Card size="small" title={t('fac.byChild')} style={{ marginBottom: 12 }}>
              {phone ? (
                <SimpleList items={b.rows} rowKey={(r) => r.org.id} testId="fac-rows" render={(r) => (
                  <Link to={drill(r)} style={{ display: 'block' }} data-testid="fac-row">
                    <div style={{ display: 'flex', justifyContent: 'space-between' }}><strong>{r.org.name}</strong><span>{r.complete}/{r.units}</span></div>
                    <Progress percent={pct(r.complete, r.units)} size="small" />
                  </Link>
                )} />
              ) : (
                <Table<RowT> rowKey={(r) => r.org.id} dataSource={b.rows} pagination={false} size="small" data-testid="fac-rows" onRow={() => ({ 'data-testid': 'fac-row' }) as never}
                  columns={[
                    { title: t('col.org'), render: (_, r) => <Link to={drill(r)}>{r.org.name}</Link> },
                    { title: t('fac.units'), dataIndex: 'units', align: 'right' },
                    { title: t('fac.complete'), dataIndex: 'complete', align: 'right' },
                    { title: t('fac.rate'), render: (_, r) => <Progress percent={pct(r.complete, r.units)} size="small" style={{ width: 140 }} /> },
                    { title: t('fac.checked'), dataIndex: 'checked', align: 'right' },
                    { title: t('fac.investment'), render: (_, r) => yuan(r.investmentFen), align: 'right' },
                  ]}
                />
              )}
            </Card>
          )}
          {b.units.length > 0 && (
            <Card size="small" title={t('fac.unitList')}>
              <SimpleList<Unit> items={b.units} rowKey={(u) => u.org.id} testId="fac-units" render={(u) => (
                <Link to={unitLink(u)} style={{ display: 'block' }} data-testid="fac-unit">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                    <strong>{u.org.name}</strong>
                    <span>{u.grade && <Tag color="blue">{FACILITY_GRADE_LABELS[u.grade].zh}</Tag>}{u.met === u.total ? <Tag color="green">{t('fac.allMet')}</Tag> : <Tag color="red">{t('fac.metOf', { met: u.met, total: u.total })}</Tag>}</span>
                  </div>
                  {u.missing.length > 0 && <Typography.Text type="secondary">{t('fac.missing')}{u.missing.join('、')}</Typography.Text>}
                </Link>
              )} />
            </Card>
          )}
        </>
      )}
      {editing && <TemplateEditor kind={kind} onClose={() => setEditing(false)} />}
    </div>
  );
}

/** The county's items of one checklist: one name a line (the key of a kept name stays the same). */
function TemplateEditor({ kind, onClose }: { kind: ChecklistKind; onClose: () => void }) {
  const t = useFundsT();
  const { message } = AntApp.useApp();
  const q = useChecklistTemplates();
  const save = useSaveTemplate();
  const current = q.data?.templates.find((x) => x.kind === kind);
  const [text, setText] = useState<string>();
  const value = text ?? current?.items.map((i) => i.name).join('\n') ?? '';
  const onOk = () => {
    const names = value.split('\n').map((s) => s.trim()).filter(Boolean);
    const keep = new Map(current?.items.map((i) => [i.name, i.key]));
    const used = new Set<string>();
    const items = names.map((name, i) => {
      let key = keep.get(name) ?? `item${i + 1}`;
      while (used.has(key)) key = `${key}_${i}`;
      used.add(key);
      return { key, name };
    });
    save.mutate({ kind, items }, { onSuccess: () => { message.success(t('std.saved')); onClose(); }, onError: (e) => message.error(e.message) });
  };
  return (
    <Modal open title={`${t('fac.editItems')} · ${CHECKLIST_KIND_LABELS[kind].zh}`} onCancel={onClose} onOk={onOk} confirmLoading={save.isPending}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('fac.itemsHint')}</Typography.Text>
        <Input.TextArea rows={10} value={value} onChange={(e) => setText(e.target.value)} />
      </Space>
    </Modal>
  );
}
