// One period's disclosure: the draft being composed (items, the board photo from the phone's camera,
// attachments, publish), or the current published revision with its corrections; a correction opens
// a new revision with the reason — the published one is never changed in place.
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Image, Input, Modal, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { DISCLOSURE_KIND_LABELS, formatYuan, type DisclosureRevision } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useCorrectDisclosure, useDisclosure, usePublishDisclosure, useSaveDraft, useUploadAttachment, useUploadPhoto } from '../openness.api';
import { useOpennessT } from '../openness.messages';
import { ItemsEditor, showItemErrors, toItems, type ItemValues } from '../components/ItemsEditor';

function Items({ r }: { r: DisclosureRevision }) {
  return (
    <div data-testid="items">
      {r.items.map((i) => (
        <div key={i.seq} className="lx-disclosure-item" data-testid="item-row">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <strong>{i.seq}. {i.title}</strong>
            {i.amountFen !== null && <span className="lx-amount">{formatYuan(i.amountFen)} 元</span>}
          </div>
          {i.content && <Typography.Paragraph type="secondary" style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{i.content}</Typography.Paragraph>}
        </div>
      ))}
    </div>
  );
}

export function DisclosurePage() {
  const t = useOpennessT();
  const { lang } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const q = useDisclosure(id);
  const save = useSaveDraft(id);
  const photo = useUploadPhoto(id);
  const attach = useUploadAttachment(id);
  const publish = usePublishDisclosure(id);
  const correct = useCorrectDisclosure(id);
  const [form] = Form.useForm<{ items: ItemValues[] }>();
  const [editing, setEditing] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const photoInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const d = q.data;
  usePageCrumb(d ? `${d.org.name} ${d.period}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Card><Skeleton active /></Card>;
  const finance = d.kind === 'finance';
  const fileUrl = (fileId: number) => `/api/openness/disclosures/${d.id}/files/${fileId}`;
  const mayEdit = d.canEdit && can('openness:publish');
  const fail = (e: unknown) => message.error(e instanceof Error ? e.message : String(e));
  const onFile = (kind: 'photo' | 'attachment') => async (ev: React.ChangeEvent<HTMLInputElement>) => {
    const file = ev.target.files?.[0];
    ev.target.value = '';
    if (!file) return;
    try {
      await (kind === 'photo' ? photo : attach).mutateAsync(file);
      message.success(t(kind === 'photo' ? 'draft.photoDone' : 'draft.attachDone'));
    } catch (e) {
      fail(e);
    }
  };

  const draft = d.draft;
  const shown = draft ?? d.current!;
  return (
    <div className="lx-narrow" data-testid="disclosure-page">
      <PageHead title={`${d.org.name} · ${DISCLOSURE_KIND_LABELS[d.kind][lang]} · ${d.period}`} record />
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('disclosure.due')}>{d.dueOn}</Descriptions.Item>
        <Descriptions.Item label={t('disclosure.state')}>
          {d.current ? <Tag color="green" data-testid="disclosure-published">{t('disclosure.publishedRev', { n: d.current.revision, date: dayjs(d.current.publishedAt).format('YYYY-MM-DD HH:mm') })}</Tag> : null}
          {draft ? <Tag color="blue" data-testid="disclosure-draft">{draft.revision > 1 ? t('disclosure.correcting', { n: draft.revision }) : t('state.draft')}</Tag> : null}
        </Descriptions.Item>
        {d.current && <Descriptions.Item label={t('disclosure.public')}><a href={`/public/units/${d.org.id}/disclosures`} target="_blank" rel="noreferrer">{t('disclosure.publicLink')}</a></Descriptions.Item>}
      </Descriptions>
      {draft?.reason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('disclosure.reason', { reason: draft.reason })} />}

      <Card size="small" title={t('disclosure.items')} style={{ marginBottom: 12 }} extra={draft && mayEdit && !editing ? <Button size="small" onClick={() => { form.setFieldsValue({ items: draft.items.map((i) => ({ title: i.title, content: i.content, amount: i.amountFen === null ? '' : (i.amountFen / 100).toFixed(2) })) }); setEditing(true); }} data-testid="edit-items">{t('draft.edit')}</Button> : null}>
        {editing && draft ? (
          <Form form={form} layout="vertical" onFinish={async (v) => {
            try {
              await save.mutateAsync({ version: draft.version, items: toItems(v.items, finance) });
              setEditing(false);
            } catch (e) {
              const other = showItemErrors(form, e);
              if (other) message.error(other);
            }
          }}>
            <ItemsEditor finance={finance} />
            <Space style={{ marginTop: 12 }}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-items">{t('draft.save')}</Button>
              <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        ) : (
          <Items r={shown} />
        )}
      </Card>

      <Card size="small" title={t('disclosure.photo')} style={{ marginBottom: 12 }}>
        {shown.photo ? <Image src={fileUrl(shown.photo.id)} alt={t('disclosure.photo')} style={{ maxHeight: 320, objectFit: 'contain' }} data-testid="board-photo" /> : <Typography.Text type="secondary">{t('draft.noPhoto')}</Typography.Text>}
        {draft && mayEdit && (
          <>
            <input ref={photoInput} type="file" accept="image/*" capture="environment" hidden onChange={onFile('photo')} data-testid="photo-input" />
            <Button block icon={<CameraOutlined />} style={{ marginTop: 8 }} loading={photo.isPending} onClick={() => photoInput.current?.click()} data-testid="take-photo">{shown.photo ? t('draft.retakePhoto') : t('draft.takePhoto')}</Button>
          </>
        )}
        {shown.attachments.length > 0 && (
          <div style={{ marginTop: 8 }}>{shown.attachments.map((a) => <div key={a.id}><PaperClipOutlined /> <a href={fileUrl(a.id)} target="_blank" rel="noreferrer">{a.fileName}</a></div>)}</div>
        )}
        {draft && mayEdit && (
          <>
            <input ref={fileInput} type="file" hidden onChange={onFile('attachment')} />
            <Button block type="dashed" icon={<PaperClipOutlined />} style={{ marginTop: 8 }} loading={attach.isPending} onClick={() => fileInput.current?.click()}>{t('draft.attach')}</Button>
          </>
        )}
      </Card>

      {draft && mayEdit && !editing && (
        <Button type="primary" size="large" block loading={publish.isPending} disabled={!draft.photo || draft.items.length === 0} onClick={() => publish.mutateAsync(draft.version).then(() => message.success(t('draft.published')), fail)} data-testid="publish">
          {t('draft.publish')}
        </Button>
      )}
      {draft && (!draft.photo || draft.items.length === 0) && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('draft.needs')}</Typography.Paragraph>}
      {!draft && mayEdit && (
        <Button block onClick={() => setCorrecting(true)} data-testid="correct">{t('disclosure.correct')}</Button>
      )}

      {d.history.length > 0 && (
        <Card size="small" title={t('disclosure.history')} style={{ marginTop: 12 }}>
          <Timeline items={[...(d.current ? [{ children: `${t('disclosure.rev', { n: d.current.revision })} · ${dayjs(d.current.publishedAt).format('YYYY-MM-DD')}${d.current.reason ? ` · ${d.current.reason}` : ''}` }] : []), ...d.history.map((h) => ({ color: 'gray', children: `${t('disclosure.rev', { n: h.revision })} · ${h.publishedAt ? dayjs(h.publishedAt).format('YYYY-MM-DD') : ''}${h.reason ? ` · ${h.reason}` : ''}` }))]} />
        </Card>
      )}

      <Modal
        open={correcting}
        title={t('disclosure.correct')}
        okText={t('disclosure.correctOk')}
        confirmLoading={correct.isPending}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setCorrecting(false)}
        onOk={() => correct.mutateAsync(reason.trim()).then(() => { setCorrecting(false); setReason(''); }, fail)}
      >
        <Typography.Paragraph type="secondary">{t('disclosure.correctHint')}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('disclosure.reasonPlaceholder')} data-testid="correct-reason" />
      </Modal>
    </div>
  );
}
