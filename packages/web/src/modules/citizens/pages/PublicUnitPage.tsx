// The public page of a unit (no login, phone first): what it can help with (公示公开), a form to
// raise a matter (with the simple check the API asks for), then the tracking code with what to do
// next. The 连心卡 QR code lands here with the unit chosen. Everything typed shows as text.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Collapse, Form, Input, Result, Select, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { MAX_PUBLIC_PHOTO_BYTES, REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors } from '../../../app/ui';
import { publicApi } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';
import '../citizens.css';

type Values = { name: string; phone: string; matter: string; category?: RequestCategory; challengeAnswer: string };

export function PublicShell({ title, sub, children }: { title: string; sub?: string; children: React.ReactNode }) {
  const t = useCitizensT();
  const { lang, setLang } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('pub.brand')}`;
  }, [title, t]);
  return (
    <div className="lx-pub" data-testid="public-page">
      <div className="lx-pub-top">
        <div className="brand" style={{ display: 'flex', justifyContent: 'space-between' }}>
          <span>{t('pub.brand')}</span>
          <a style={{ color: '#fff' }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{lang === 'zh' ? 'English' : '中文'}</a>
        </div>
        <h1>{title}</h1>
        {sub && <div className="sub">{sub}</div>}
      </div>
      <div className="lx-pub-main">{children}</div>
    </div>
  );
}

export function PublicUnitPage() {
  const id = Number(useParams().id);
  const t = useCitizensT();
  const { t: tc, label } = useI18n();
  const unit = useQuery({ queryKey: ['public', 'unit', id], queryFn: () => publicApi.unit(id), enabled: Number.isInteger(id) && id > 0, retry: false });
  const [challenge, setChallenge] = useState<{ token: string; question: string }>();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<{ trackingCode: string; unit: string; photoError?: string }>();
  const [photo, setPhoto] = useState<File>();
  const [photoError, setPhotoError] = useState<string>();
  const preview = useMemo(() => (photo ? URL.createObjectURL(photo) : undefined), [photo]);
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);
  const newChallenge = useCallback(async () => {
    try {
      setChallenge(await publicApi.challenge());
      form.setFieldValue('challengeAnswer', '');
    } catch (e) {
      setError((e as Error).message);
    }
  }, [form]);
  useEffect(() => {
    if (unit.data && !challenge) void newChallenge();
  }, [unit.data, challenge, newChallenge]);

  const submit = async (v: Values) => {
    if (!challenge) return;
    setError(undefined);
    setSending(true);
    try {
      const res = await publicApi.submit({ unitId: id, name: v.name.trim(), phone: v.phone.trim(), matter: v.matter.trim(), category: v.category, challengeToken: challenge.token, challengeAnswer: v.challengeAnswer.trim() });
      let photoFailed: string | undefined;
      if (photo) {
        try {
          await publicApi.photo(res.trackingCode, v.phone.trim(), photo);
        } catch (e) {
          photoFailed = (e as Error).message;
        }
      }
      setSent({ ...res, photoError: photoFailed });
      setPhoto(undefined);
      form.resetFields();
      window.scrollTo(0, 0);
    } catch (e) {
      const rest = applyFieldErrors(form, e, ['name', 'phone', 'matter', 'category', 'challengeAnswer']);
      setError(rest);
      // a used or wrong check cannot be answered again: a new question
      if (e instanceof ApiError && (e.fields.some((f) => f.field === 'challengeAnswer') || e.status === 429 || e.status === 400)) {
        const keep = form.getFieldError('challengeAnswer');
        await newChallenge();
        if (keep.length) form.setFields([{ name: 'challengeAnswer', errors: keep }]);
      }
    } finally {
      setSending(false);
    }
  };

  if (unit.isPending && unit.fetchStatus !== 'idle') {
    return <PublicShell title={t('pub.submitTitle')}><Card><Skeleton active /></Card></PublicShell>;
  }
  if (!unit.data) {
    return (
      <PublicShell title={t('pub.submitTitle')}>
        <Card>
          <Result status="warning" title={unit.error instanceof ApiError && unit.error.status !== 404 ? unit.error.message : t('pub.unitMissing')} subTitle={t('pub.chooseUnit')} extra={<Link to="/public/track"><Button size="large">{t('pub.goTrack')}</Button></Link>} />
        </Card>
      </PublicShell>
    );
  }
  const u = unit.data;
  const sub = [u.county, u.township !== u.name ? u.township : null].filter(Boolean).join(' · ');

  if (sent) {
    return (
      <PublicShell title={u.name} sub={sub}>
        <Card data-testid="public-sent">
          <Result status="success" title={t('pub.sent')} style={{ padding: '12px 0' }} />
          {sent.photoError && <Alert type="warning" showIcon title={sent.photoError} style={{ marginBottom: 12 }} />}
          <div style={{ textAlign: 'center' }}>{t('pub.codeIs')}</div>
          <div className="lx-pub-code" data-testid="public-code">{sent.trackingCode}</div>
          <div style={{ textAlign: 'center', marginBottom: 12 }}>
            <Typography.Text copyable={{ text: sent.trackingCode, tooltips: [t('pub.copy'), t('pub.copied')] }}>{t('pub.copy')}</Typography.Text>
          </div>
          <Typography.Title level={5}>{t('pub.next')}</Typography.Title>
          <ol className="lx-pub-next">
            <li>{t('pub.next1')}</li>
            <li>{t('pub.next2')}</li>
            <li>{t('pub.next3')}</li>
          </ol>
          <Link to={`/public/track?code=${sent.trackingCode}`}>
            <Button type="primary" block className="lx-pub-btn" style={{ marginTop: 16 }} data-testid="public-track-link">{t('pub.trackNow')}</Button>
          </Link>
          <Button block className="lx-pub-btn" style={{ marginTop: 10 }} onClick={() => { setSent(undefined); setChallenge(undefined); }}>{t('pub.another')}</Button>
        </Card>
      </PublicShell>
    );
  }

  return (
    <PublicShell title={u.name} sub={sub}>
      <Card size="small">
        <Typography.Text strong style={{ color: '#b7161b' }}>{t('pub.promise')}</Typography.Text>
        <div style={{ fontSize: 14, marginTop: 4 }}>{u.promise}</div>
      </Card>
      <Card title={t('pub.submitTitle')} data-testid="public-form-card">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="public-error" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="name" label={t('pub.name')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('pub.name') }) }, { max: 50 }]}>
            <Input autoComplete="name" maxLength={50} data-testid="public-name" />
          </Form.Item>
          <Form.Item name="phone" label={t('pub.phone')} extra={t('pub.phoneHelp')} rules={[{ required: true, message: tc('common.required', { field: t('pub.phone') }) }, { pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: t('req.phoneInvalid') }]}>
            <Input inputMode="tel" autoComplete="tel" maxLength={20} data-testid="public-phone" />
          </Form.Item>
          <Form.Item name="category" label={t('req.category')}>
            <Select allowClear options={REQUEST_CATEGORIES.map((c) => ({ value: c, label: label(REQUEST_CATEGORY_LABELS[c]) }))} data-testid="public-category" />
          </Form.Item>
          <Form.Item name="matter" label={t('pub.matter')} rules={[{ required: true, whitespace: true, message: tc('common.required', { field: t('pub.matter') }) }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount placeholder={t('pub.matterPlaceholder')} data-testid="public-matter" />
          </Form.Item>
          <Form.Item label={t('pub.photo')} extra={photoError ?? t('pub.photoHelp')} validateStatus={photoError ? 'error' : undefined}>
            <input
              type="file"
              accept="image/*"
              className="lx-pub-file"
              data-testid="public-photo"
              onChange={(e) => {
                const f = e.target.files?.[0];
                setPhotoError(undefined);
                if (f && (!f.type.startsWith('image/') || f.size > MAX_PUBLIC_PHOTO_BYTES)) {
                  setPhotoError(t('pub.photoHelp'));
                  setPhoto(undefined);
                  e.target.value = '';
                  return;
                }
                setPhoto(f);
              }}
            />
            {preview && <img src={preview} alt="" className="lx-pub-preview" />}
          </Form.Item>
          <Form.Item name="challengeAnswer" label={`${t('pub.challenge')}：${challenge?.question ?? '…'}`} extra={t('pub.challengeHelp')} rules={[{ required: true, message: tc('common.required', { field: t('pub.challenge') }) }]}>
            <Input inputMode="numeric" maxLength={10} data-testid="public-answer" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block className="lx-pub-btn" loading={sending} disabled={!challenge} data-testid="public-submit">{t('pub.submit')}</Button>
        </Form>
      </Card>
      <Card size="small">
        <Collapse
          ghost
          items={[{ key: 's', label: <strong>{t('pub.services')}</strong>, children: u.services.map((s) => (
            <div key={s.name} style={{ marginBottom: 8 }}>
              <div style={{ fontWeight: 600 }}>{s.name}</div>
              <div className="lx-muted" style={{ fontSize: 13 }}>{s.procedure}</div>
            </div>
          )) }]}
        />
      </Card>
      <Link to="/public/track"><Button block className="lx-pub-btn">{t('pub.goTrack')}</Button></Link>
      <div className="lx-pub-foot">连心 Lianxin</div>
    </PublicShell>
  );
}
