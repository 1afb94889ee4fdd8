// The public page of a unit (no login, phone first; the 连心卡 QR lands here): the unit's promise,
// a form to raise a matter with the simple check the API asks for, then the tracking code with
// what happens next, and what the unit can help with. Everything typed shows as text.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { RequestCategory } from '@lianxin/contract';
import { PublicError, publicApi, type PublicUnit } from './public.api';
import { CATEGORIES, MAX_PHOTO_BYTES, usePublicT } from './public.messages';
import { Button, Card, Field, Notice, Shell, Skeleton } from './ui';

type Values = { name: string; phone: string; category: string; matter: string; challengeAnswer: string };
const EMPTY: Values = { name: '', phone: '', category: '', matter: '', challengeAnswer: '' };
const PHONE = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

export function UnitPage({ id }: { id: number }) {
  const i18n = usePublicT();
  const { t, label } = i18n;
  const [unit, setUnit] = useState<PublicUnit | null>();
  const [unitError, setUnitError] = useState<string>();
  const [challenge, setChallenge] = useState<{ token: string; question: string }>();
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState<{ trackingCode: string; photoError?: string }>();
  const [copied, setCopied] = useState(false);
  const [photo, setPhoto] = useState<File>();
  const [photoError, setPhotoError] = useState<string>();
  const preview = useMemo(() => (photo ? URL.createObjectURL(photo) : undefined), [photo]);
  useEffect(() => () => { if (preview) URL.revokeObjectURL(preview); }, [preview]);

  useEffect(() => {
    if (!Number.isInteger(id) || id < 1) return setUnit(null);
    publicApi.unit(id).then(setUnit, (e: PublicError) => {
      setUnit(null);
      if (e.status !== 404) setUnitError(e.message);
    });
  }, [id]);
  const newChallenge = useCallback(async () => {
    try {
      setChallenge(await publicApi.challenge());
      setV((x) => ({ ...x, challengeAnswer: '' }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    if (unit && !challenge) void newChallenge();
  }, [unit, challenge, newChallenge]);

  const set = (k: keyof Values) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setV((x) => ({ ...x, [k]: value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };

  const validate = (): boolean => {
    const next: typeof errors = {};
    const need = (k: keyof Values, name: string) => { if (!v[k].trim()) next[k] = t('common.required', { field: name }); };
    need('name', t('pub.name'));
    need('phone', t('pub.phone'));
    if (!next.phone && !PHONE.test(v.phone.trim())) next.phone = t('req.phoneInvalid');
    need('matter', t('pub.matter'));
    need('challengeAnswer', t('pub.challenge'));
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!challenge || !validate()) return;
    setError(undefined);
    setSending(true);
    try {
      const phone = v.phone.trim();
      const res = await publicApi.submit({ unitId: id, name: v.name.trim(), phone, matter: v.matter.trim(), category: v.category || undefined, challengeToken: challenge.token, challengeAnswer: v.challengeAnswer.trim() });
      let photoFailed: string | undefined;
      if (photo) {
        try {
          await publicApi.photo(res.trackingCode, phone, photo);
        } catch (x) {
          photoFailed = (x as Error).message;
        }
      }
      setSent({ trackingCode: res.trackingCode, photoError: photoFailed });
      setPhoto(undefined);
      setV(EMPTY);
      window.scrollTo(0, 0);
    } catch (x) {
      const err = x as PublicError;
      const known: (keyof Values)[] = ['name', 'phone', 'matter', 'category', 'challengeAnswer'];
      const fieldErrors: typeof errors = {};
      for (const f of err.fields ?? []) if ((known as string[]).includes(f.field)) fieldErrors[f.field as keyof Values] = f.message;
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0) setError(err.message);
      // a used or wrong check cannot be answered again: a new question
      if (fieldErrors.challengeAnswer || err.status === 429 || err.status === 400) {
        await newChallenge();
        if (fieldErrors.challengeAnswer) setErrors((x) => ({ ...x, challengeAnswer: fieldErrors.challengeAnswer }));
      }
    } finally {
      setSending(false);
    }
  };

  if (unit === undefined) {
    return <Shell title={t('pub.submitTitle')} brand={t('pub.brand')} i18n={i18n}><Card><Skeleton /></Card></Shell>;
  }
  if (unit === null) {
    return (
      <Shell title={t('pub.submitTitle')} brand={t('pub.brand')} i18n={i18n}>
        <Card>
          <div className="lx-pub-result warning">
            <div className="icon" aria-hidden>!</div>
            <h3>{unitError ?? t('pub.unitMissing')}</h3>
            <p>{t('pub.chooseUnit')}</p>
          </div>
          <a className="lx-pub-btn" href="/public/track">{t('pub.goTrack')}</a>
        </Card>
      </Shell>
    );
  }
  const sub = [unit.county, unit.township !== unit.name ? unit.township : null].filter(Boolean).join(' · ');

  if (sent) {
    return (
      <Shell title={unit.name} sub={sub} brand={t('pub.brand')} i18n={i18n}>
        <Card testId="public-sent">
          <div className="lx-pub-result success">
            <div className="icon" aria-hidden>✓</div>
            <h3>{t('pub.sent')}</h3>
          </div>
          {sent.photoError && <Notice kind="warning">{t('err.photoFailed', { m: sent.photoError })}</Notice>}
          <div className="lx-pub-center">{t('pub.codeIs')}</div>
          <div className="lx-pub-code" data-testid="public-code">{sent.trackingCode}</div>
          <div className="lx-pub-center">
            <button
              type="button"
              className="lx-pub-link"
              onClick={() => {
                void navigator.clipboard?.writeText(sent.trackingCode).then(() => setCopied(true), () => undefined);
              }}
            >
              {copied ? t('pub.copied') : t('pub.copy')}
            </button>
          </div>
          <h3 className="lx-pub-h3">{t('pub.next')}</h3>
          <ol className="lx-pub-next">
            <li>{t('pub.next1')}</li>
            <li>{t('pub.next2')}</li>
            <li>{t('pub.next3')}</li>
          </ol>
          <a className="lx-pub-btn primary" href={`/public/track?code=${encodeURIComponent(sent.trackingCode)}`} data-testid="public-track-link">{t('pub.trackNow')}</a>
          <Button onClick={() => { setSent(undefined); setChallenge(undefined); setCopied(false); }}>{t('pub.another')}</Button>
        </Card>
      </Shell>
    );
  }

  return (
    <Shell title={unit.name} sub={sub} brand={t('pub.brand')} i18n={i18n}>
      <Card>
        <strong className="lx-pub-red">{t('pub.promise')}</strong>
        <div className="lx-pub-promise">{unit.promise}</div>
        {unit.sections.length > 0 && (
          // The form is long on a phone: the unit's notices below it are one tap away from the top.
          <nav className="lx-pub-jump" aria-label={t('pub.jump')} data-testid="public-jump">
            <a href="#pub-form">{t('pub.submitTitle')}</a>
            {unit.sections.map((section) => <a key={section.key} href={`#pub-section-${section.key}`}>{section.title}</a>)}
          </nav>
        )}
      </Card>
      <Card id="pub-form" title={t('pub.submitTitle')} testId="public-form-card">
        {error && <Notice kind="error" testId="public-error">{error}</Notice>}
        <form onSubmit={submit} noValidate>
          <Field id="pub-name" label={t('pub.name')} error={errors.name}>
            <input id="pub-name" value={v.name} onChange={set('name')} autoComplete="name" maxLength={50} data-testid="public-name" aria-invalid={!!errors.name} />
          </Field>
          <Field id="pub-phone" label={t('pub.phone')} error={errors.phone} help={t('pub.phoneHelp')}>
            <input id="pub-phone" value={v.phone} onChange={set('phone')} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} data-testid="public-phone" aria-invalid={!!errors.phone} />
          </Field>
          <Field id="pub-category" label={t('req.category')} error={errors.category}>
            <select id="pub-category" value={v.category} onChange={set('category')} data-testid="public-category">
              <option value="">—</option>
              {(Object.keys(CATEGORIES) as RequestCategory[]).map((c) => <option key={c} value={c}>{label(CATEGORIES[c])}</option>)}
            </select>
          </Field>
          <Field id="pub-matter" label={t('pub.matter')} error={errors.matter}>
            <textarea id="pub-matter" rows={5} value={v.matter} onChange={set('matter')} maxLength={2000} placeholder={t('pub.matterPlaceholder')} data-testid="public-matter" aria-invalid={!!errors.matter} />
            <div className="count">{v.matter.length} / 2000</div>
          </Field>
          <Field id="pub-photo" label={t('pub.photo')} error={photoError} help={t('pub.photoHelp')}>
            <input
              id="pub-photo"
              type="file"
              accept="image/*"
              className="lx-pub-file"
              data-testid="public-photo"
              onChange={(e) => {
                const f = e.target.files?.[0];
                setPhotoError(undefined);
                if (f && (!f.type.startsWith('image/') || f.size > MAX_PHOTO_BYTES)) {
                  setPhotoError(t('pub.photoHelp'));
                  setPhoto(undefined);
                  e.target.value = '';
                  return;
                }
                setPhoto(f);
              }}
            />
            {preview && <img src={preview} alt="" className="lx-pub-preview" />}
          </Field>
          <Field id="pub-challengeAnswer" label={`${t('pub.challenge')}：${challenge?.question ?? '…'}`} error={errors.challengeAnswer} help={t('pub.challengeHelp')}>
            <input id="pub-challengeAnswer" value={v.challengeAnswer} onChange={set('challengeAnswer')} inputMode="numeric" maxLength={10} data-testid="public-answer" aria-invalid={!!errors.challengeAnswer} />
          </Field>
          <Button type="submit" primary busy={sending} disabled={!challenge} testId="public-submit">{t('pub.submit')}</Button>
        </form>
      </Card>
      {unit.sections.map((section) => (
        <Card key={section.key} id={`pub-section-${section.key}`} title={section.title} testId={`public-section-${section.key}`}>
          <ul className="lx-pub-section">
            {section.items.map((item, i) => (
              <li key={i}>
                <div className="title">{item.href ? <a href={item.href}>{item.title}</a> : item.title}</div>
                {item.detail && <div className="detail">{item.detail}</div>}
                {item.at && <div className="at">{item.at}</div>}
              </li>
            ))}
          </ul>
          {section.more && <a className="lx-pub-more" href={section.more.href}>{section.more.label} ›</a>}
        </Card>
      ))}
      {unit.services.length > 0 && (
        <Card>
          <details className="lx-pub-services">
            <summary>{t('pub.services')}</summary>
            {unit.services.map((s) => (
              <div key={s.name} className="svc">
                <div className="name">{s.name}</div>
                <div className="proc">{s.procedure}</div>
              </div>
            ))}
          </details>
        </Card>
      )}
      <a className="lx-pub-btn" href="/public/track">{t('pub.goTrack')}</a>
      <div className="lx-pub-foot">连心 Lianxin</div>
    </Shell>
  );
}
