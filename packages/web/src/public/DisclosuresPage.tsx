// 三务公开 on a phone (no login): a unit's 党务 / 村务 / 财务 disclosures of a month — each item with
// its amount, the board photo, attachments — and, when one was corrected, that it was and why.
import { useEffect, useState } from 'react';
import type { PublicDisclosures } from '@lianxin/contract';
import { PublicError } from './public.api';
import { usePublicT } from './public.messages';
import { Card, Notice, Shell, Skeleton, dateTime } from './ui';

// Types only from the contract (its values would bring the schemas along): the few words are here.
type L = { zh: string; en: string };
const KINDS: Record<PublicDisclosures['disclosures'][number]['kind'], L> = {
  party: { zh: '党务公开', en: 'Party affairs' },
  village: { zh: '村务公开', en: 'Village affairs' },
  finance: { zh: '财务公开', en: 'Finances' },
};
const W = {
  title: { zh: '三务公开', en: 'Public disclosures' },
  month: { zh: '公开月份', en: 'Month' },
  none: { zh: '本月暂无公开内容', en: 'Nothing published for this month' },
  notFound: { zh: '没有找到这个单位的公开页面', en: 'No disclosure page for this unit' },
  published: { zh: '公布于', en: 'Published' },
  corrected: { zh: '已更正（第{n}版）', en: 'Corrected (revision {n})' },
  reason: { zh: '更正说明：', en: 'Reason: ' },
  photo: { zh: '公开栏照片', en: 'The disclosure board' },
  attachments: { zh: '附件', en: 'Attachments' },
  day: { zh: '本县每月{day}日前公开党务、村务、财务。', en: 'Units publish by day {day} of each month.' },
  back: { zh: '‹ 返回单位主页', en: '‹ Back to the unit page' },
} satisfies Record<string, L>;

const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

export function DisclosuresPage({ id }: { id: number }) {
  const i18n = usePublicT();
  const { t, label } = i18n;
  const w = (k: keyof typeof W, vars?: Record<string, string | number>) => {
    let s = label(W[k]);
    for (const [key, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${key}}`, String(v));
    return s;
  };
  const [month, setMonth] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get('period') ?? undefined);
  const [data, setData] = useState<PublicDisclosures | null>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!Number.isInteger(id) || id < 1) return setData(null);
    setError(undefined);
    const q = month ? `?period=${encodeURIComponent(month)}` : '';
    fetch(`/api/public/units/${id}/disclosures${q}`, { headers: { Accept: 'application/json', 'Accept-Language': i18n.lang === 'en' ? 'en' : 'zh-CN' } })
      .then(async (res) => {
        if (res.status === 404) return setData(null);
        const body = (await res.json()) as PublicDisclosures & { message?: string };
        if (!res.ok) throw new PublicError(res.status, body.message ?? String(res.status));
        setData(body);
      })
      .catch((e: Error) => setError(e.message));
  }, [id, month, i18n.lang]);

  if (data === null) return <Shell title={w('title')} brand={t('pub.brand')} i18n={i18n}><Notice kind="warning" testId="disclosures-not-found">{w('notFound')}</Notice></Shell>;
  if (!data) return <Shell title={w('title')} brand={t('pub.brand')} i18n={i18n}>{error ? <Notice kind="error">{error}</Notice> : <Skeleton />}</Shell>;
  const months = data.months.includes(data.month) ? data.months : [data.month, ...data.months];
  return (
    <Shell title={`${data.unit.name} · ${w('title')}`} sub={[data.unit.county, data.unit.township].filter(Boolean).join(' · ')} brand={t('pub.brand')} i18n={i18n} testId="public-disclosures">
      <Card>
        <label className="lx-pub-month">
          {w('month')}
          <select value={data.month} onChange={(e) => { setMonth(e.target.value); history.replaceState(null, '', `?period=${e.target.value}`); }} data-testid="disclosure-month">
            {months.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <div className="lx-pub-hint">{w('day', { day: data.disclosureDay })}</div>
      </Card>
      {data.disclosures.length === 0 && <Notice kind="info" testId="disclosures-empty">{w('none')}</Notice>}
      {data.disclosures.map((d) => {
        return (
          <Card key={d.id} title={`${label(KINDS[d.kind])}（${d.period}）`} testId={`disclosure-${d.kind}`}>
            <div className="lx-pub-hint">{w('published')} {dateTime(d.publishedAt)}</div>
            {d.corrected && (
              <div className="lx-pub-corrected" data-testid="disclosure-corrected">
                <strong>{w('corrected', { n: d.revision })}</strong>{d.reason ? <div>{w('reason')}{d.reason}</div> : null}
              </div>
            )}
            <ol className="lx-pub-items">
              {d.items.map((i) => (
                <li key={i.seq} data-testid="disclosure-item">
                  <div className="row"><span className="title">{i.title}</span>{i.amountFen !== null && <span className="amt">{yuan(i.amountFen)} 元</span>}</div>
                  {i.content && <div className="detail">{i.content}</div>}
                </li>
              ))}
            </ol>
            {d.photoUrl && (
              <figure className="lx-pub-photo">
                <a href={d.photoUrl} target="_blank" rel="noreferrer"><img src={d.photoUrl} alt={w('photo')} loading="lazy" data-testid="board-photo" /></a>
                <figcaption>{w('photo')}</figcaption>
              </figure>
            )}
            {d.attachments.length > 0 && (
              <div className="lx-pub-hint">{w('attachments')}：{d.attachments.map((a) => <a key={a.url} href={a.url} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>{a.name}</a>)}</div>
            )}
          </Card>
        );
      })}
      <div className="lx-pub-foot"><a href={`/public/unit/${data.unit.id}`}>{w('back')}</a></div>
    </Shell>
  );
}
