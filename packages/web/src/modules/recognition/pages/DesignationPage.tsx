// One designation: the unit, the kind and the citation, the criteria the level above ticks with a
// note and the evidence it uploads (while nominated or under its yearly review), the steps the
// account may take (a reason where one is needed, an award when publishing), the unit's other
// designations and the whole course. Phone first: one column of cards.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Col, Input, InputNumber, Modal, Row, Space, Tag, Timeline, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { DESIGNATION_SECTOR_LABELS, DESIGNATION_STATE_LABELS, DESIGNATION_TARGET_LABELS, type DesignationDetail, type DesignationTransition } from '@lianxin/contract';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useDesignation, useFireDesignation, useSaveChecks, useUploadEvidence } from '../designations.api';
import { DESIGNATION_STATE_COLOR } from './DesignationsPage';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

export function DesignationPage() {
  const id = Number(useParams().id);
  const q = useDesignation(id);
  const d = q.data;
  usePageCrumb(d ? `${d.unit.name} · ${d.kind.name}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Card loading />;
  return (
    <div data-testid="designation">
      <PageHead record title={<Space wrap>{d.unit.name} · {d.kind.name}<Tag color={DESIGNATION_STATE_COLOR[d.status]} data-testid="designation-status">{DESIGNATION_STATE_LABELS[d.status].zh}</Tag></Space>} extra={<Actions d={d} />} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title="推荐">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 6 }}>{d.citation}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {DESIGNATION_SECTOR_LABELS[d.kind.sector].zh} · 授予{DESIGNATION_TARGET_LABELS[d.kind.target].zh}
              {(d.unit.person || d.kind.target === 'site') && <> · {d.unit.org.name}</>}
              {d.township && <> · {d.township.name}</>} · {d.year} 年 · {d.nominatedOn} 推荐
              {d.publishedOn && <> · {d.publishedOn} 命名</>}
              {d.reviewedYear && d.publishedOn && d.reviewedYear > Number(d.publishedOn.slice(0, 4)) && <> · {d.reviewedYear} 年复核通过</>}
              {d.awardFen !== null && <> · 奖励 {yuan(d.awardFen)} 元</>}
            </Typography.Text>
            {d.reviewDue && <Alert type="warning" showIcon style={{ marginTop: 8 }} message={`今年尚未年度复核（上次：${d.reviewedYear ?? '—'} 年）`} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}><CriteriaCard d={d} /></Col>
        <Col xs={24} lg={12}><EvidenceCard d={d} /></Col>
        {d.history.length > 0 && (
          <Col xs={24} lg={12}>
            <Card size="small" title="本单位的其他称号">
              {d.history.map((h) => (
                <div key={h.id}><Link to={`/designations/${h.id}`}>{h.kindName}</Link> {h.year} 年 <Tag color={DESIGNATION_STATE_COLOR[h.status]}>{DESIGNATION_STATE_LABELS[h.status].zh}</Tag></div>
              ))}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card size="small" title="办理过程" data-testid="designation-timeline">
            <Timeline
              items={d.timeline.map((e, i) => ({
                key: i,
                children: (
                  <div>
                    <Typography.Text strong>{e.label}</Typography.Text> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.actor} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                    {e.body && <div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function Actions({ d }: { d: DesignationDetail }) {
  const fire = useFireDesignation(d.id);
  const [asking, setAsking] = useState<{ name: DesignationTransition; label: string; needsReason: boolean }>();
  const [reason, setReason] = useState('');
  const [award, setAward] = useState<number | null>(null);
  if (d.transitions.length === 0) return null;
  const done = () => { setAsking(undefined); setReason(''); setAward(null); };
  const go = (name: DesignationTransition, body?: string, awardFen?: number) => fire.mutate({ transition: name, version: d.version, body, awardFen }, { onSuccess: done });
  return (
    <Space wrap>
      {d.transitions.map((x) => (
        <Button key={x.name} type={x.needsReason ? 'default' : 'primary'} danger={x.name === 'return' || x.name === 'reject' || x.name === 'revoke'} loading={fire.isPending && !asking}
          onClick={() => (x.needsReason || x.name === 'publish' ? setAsking(x) : go(x.name))} data-testid={`designation-fire-${x.name}`}>
          {x.label}
        </Button>
      ))}
      {fire.error && !asking && <ApiErrorAlert error={fire.error} />}
      {asking && (
        <Modal open title={asking.label} onCancel={done} okText="确定" confirmLoading={fire.isPending}
          onOk={() => go(asking.name, reason.trim() || undefined, asking.name === 'publish' && award !== null ? Math.round(award * 100) : undefined)}
          okButtonProps={{ disabled: asking.needsReason && !reason.trim(), 'data-testid': 'designation-modal-ok' } as never}>
          {asking.name === 'publish' && (
            <div style={{ marginBottom: 8 }}>
              <Typography.Text>奖励金额（元，可不填）</Typography.Text>
              <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} value={award} onChange={(v) => setAward(v)} data-testid="designation-award" />
            </div>
          )}
          <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={asking.needsReason ? '请写明理由' : '说明（可不填）'} maxLength={2000} data-testid="designation-reason" />
          {fire.error && <ApiErrorAlert error={fire.error} />}
        </Modal>
      )}
    </Space>
  );
}

function CriteriaCard({ d }: { d: DesignationDetail }) {
  const save = useSaveChecks(d.id);
  const [checks, setChecks] = useState<Record<string, { met: boolean; note: string }>>({});
  const value = (code: string) => checks[code] ?? { met: d.criteria.find((c) => c.code === code)?.met === true, note: d.criteria.find((c) => c.code === code)?.note ?? '' };
  const met = d.criteria.filter((c) => c.met === true).length;
  return (
    <Card size="small" title={`认定标准（${met}/${d.criteria.length} 项符合）`} data-testid="designation-criteria">
      {d.criteria.map((c, i) => (
        <div key={c.code} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
          {d.canCheck ? (
            <>
              <Checkbox checked={value(c.code).met} onChange={(e) => setChecks({ ...checks, [c.code]: { ...value(c.code), met: e.target.checked } })} data-testid={`criterion-${i}`}>{c.text}</Checkbox>
              <Input size="small" style={{ marginTop: 4 }} placeholder="核实情况" value={value(c.code).note} maxLength={500}
                onChange={(e) => setChecks({ ...checks, [c.code]: { ...value(c.code), note: e.target.value } })} />
            </>
          ) : (
            <>
              <Tag color={c.met === true ? 'green' : c.met === false ? 'red' : undefined}>{c.met === true ? '符合' : c.met === false ? '不符合' : '未核对'}</Tag>{c.text}
              {c.note && <div style={{ fontSize: 12, color: '#666' }}>{c.note}</div>}
            </>
          )}
        </div>
      ))}
      {d.canCheck && (
        <>
          {save.error && <ApiErrorAlert error={save.error} />}
          <Button style={{ marginTop: 8 }} type="primary" loading={save.isPending} data-testid="criteria-save"
            onClick={() => save.mutate({ version: d.version, checks: d.criteria.map((c) => ({ code: c.code, met: value(c.code).met, ...(value(c.code).note.trim() ? { note: value(c.code).note.trim() } : {}) })) }, { onSuccess: () => setChecks({}) })}>
            保存核对结果
          </Button>
        </>
      )}
    </Card>
  );
}

function EvidenceCard({ d }: { d: DesignationDetail }) {
  const upload = useUploadEvidence(d.id);
  return (
    <Card size="small" title={`佐证材料（${d.evidence.length}）`} data-testid="designation-evidence">
      {d.evidence.map((f) => (
        <div key={f.id}><a href={`/api/recognition/designations/${d.id}/evidence/${f.id}`} target="_blank" rel="noreferrer">{f.fileName}</a> <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(f.at).format('YYYY-MM-DD')}</Typography.Text></div>
      ))}
      {d.evidence.length === 0 && <Typography.Text type="secondary">尚无佐证材料</Typography.Text>}
      {d.canCheck && (
        <div style={{ marginTop: 8 }}>
          <Upload showUploadList={false} customRequest={({ file, onSuccess, onError }) => upload.mutate(file as File, { onSuccess: () => onSuccess?.({}), onError: (e) => onError?.(e as Error) })}>
            <Button loading={upload.isPending} data-testid="evidence-upload">上传佐证材料（照片、PDF、Word、Excel）</Button>
          </Upload>
          {upload.error && <ApiErrorAlert error={upload.error} />}
        </div>
      )}
    </Card>
  );
}
