// 指标体系编辑: the tree category → item → indicator with each level's sum checked against its
// parent as one types (the server checks the same and refuses a mismatch); a draft is saved and
// published, a published edition is read-only.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Card, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { CADENCE_LABELS, INDICATOR_SOURCE_LABELS, SUBJECT_KIND_LABELS, type SchemeTreeInput } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { download } from '../../../app/api';
import { usePageCrumb } from '../../../app/page-context';
import { usePublishScheme, useSaveScheme, useScheme } from '../assessment.api';
import { useAssessmentT } from '../assessment.messages';

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;

export function SchemePage() {
  const t = useAssessmentT();
  const id = Number(useParams().id);
  const can = useCan();
  const scheme = useScheme(id);
  const save = useSaveScheme(id);
  const publish = usePublishScheme(id);
  const s = scheme.data;
  usePageCrumb(s?.name);
  const [tree, setTree] = useState<SchemeTreeInput | null>(null);
  const [total, setTotal] = useState(100);

  useEffect(() => {
    if (!s) return;
    setTotal(s.totalPoints);
    setTree({ categories: s.tree.categories.map((c) => ({ name: c.name, points: c.points, items: c.items.map((i) => ({ name: i.name, points: i.points, indicators: i.indicators.map(({ key: _k, sourceLabel: _l, ...k }) => k) })) })) });
  }, [s]);

  if (scheme.error) return <ApiErrorAlert error={scheme.error} />;
  if (!s || !tree) return null;
  const editable = s.status === 'draft' && can('assessment:configure');
  const update = (fn: (draft: SchemeTreeInput) => void) => setTree((old) => {
    const next = structuredClone(old!);
    fn(next);
    return next;
  });
  const checkSum = (value: number, children: number[]) => {
    const got = sum(children);
    return got === value ? <Tag color="green">{t('scheme.sum', { sum: got })}</Tag> : <Tag color="red">{t('scheme.sum', { sum: got })} · {t('scheme.mismatch')}</Tag>;
  };
  const points = (value: number, onChange: (v: number) => void, testId?: string) =>
    editable ? <InputNumber size="small" min={0} step={0.5} value={value} onChange={(v) => onChange(Number(v ?? 0))} data-testid={testId} style={{ width: 90 }} /> : <strong>{value}</strong>;

  return (
    <div data-testid="assessment-scheme">
      <PageHead
        title={s.name}
        extra={
          <Space wrap>
            <Tag color="purple" data-testid="scheme-subject-kind">考核对象：{SUBJECT_KIND_LABELS[s.subjectKind].zh}</Tag>
            <Button onClick={() => void download(`/api/assessment/schemes/${id}/export`, undefined, `${s.name}.xlsx`)}>导出 Excel</Button>
            {editable && (
            <Space>
              <Button onClick={() => save.mutate({ version: s.version, name: s.name, totalPoints: total, tree })} loading={save.isPending} data-testid="scheme-save">{t('scheme.save')}</Button>
              <Button
                type="primary"
                loading={publish.isPending || save.isPending}
                data-testid="scheme-publish"
                onClick={() => save.mutate({ version: s.version, name: s.name, totalPoints: total, tree }, { onSuccess: (saved) => publish.mutate(saved.version) })}
              >
                {t('scheme.publish')}
              </Button>
            </Space>
            )}
          </Space>
        }
      />
      {s.status === 'published' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('scheme.published')} data-testid="scheme-published" />}
      {(save.error || publish.error) && <ApiErrorAlert error={save.error ?? publish.error} />}
      <Space style={{ marginBottom: 12 }}>
        <span>{t('scheme.total')}</span>
        {points(total, setTotal)}
        {checkSum(total, tree.categories.map((c) => c.points))}
      </Space>
      {tree.categories.map((c, ci) => (
        <Card key={ci} size="small" style={{ marginBottom: 12 }} title={<Space>{c.name}{points(c.points, (v) => update((d) => { d.categories[ci]!.points = v; }))}{checkSum(c.points, c.items.map((i) => i.points))}</Space>}>
          {c.items.map((item, ii) => (
            <div key={ii} style={{ marginBottom: 12 }}>
              <Space style={{ marginBottom: 6 }}>
                <Typography.Text strong>{item.name}</Typography.Text>
                {points(item.points, (v) => update((d) => { d.categories[ci]!.items[ii]!.points = v; }))}
                {checkSum(item.points, item.indicators.map((k) => k.points))}
              </Space>
              <Table
                size="small"
                pagination={false}
                rowKey={(_r, k) => String(k)}
                dataSource={item.indicators.map((k, ki) => ({ ...k, ki }))}
                scroll={{ x: 640 }}
                columns={[
                  {
                    title: '指标',
                    render: (_v, k) => editable
                      ? <Input size="small" value={k.name} onChange={(e) => update((d) => { d.categories[ci]!.items[ii]!.indicators[k.ki]!.name = e.target.value; })} />
                      : <span>{k.name}{k.sample && <Tag style={{ marginInlineStart: 6 }}>{t('scheme.sample')}</Tag>}</span>,
                  },
                  { title: '指数值', width: 110, render: (_v, k) => points(k.points, (v) => update((d) => { d.categories[ci]!.items[ii]!.indicators[k.ki]!.points = v; }), `points-${ci}-${ii}-${k.ki}`) },
                  { title: t('scheme.cadence'), width: 90, render: (_v, k) => CADENCE_LABELS[k.cadence].zh },
                  { title: t('scheme.source'), width: 220, render: (_v, k) => INDICATOR_SOURCE_LABELS[k.source].zh },
                ]}
              />
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}
