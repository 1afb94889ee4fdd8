// Follow a request by tracking code + phone (a wrong pair gives no hint which half was wrong), see
// the progress messages, and rate the result once it is done.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Radio, Result, Steps, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { RATING_LABELS, RATINGS, type PublicProgress, type Rating } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { applyFieldErrors } from '../../../app/ui';
import { publicApi } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';
import { PublicShell } from './PublicUnitPage';
import '../citizens.css';

/** How many of the four steps are behind the citizen's request (the next one is "now"). */
const STEPS_DONE: Record<PublicProgress['status'], number> = { received: 1, claimed: 2, promised: 3, resolved: 4, archived: 4 };

export function PublicTrackPage() {
  const t = useCitizensT();
  const { t: tc, label } = useI18n();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<{ code: string; phone: string }>();
  const [rateForm] = Form.useForm<{ rating: Rating; comment?: string }>();
  const [progress, setProgress] = useState<PublicProgress>();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [rated, setRated] = useState<Rating>();

  const lookup = async (v: { code: string; phone: string }) => {
    setError(undefined);
    setLoading(true);
    try {
      const code = v.code.trim().toUpperCase();
      const p = await publicApi.progress(code, v.phone.trim());
      setProgress(p);
      setPhone(v.phone.trim());
      setRated(undefined);
      setParams({ code }, { replace: true });
    } catch (e) {
      setProgress(undefined);
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  const rate = async (v: { rating: Rating; comment?: string }) => {
    if (!progress) return;
    setError(undefined);
    setLoading(true);
    try {
      const p = await publicApi.rate(progress.trackingCode, { phone, rating: v.rating, comment: v.comment?.trim() || undefined });
      setProgress(p);
      setRated(v.rating);
    } catch (e) {
      setError(applyFieldErrors(rateForm, e, ['rating', 'comment']));
    } finally {
      setLoading(false);
    }
  };

  const step = progress ? STEPS_DONE[progress.status] : 0;
  return (
    <PublicShell title={t('pub.trackTitle')}>
      <Card>
        <Form form={form} layout="vertical" onFinish={lookup} size="large" requiredMark={false} initialValues={{ code: params.get('code') ?? '' }}>
          <Form.Item name="code" label={t('pub.code')} rules={[{ required: true, message: tc('common.required', { field: t('pub.code') }) }, { pattern: /^[A-Za-z0-9]{6,20}$/, message: t('pub.codePlaceholder') }]}>
            <Input placeholder={t('pub.codePlaceholder')} autoCapitalize="characters" className="lx-mono" data-testid="track-code" />
          </Form.Item>
          <Form.Item name="phone" label={t('pub.phone')} rules={[{ required: true, message: tc('common.required', { field: t('pub.phone') }) }, { min: 5, max: 20 }]}>
            <Input inputMode="tel" autoComplete="tel" data-testid="track-phone" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block className="lx-pub-btn" loading={loading && !progress} data-testid="track-submit">{t('pub.lookup')}</Button>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="track-error" />}
      {progress && (
        <>
          <Card data-testid="track-result">
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 12 }}>
              <span className="lx-mono" style={{ fontSize: 18, fontWeight: 600 }}>{progress.trackingCode}</span>
              <Tag color={progress.status === 'received' ? 'orange' : progress.status === 'resolved' || progress.status === 'archived' ? 'green' : 'blue'} style={{ fontSize: 15, padding: '4px 10px' }} data-testid="track-status">{progress.statusLabel}</Tag>
            </div>
            <Steps
              size="small"
              current={step}
              items={[{ title: t('track.received') }, { title: t('track.claimed') }, { title: t('track.promised') }, { title: t('track.resolved') }]}
              responsive={false}
              titlePlacement="vertical"
              style={{ marginBottom: 16 }}
            />
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('pub.unit')}>{progress.unit}</Descriptions.Item>
              <Descriptions.Item label={t('pub.submittedAt')}>{dayjs(progress.submittedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
              {progress.promisedDate && <Descriptions.Item label={t('pub.promised')}>{progress.promisedDate}</Descriptions.Item>}
              <Descriptions.Item label={t('req.matter')}><span className="lx-pub-msg" data-testid="track-matter">{progress.matter}</span></Descriptions.Item>
              {progress.outcome && <Descriptions.Item label={t('pub.outcome')}><span className="lx-pub-msg">{progress.outcome}</span></Descriptions.Item>}
              {progress.rating && <Descriptions.Item label={t('req.rating')}>{label(RATING_LABELS[progress.rating])}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card title={t('pub.progress')} data-testid="track-messages">
            <Timeline
              items={[...progress.messages].reverse().map((m) => ({
                content: (
                  <div>
                    <div className="lx-pub-msg">{m.text}</div>
                    <div className="lx-muted">{dayjs(m.at).format('YYYY-MM-DD HH:mm')}</div>
                  </div>
                ),
              }))}
            />
          </Card>
          {rated ? (
            <Card data-testid="track-rated">
              <Result status={rated === 'unsatisfied' ? 'info' : 'success'} title={t('pub.thanks')} subTitle={rated === 'unsatisfied' ? t('pub.reopened') : t('pub.rated', { r: label(RATING_LABELS[rated]) })} style={{ padding: 12 }} />
            </Card>
          ) : (
            progress.canRate && (
              <Card title={t('pub.rateTitle')} data-testid="track-rate">
                <Form form={rateForm} layout="vertical" onFinish={rate} requiredMark={false}>
                  <Form.Item name="rating" rules={[{ required: true, message: tc('common.select', { field: t('req.rating') }) }]} className="lx-pub-rate">
                    <Radio.Group optionType="button" buttonStyle="solid" options={RATINGS.map((r) => ({ value: r, label: label(RATING_LABELS[r]) }))} data-testid="track-rating" />
                  </Form.Item>
                  <Form.Item name="comment" label={t('pub.rateComment')}>
                    <Input.TextArea rows={2} maxLength={1000} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" block className="lx-pub-btn" loading={loading} data-testid="track-rate-submit">{t('pub.rate')}</Button>
                </Form>
              </Card>
            )
          )}
        </>
      )}
      <Typography.Paragraph className="lx-pub-foot">{t('pub.promise')}</Typography.Paragraph>
    </PublicShell>
  );
}
