// 一个单位的设施清单, on a village secretary's phone: each item a row — tick it met, take a photo of
// it (the camera opens on a phone) — saved at once; the township's grade and the investment below.
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Form, InputNumber, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { CHECKLIST_KINDS, FACILITY_GRADES, FACILITY_GRADE_LABELS, type ChecklistKind, type FacilityGrade, type UnitChecklist } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useChecklist, useChecklistPhoto, useSaveChecklist } from '../funds.api';
import { useFundsT } from '../funds.messages';
import { toFen, yuan } from '../components/common';

export function ChecklistPage() {
  const t = useFundsT();
  const params = useParams();
  const orgId = Number(params.id);
  const kind = ((CHECKLIST_KINDS as readonly string[]).includes(params.kind ?? '') ? params.kind : 'village_ten') as ChecklistKind;
  const q = useChecklist(orgId, kind);
  const c = q.data;
  usePageCrumb(c ? c.org.name : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!c) return <Card><Skeleton active /></Card>;
  return <ChecklistForm c={c} />;
}

function ChecklistForm({ c }: { c: UnitChecklist }) {
  const t = useFundsT();
  const can = useCan();
  const { message } = AntApp.useApp();
  const save = useSaveChecklist(c.org.id, c.kind);
  const photo = useChecklistPhoto(c.org.id, c.kind);
  const [error, setError] = useState<string>();
  const [busyKey, setBusyKey] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const [photoKey, setPhotoKey] = useState<string>();
  const [stamp, setStamp] = useState(0);
  const editable = can('funds:facility');

  const saveWith = (patch: { items?: { key: string; met: boolean }[]; grade?: FacilityGrade | null; investmentFen?: number }) => {
    setError(undefined);
    save.mutate({ version: c.version, items: patch.items ?? [], ...(patch.grade !== undefined ? { grade: patch.grade } : {}), ...(patch.investmentFen !== undefined ? { investmentFen: patch.investmentFen } : {}) }, {
      onSuccess: () => message.success(t('check.saved')),
      onError: (e) => setError(e.message),
      onSettled: () => setBusyKey(undefined),
    });
  };

  return (
    <div data-testid="checklist-page">
      <PageHead title={`${c.org.name} · ${c.kindLabel}`} record />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text strong data-testid="check-count">{t('fac.metOf', { met: c.met, total: c.total })}</Typography.Text>
          {c.met === c.total ? <Tag color="green">{t('fac.allMet')}</Tag> : <Tag color="red">{t('check.missing', { n: c.total - c.met })}</Tag>}
        </div>
        {c.updatedAt && <Typography.Text type="secondary">{t('check.updated', { at: new Date(c.updatedAt).toLocaleString('zh-CN') })}</Typography.Text>}
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="check-error" />}
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        data-testid="check-photo-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          const key = photoKey;
          e.target.value = '';
          if (!file || !key) return;
          setBusyKey(key);
          photo.mutate({ key, file }, {
            onSuccess: () => { message.success(t('check.photoSaved')); setStamp(Date.now()); },
            onError: (err) => setError(err.message),
            onSettled: () => setBusyKey(undefined),
          });
        }}
      />
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: 0 } }}>
        {c.checks.map((i) => (
          <div key={i.key} className="lx-check-item" data-testid={`check-item-${i.key}`} style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ fontSize: 16 }}>{i.name}</div>
              {i.hasPhoto && (
                <a href={`/api/facilities/units/${c.org.id}/checklists/${c.kind}/items/${i.key}/photo`} target="_blank" rel="noreferrer">
                  <img src={`/api/facilities/units/${c.org.id}/checklists/${c.kind}/items/${i.key}/photo?v=${stamp}`} alt={i.name} data-testid={`check-photo-${i.key}`} style={{ marginTop: 6, height: 56, borderRadius: 4, objectFit: 'cover' }} />
                </a>
              )}
            </div>
            {editable && (
              <Button
                icon={<CameraOutlined />}
                size="large"
                aria-label={t('check.photo')}
                loading={busyKey === i.key && photo.isPending}
                data-testid={`check-camera-${i.key}`}
                onClick={() => { setPhotoKey(i.key); fileInput.current?.click(); }}
              />
            )}
            <Switch
              checked={i.met}
              disabled={!editable || save.isPending}
              loading={busyKey === i.key && save.isPending}
              checkedChildren={t('check.met')}
              unCheckedChildren={t('check.notMet')}
              data-testid={`check-switch-${i.key}`}
              onChange={(met) => { setBusyKey(i.key); saveWith({ items: [{ key: i.key, met }] }); }}
            />
          </div>
        ))}
      </Card>
      <Card size="small">
        <Form layout="vertical">
          {c.kind === 'township_six' && (
            <Form.Item label={t('check.grade')}>
              <Select
                value={c.grade ?? undefined}
                allowClear
                disabled={!editable}
                placeholder={t('check.gradeNone')}
                onChange={(g?: FacilityGrade) => saveWith({ grade: g ?? null })}
                options={FACILITY_GRADES.map((g) => ({ value: g, label: FACILITY_GRADE_LABELS[g].zh }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('check.investment', { now: yuan(c.investmentFen) })}>
            <InputNumber
              key={c.version}
              defaultValue={c.investmentFen / 100}
              min={0}
              precision={2}
              suffix="元"
              disabled={!editable}
              style={{ width: '100%' }}
              inputMode="decimal"
              onBlur={(e) => {
                const fen = toFen(e.target.value.replace(/,/g, ''));
                if (fen !== undefined && fen !== c.investmentFen) saveWith({ investmentFen: fen });
              }}
            />
          </Form.Item>
        </Form>
      </Card>
    </div>
  );
}
