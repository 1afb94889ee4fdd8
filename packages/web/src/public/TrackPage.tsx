// Follow a request by tracking code + phone (a wrong pair gives no hint which half was wrong), see
// the four steps and the progress messages, and rate the result once it is done.
import { useState, type FormEvent } from 'react';
import type { PublicProgress, Rating } from '@lianxin/contract';
import { PublicError, publicApi } from './public.api';
import { RATING_WORDS, usePublicT } from './public.messages';

const RATINGS = Object.keys(RATING_WORDS) as Rating[];
import { Button, Card, Field, Notice, Shell, dateTime } from './ui';

/** How many of the four steps are behind the citizen's request (the next one is "now"). */
const STEPS_DONE: Record<PublicProgress['status'], number> = { received: 1, claimed: 2, promised: 3, resolved: 4, archived: 4 };
const CODE = /^[A-Za-z0-9]{6,20}$/;

export function TrackPage() {
  const i18n = usePublicT();
  const { t, label } = i18n;
  const [code, setCode] = useState(() => new URLSearchParams(window.location.search).get('code') ?? '');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<{ code?: string; phone?: string; rating?: string }>({});
  const [progress, setProgress] = useState<PublicProgress>();
  const [usedPhone, setUsedPhone] = useState('');
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const [rated, setRated] = useState<Rating>();

  const lookup = async (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    const p = phone.trim();
    const next: typeof errors = {};
    if (!c) next.code = t('common.required', { field: t('pub.code') });
    else if (!CODE.test(c)) next.code = t('pub.codePlaceholder');
    if (!p) next.phone = t('common.required', { field: t('pub.phone') });
    else if (p.length < 5 || p.length > 20) next.phone = t('req.phoneInvalid');
    setErrors(next);
    if (Object.keys(next).length) return;
    setError(undefined);
    setLoading(true);
    try {
      setProgress(await publicApi.progress(c, p));
      setUsedPhone(p);
      setRated(undefined);
      // the code may stay in the address; the phone never goes into a URL
      window.history.replaceState(null, '', `/public/track?code=${encodeURIComponent(c)}`);
    } catch (x) {
      setProgress(undefined);
      setError((x as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const rate = async (e: FormEvent) => {
    e.preventDefault();
    if (!progress) return;
    if (!rating) return setErrors({ rating: t('common.select', { field: t('req.rating') }) });
    setError(undefined);
    setLoading(true);
    try {
      setProgress(await publicApi.rate(progress.trackingCode, { phone: usedPhone, rating, comment: comment.trim() || undefined }));
      setRated(rating);
    } catch (x) {
      const err = x as PublicError;
      const f = err.fields?.find((y) => y.field === 'rating' || y.field === 'comment');
      if (f) setErrors({ rating: f.message });
      else setError(err.message);
    } finally {
      setLoading(false);
    }
  };

  const step = progress ? STEPS_DONE[progress.status] : 0;
  const steps = [t('track.received'), t('track.claimed'), t('track.promised'), t('track.resolved')];
  const tone = progress?.status === 'received' ? 'orange' : progress?.status === 'resolved' || progress?.status === 'archived' ? 'green' : 'blue';
  return (
    <Shell title={t('pub.trackTitle')} brand={t('pub.brand')} i18n={i18n}>
      <Card>
        <form onSubmit={lookup} noValidate>
          <Field id="track-code" label={t('pub.code')} error={errors.code}>
            <input id="track-code" className="lx-mono" value={code} onChange={(e) => { setCode(e.target.value); setErrors({}); }} placeholder={t('pub.codePlaceholder')} autoCapitalize="characters" autoComplete="off" data-testid="track-code" />
          </Field>
          <Field id="track-phone" label={t('pub.phone')} error={errors.phone}>
            <input id="track-phone" value={phone} onChange={(e) => { setPhone(e.target.value); setErrors({}); }} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} data-testid="track-phone" />
          </Field>
          <Button type="submit" primary busy={loading && !progress} testId="track-submit">{t('pub.lookup')}</Button>
        </form>
      </Card>
      {error && <Notice kind="error" testId="track-error">{error}</Notice>}
      {progress && (
        <>
          <Card testId="track-result">
            <div className="lx-pub-row">
              <span className="lx-mono lx-pub-strong">{progress.trackingCode}</span>
              <span className={`lx-pub-tag ${tone}`} data-testid="track-status">{progress.statusLabel}</span>
            </div>
            <ol className="lx-pub-steps" aria-label={t('pub.statusNow')}>
              {steps.map((s, i) => (
                <li key={s} className={i < step ? 'done' : i === step ? 'now' : undefined}>
                  <span className="dot">{i < step ? '✓' : i + 1}</span>
                  <span className="name">{s}</span>
                </li>
              ))}
            </ol>
            <dl className="lx-pub-dl">
              <dt>{t('pub.unit')}</dt>
              <dd>{progress.unit}</dd>
              <dt>{t('pub.submittedAt')}</dt>
              <dd>{dateTime(progress.submittedAt)}</dd>
              {progress.promisedDate && (
                <>
                  <dt>{t('pub.promised')}</dt>
                  <dd>{progress.promisedDate}</dd>
                </>
              )}
              <dt>{t('req.matter')}</dt>
              <dd className="lx-pub-msg" data-testid="track-matter">{progress.matter}</dd>
              {progress.outcome && (
                <>
                  <dt>{t('pub.outcome')}</dt>
                  <dd className="lx-pub-msg">{progress.outcome}</dd>
                </>
              )}
              {progress.rating && (
                <>
                  <dt>{t('req.rating')}</dt>
                  <dd>{label(RATING_WORDS[progress.rating])}</dd>
                </>
              )}
            </dl>
          </Card>
          <Card title={t('pub.progress')} testId="track-messages">
            <ul className="lx-pub-timeline">
              {[...progress.messages].reverse().map((m, i) => (
                <li key={`${m.at}-${i}`}>
                  <div className="lx-pub-msg">{m.text}</div>
                  <div className="lx-pub-muted">{dateTime(m.at)}</div>
                </li>
              ))}
            </ul>
          </Card>
          {rated ? (
            <Card testId="track-rated">
              <div className={`lx-pub-result ${rated === 'unsatisfied' ? 'info' : 'success'}`}>
                <div className="icon" aria-hidden>{rated === 'unsatisfied' ? 'i' : '✓'}</div>
                <h3>{t('pub.thanks')}</h3>
                <p>{rated === 'unsatisfied' ? t('pub.reopened') : t('pub.rated', { r: label(RATING_WORDS[rated]) })}</p>
              </div>
            </Card>
          ) : (
            progress.canRate && (
              <Card title={t('pub.rateTitle')} testId="track-rate">
                <form onSubmit={rate} noValidate>
                  <div className="lx-pub-choices" role="radiogroup" aria-label={t('req.rating')} data-testid="track-rating">
                    {RATINGS.map((r) => (
                      <label key={r} className={rating === r ? 'on' : undefined}>
                        <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => { setRating(r); setErrors({}); }} />
                        <span>{label(RATING_WORDS[r])}</span>
                      </label>
                    ))}
                  </div>
                  {errors.rating && <div className="lx-pub-field has-error"><div className="err" role="alert">{errors.rating}</div></div>}
                  <Field id="track-comment" label={t('pub.rateComment')}>
                    <textarea id="track-comment" rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
                  </Field>
                  <Button type="submit" primary busy={loading} testId="track-rate-submit">{t('pub.rate')}</Button>
                </form>
              </Card>
            )
          )}
        </>
      )}
      <p className="lx-pub-foot">{t('pub.promise')}</p>
    </Shell>
  );
}
