// 反馈公示 (no login, phone first): the published closures of a county — where, what, the public
// summary of the rectification, and the dates. No personal data: only what the public API returns.
import { useEffect, useState } from 'react';
import type { PublicClosureCounty } from '@lianxin/contract';
import { publicApi, type ClosurePage } from './public.api';
import { usePublicT } from './public.messages';
import { Card, Notice, Shell, Skeleton } from './ui';

/** 中共宜君县委员会 → 宜君县: the public knows the county, not the committee's full name. */
const countyName = (name: string) => name.replace(/^中共/, '').replace(/委员会$/, '') || name;

export function ClosuresPage({ countyId }: { countyId?: number }) {
  const i18n = usePublicT();
  const { t } = i18n;
  const page = Math.max(1, Number(new URLSearchParams(window.location.search).get('page')) || 1);
  const [counties, setCounties] = useState<PublicClosureCounty[]>();
  const [closures, setClosures] = useState<ClosurePage>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    publicApi.counties().then((list) => {
      // One county only: take it.
      if (countyId === undefined && list.length === 1) window.location.replace(`/public/closures/${list[0]!.id}`);
      else setCounties(list);
    }, (e: Error) => setError(e.message));
  }, [countyId]);
  useEffect(() => {
    if (countyId !== undefined) publicApi.closures(countyId, page).then(setClosures, (e: Error) => setError(e.message));
  }, [countyId, page]);

  const county = counties?.find((c) => c.id === countyId);
  const pages = closures ? Math.ceil(closures.total / 10) : 0;
  const pageHref = (n: number) => `/public/closures/${countyId}${n > 1 ? `?page=${n}` : ''}`;
  return (
    <Shell title={`${county ? `${countyName(county.name)} · ` : ''}${t('closures.pub.title')}`} sub={t('closures.pub.subtitle')} brand={t('pub.brand')} i18n={i18n} testId="public-closures">
      <select
        className="lx-pub-select"
        aria-label={t('closures.pub.county')}
        value={countyId ?? ''}
        onChange={(e) => window.location.assign(`/public/closures/${e.target.value}`)}
        data-testid="public-county"
      >
        <option value="" disabled>{counties ? t('closures.pub.county') : t('common.loading')}</option>
        {(counties ?? []).map((c) => <option key={c.id} value={c.id}>{`${countyName(c.name)}（${t('closures.pub.countyCount', { n: c.published })}）`}</option>)}
      </select>
      {error && <Notice kind="error">{error}</Notice>}
      {countyId !== undefined &&
        (!closures ? (
          !error && <Card><Skeleton /></Card>
        ) : closures.items.length === 0 ? (
          <Card><div className="lx-pub-empty">{t('closures.pub.none')}</div></Card>
        ) : (
          <>
            <div className="lx-pub-muted" data-testid="public-total">{t('closures.pub.total', { n: closures.total })}</div>
            {closures.items.map((c) => (
              <Card key={c.id} testId="public-closure" className="lx-pub-closure">
                <div className="lx-pub-row">
                  <span className="lx-pub-strong">{c.township && c.township !== c.org ? `${c.township} · ` : ''}{c.org}</span>
                  <span className="lx-pub-tag green">✓ {t('closures.ledger.step.closed')}</span>
                </div>
                <div className="lx-pub-tags">
                  <span className="lx-pub-tag">{c.category}</span>
                  <span className="lx-pub-tag">{c.source}</span>
                </div>
                <div className="lx-pub-desc">{c.description}</div>
                <div className="lx-pub-summary"><strong>{t('closures.pub.summary')}：</strong>{c.publicSummary}</div>
                <div className="lx-pub-dates">
                  <span>{t('closures.pub.opened')} {c.openedOn}</span>
                  {c.closedOn && <span>{t('closures.pub.closed')} {c.closedOn}</span>}
                  <span>{t('closures.pub.published')} {c.publishedOn}</span>
                </div>
              </Card>
            ))}
            {pages > 1 && (
              <nav className="lx-pub-pager">
                {page > 1 ? <a href={pageHref(page - 1)}>‹</a> : <span>‹</span>}
                <span>{page} / {pages}</span>
                {page < pages ? <a href={pageHref(page + 1)}>›</a> : <span>›</span>}
              </nav>
            )}
          </>
        ))}
      <div className="lx-pub-foot">
        {t('closures.pub.note')}
        <div><a href="/login">{t('closures.pub.login')}</a></div>
      </div>
    </Shell>
  );
}
