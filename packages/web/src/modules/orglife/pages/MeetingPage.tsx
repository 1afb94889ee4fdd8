// 会议记录: one meeting as recorded — who came, who did not and why, minutes and decisions.
import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { App as AntApp, Button, Card, Descriptions, Form, Input, Popconfirm, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { CameraOutlined, DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { ACTIVITY_KIND_LABELS } from '@lianxin/contract';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useI18n } from '../../../app/i18n';
import { useAccount } from '../../../app/auth';
import { useCan } from '../../../app/auth';
import { useMeeting, useRemoveMeetingFile, useSitIn, useUploadMeetingFile } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import '../orglife.css';

export function MeetingPage() {
  const id = Number(useParams().id);
  const t = useOrglifeT();
  const { lang } = useI18n();
  const q = useMeeting(id);
  const me = useAccount();
  const sitIn = useSitIn(id);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ attendee: string; opinion: string }>();
  const can = useCan();
  const uploadFile = useUploadMeetingFile(id);
  const removeFile = useRemoveMeetingFile(id);
  const camera = useRef<HTMLInputElement>(null);
  const send = (file: File) => uploadFile.mutate(file, {
    onSuccess: () => message.success(t('files.saved')),
    onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
  });
  const m = q.data;
  usePageCrumb(m ? `${m.typeName} ${m.heldOn}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!m) return <Card><Skeleton active /></Card>;
  const absent = m.attendees.filter((a) => !a.present);
  // the levels above the unit sit in (列席): the station, the township, the county
  const maySitIn = me.roles.some((r) => r === 'station_admin' || r === 'township_admin' || r === 'county_admin') && me.scopeOrg.id !== m.org.id;
  return (
    <div data-testid="meeting-page">
      <PageHead title={`${t('meeting.title')} · ${m.typeName}`} record />
      <Card>
        <Typography.Title level={5}>{m.org.name} · {m.typeName}</Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('meeting.date')}>{m.heldOn}</Descriptions.Item>
          {m.partyGroup && <Descriptions.Item label={t('group.title')}><span data-testid="meeting-group-name">{m.partyGroup.name}</span></Descriptions.Item>}
          <Descriptions.Item label={t('meeting.place')}>{m.place}</Descriptions.Item>
          <Descriptions.Item label={t('meeting.host')}>{m.host}</Descriptions.Item>
          <Descriptions.Item label={t('meeting.topic')}>{m.topic}</Descriptions.Item>
          {m.activityKind && <Descriptions.Item label={t('filing.kind')}>{ACTIVITY_KIND_LABELS[m.activityKind][lang]}</Descriptions.Item>}
          <Descriptions.Item label={t('board.attendance')}><span data-testid="meeting-attendance">{t('meeting.present', { present: m.presentCount, expected: m.expectedCount })}</span></Descriptions.Item>
          {m.filingId && <Descriptions.Item label={t('meeting.filing')}><Link to={`/orglife/filings/${m.filingId}`}>{t('filing.title')}</Link></Descriptions.Item>}
        </Descriptions>
        <div style={{ margin: '8px 0' }}>
          {m.attendees.filter((a) => a.present).map((a) => <Tag key={a.personId} color="green">{a.name}</Tag>)}
        </div>
        {absent.length > 0 && (
          <Descriptions size="small" column={1} title={t('meeting.absentees')}>
            {absent.map((a) => <Descriptions.Item key={a.personId} label={a.name}>{a.absenceReason}</Descriptions.Item>)}
          </Descriptions>
        )}
        {m.minutes && <><Typography.Title level={5}>{t('meeting.minutes')}</Typography.Title><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Typography.Paragraph></>}
        {m.decisions && <><Typography.Title level={5}>{t('meeting.decisions')}</Typography.Title><Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.decisions}</Typography.Paragraph></>}
      </Card>
      <Card title={t('files.title')} style={{ marginTop: 12 }} data-testid="meeting-files">
        {m.files.length === 0 && <Typography.Text type="secondary">{t('files.empty')}</Typography.Text>}
        <div className="lx-meeting-files">
          {m.files.map((f) => {
            const href = `/api/orglife/meetings/${m.id}/files/${f.id}`;
            return (
              <div key={f.id} className="lx-meeting-file" data-testid="meeting-file">
                {f.mimeType.startsWith('image/')
                  ? <a href={href} target="_blank" rel="noreferrer"><img src={href} alt={f.fileName} /></a>
                  : <Typography.Link href={href} target="_blank"><PaperClipOutlined /> {f.fileName}</Typography.Link>}
                {m.filesOpen && can('orglife:record') && (
                  <Popconfirm title={t('files.remove')} onConfirm={() => removeFile.mutate(f.id, { onError: (e) => message.error(e instanceof Error ? e.message : String(e)) })}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('files.remove')} data-testid="meeting-file-remove" />
                  </Popconfirm>
                )}
              </div>
            );
          })}
        </div>
        {m.filesOpen && can('orglife:record') ? (
          <Space wrap style={{ marginTop: 8 }}>
            {/* a phone opens its camera; a desktop picks a picture */}
            <input ref={camera} type="file" accept="image/*" capture="environment" hidden onChange={(e) => { const f = e.target.files?.[0]; if (f) send(f); e.target.value = ''; }} data-testid="meeting-photo-input" />
            <Button type="primary" icon={<CameraOutlined />} loading={uploadFile.isPending} onClick={() => camera.current?.click()} data-testid="meeting-photo">{t('files.photo')}</Button>
            <Upload showUploadList={false} beforeUpload={(file) => { send(file); return false; }}>
              <Button icon={<PaperClipOutlined />} loading={uploadFile.isPending} data-testid="meeting-file-upload">{t('files.file')}</Button>
            </Upload>
          </Space>
        ) : !m.filesOpen ? <div style={{ marginTop: 8 }}><Typography.Text type="secondary">{t('files.locked')}</Typography.Text></div> : null}
      </Card>
      {m.visits && m.visits.length > 0 && (
        <Card title={t('visit.list')} style={{ marginTop: 12 }} data-testid="meeting-visits">
          {m.visits.map((v) => (
            <div key={v.visitId} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="meeting-visit-row">
              <span>{v.household}</span>
              <span style={{ display: 'flex', gap: 12 }}>
                <Link to={`/diary?visit=${v.visitId}`} data-testid="visit-diary-link">{t('visit.diary')}</Link>
                {v.requestId ? <Link to={`/citizens/${v.requestId}`} data-testid="visit-request-link">{t('visit.request')}</Link> : <Typography.Text type="secondary">{t('visit.noRequest')}</Typography.Text>}
              </span>
            </div>
          ))}
        </Card>
      )}
      {(m.sitIns.length > 0 || maySitIn) && (
        <Card title={t('sitin.title')} style={{ marginTop: 12 }} data-testid="sit-ins">
          {m.sitIns.map((x) => (
            <Typography.Paragraph key={x.id}><strong>{x.attendee}</strong>（{x.org.name}）：{x.opinion}</Typography.Paragraph>
          ))}
          {maySitIn && (
            <Form form={form} layout="vertical" onFinish={(v) => sitIn.mutate(v, {
              onSuccess: () => { message.success(t('sitin.saved')); form.resetFields(); },
              onError: (e) => message.error(e instanceof Error ? e.message : String(e)),
            })}>
              <Form.Item name="attendee" label={t('sitin.attendee')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} /></Form.Item>
              <Form.Item name="opinion" label={t('sitin.opinion')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
              <Button type="primary" htmlType="submit" loading={sitIn.isPending}>{t('sitin.save')}</Button>
            </Form>
          )}
        </Card>
      )}
    </div>
  );
}
