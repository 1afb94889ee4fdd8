// One research round: the plan, the report (text and files) the station submits, and the
// township's appraisal — a grade with a comment, or a return with a comment.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Descriptions, Input, Radio, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { RESEARCH_GRADES, RESEARCH_GRADE_LABELS, RESEARCH_STATE_LABELS, type ResearchGrade, type ResearchTransition } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useFireResearch, useResearch, useUploadResearchFile } from '../appraisal.api';
import { useAppraisalT } from '../appraisal.messages';

export function ResearchRoundPage() {
  const id = Number(useParams().id);
  const t = useAppraisalT();
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const q = useResearch(id);
  const fire = useFireResearch(id);
  const uploadFile = useUploadResearchFile(id);
  const [report, setReport] = useState<string>();
  const [grade, setGrade] = useState<ResearchGrade>();
  const [comment, setComment] = useState('');
  const r = q.data;
  usePageCrumb(r?.topic);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Card><Skeleton active /></Card>;
  const may = (x: ResearchTransition) => r.transitions.includes(x);
  const go = (transition: ResearchTransition, body: Record<string, unknown>) =>
    fire.mutate({ transition, body: { version: r.version, ...body } }, { onSuccess: () => { message.success(t('rs.done')); setComment(''); } });
  const text = report ?? r.report ?? '';
  return (
    <div data-testid="research-round-page">
      <PageHead title={`${t('rs.title')} · ${r.topic}`} record />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Tag data-testid="research-status">{RESEARCH_STATE_LABELS[r.status][lang]}</Tag>
          {r.grade && <Tag color="green" data-testid="research-grade">{RESEARCH_GRADE_LABELS[r.grade][lang]}</Tag>}
        </Space>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('rs.station')}>{r.org.name}</Descriptions.Item>
          <Descriptions.Item label={t('rs.villages')}>{r.villages.map((v) => v.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('rs.startsOn')}>{r.startsOn}{r.endsOn !== r.startsOn ? ` 至 ${r.endsOn}` : ''}</Descriptions.Item>
          {r.report && !may('report') && <Descriptions.Item label={t('rs.report')}><span style={{ whiteSpace: 'pre-wrap' }} data-testid="research-report">{r.report}</span></Descriptions.Item>}
          {r.appraisal && <Descriptions.Item label={t('rs.comment')}>{r.appraisal}</Descriptions.Item>}
          {r.files.length > 0 && (
            <Descriptions.Item label={t('rs.files')}>
              <Space wrap>{r.files.map((f) => <Typography.Link key={f.id} href={`/api/orglife/research/${r.id}/attachments/${f.id}`} target="_blank">{f.fileName}</Typography.Link>)}</Space>
            </Descriptions.Item>
          )}
        </Descriptions>
        {r.returnComment && <Alert type="warning" showIcon title={t('rs.returnComment')} description={r.returnComment} />}
      </Card>
      {fire.error ? <Alert type="error" showIcon title={fire.error instanceof Error ? fire.error.message : String(fire.error)} style={{ marginBottom: 12 }} data-testid="research-fire-error" /> : null}
      {may('report') && (
        <Card size="small" title={t('rs.submit')} style={{ marginBottom: 12 }}>
          <Input.TextArea rows={6} maxLength={20000} value={text} onChange={(e) => setReport(e.target.value)} placeholder={t('rs.report')} data-testid="research-report-text" />
          <Space style={{ marginTop: 8 }} wrap>
            <Upload showUploadList={false} beforeUpload={(file) => { uploadFile.mutate(file, { onSuccess: () => message.success(t('common.saved')), onError: (e) => message.error(e instanceof Error ? e.message : String(e)) }); return false; }}>
              <Button icon={<UploadOutlined />} loading={uploadFile.isPending}>{t('rs.upload')}</Button>
            </Upload>
            <Button type="primary" disabled={!text.trim()} loading={fire.isPending} onClick={() => go('report', { report: text.trim() })} data-testid="submit-report">{t('rs.submit')}</Button>
          </Space>
        </Card>
      )}
      {(may('appraise') || may('return')) && (
        <Card size="small" title={t('rs.appraise')}>
          <Radio.Group size="large" optionType="button" buttonStyle="solid" value={grade} onChange={(e) => setGrade(e.target.value as ResearchGrade)}
            options={RESEARCH_GRADES.map((g) => ({ value: g, label: RESEARCH_GRADE_LABELS[g][lang] }))} data-testid="research-grade-pick" />
          <Input.TextArea rows={3} maxLength={4000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('rs.comment')} style={{ marginTop: 8 }} data-testid="research-comment" />
          <Space style={{ marginTop: 8 }}>
            <Button danger disabled={!comment.trim()} loading={fire.isPending} onClick={() => go('return', { body: comment.trim() })} data-testid="research-return">{t('rs.return')}</Button>
            <Button type="primary" disabled={!grade} loading={fire.isPending} onClick={() => go('appraise', { grade, body: comment.trim() || undefined })} data-testid="research-appraise">{t('rs.appraise')}</Button>
          </Space>
        </Card>
      )}
    </div>
  );
}
