// 反馈公示 (no login, phone first): the published closures of a county — where, what, the public
// summary of the rectification, and the dates. No personal data: only what the public API returns.
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Empty, Pagination, Select, Skeleton, Tag } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useI18n } from '../../../app/i18n';
import { useUrlState, toInt } from '../../../app/url-state';
import { usePublicClosures, usePublicCounties } from '../ledger.api';
import { useLedgerT } from '../ledger.messages';
import '../ledger.css';

/** 中共宜君县委员会 → 宜君县: the public knows the county, not the committee's full name. */
const countyName = (name: string) => name.replace(/^中共/, '').replace(/委员会$/, '') || name;

export function PublicClosuresPage() {
  const { countyId: raw } = useParams();
  const countyId = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const { lang, setLang } = useI18n();
  const t = useLedgerT();
  const navigate = useNavigate();
  const { values, update } = useUrlState(['page'] as const);
  const page = toInt(values.page) ?? 1;
  const counties = usePublicCounties();
  const closures = usePublicClosures(countyId, page);
  const county = counties.data?.find((c) => c.id === countyId);

  // One county only: take it.
  useEffect(() => {
    if (countyId === undefined && counties.data?.length === 1) navigate(`/public/closures/${counties.data[0]!.id}`, { replace: true });
  }, [countyId, counties.data, navigate]);

  useEffect(() => {
    document.title = `${t('pub.title')}${county ? ` · ${countyName(county.name)}` : ''}`;
  }, [county, t]);

  return (
    <div className="lx-pub" data-testid="public-closures">
      <div className="lx-pub-head">
        <div className="lx-pub-inner" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8 }}>
          <div>
            <h1>
              {county ? `${countyName(county.name)} · ` : ''}
              {t('pub.title')}
            </h1>
            <p>{t('pub.subtitle')}</p>
          </div>
          <Button size="small" ghost onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'English' : '中文'}
          </Button>
        </div>
      </div>
      <div className="lx-pub-body">
        <Select
          style={{ width: '100%', marginBottom: 12 }}
          size="large"
          placeholder={t('pub.county')}
          loading={counties.isPending}
          value={countyId}
          onChange={(id: number) => navigate(`/public/closures/${id}`)}
          options={(counties.data ?? []).map((c) => ({ value: c.id, label: `${countyName(c.name)}（${t('pub.countyCount', { n: c.published })}）` }))}
          data-testid="public-county"
        />
        {(counties.error || closures.error) && <Alert type="error" showIcon title={(counties.error ?? closures.error)!.message} style={{ marginBottom: 12 }} />}
        {countyId !== undefined &&
          (closures.isPending ? (
            <Card><Skeleton active /></Card>
          ) : closures.data && closures.data.items.length === 0 ? (
            <Card><Empty description={t('pub.none')} /></Card>
          ) : (
            <>
              <div className="lx-muted" style={{ fontSize: 12, marginBottom: 8 }} data-testid="public-total">{t('pub.total', { n: closures.data?.total ?? 0 })}</div>
              {closures.data?.items.map((c) => (
                <Card key={c.id} className="lx-pub-card" data-testid="public-closure">
                  <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
                    <span className="lx-pub-org">
                      {c.township && c.township !== c.org ? `${c.township} · ` : ''}
                      {c.org}
                    </span>
                    <Tag color="green" icon={<CheckCircleFilled />} style={{ marginInlineEnd: 0 }}>{t('ledger.step.closed')}</Tag>
                  </div>
                  <div style={{ marginTop: 4 }}>
                    <Tag bordered={false}>{c.category}</Tag>
                    <Tag bordered={false}>{c.source}</Tag>
                  </div>
                  <div className="lx-pub-desc">{c.description}</div>
                  <div className="lx-pub-result">
                    <strong>{t('pub.summary')}：</strong>
                    {c.publicSummary}
                  </div>
                  <div className="lx-pub-dates">
                    <span>{t('pub.opened')} {c.openedOn}</span>
                    {c.closedOn && <span>{t('pub.closed')} {c.closedOn}</span>}
                    <span>{t('pub.published')} {c.publishedOn}</span>
                  </div>
                </Card>
              ))}
              {(closures.data?.total ?? 0) > 10 && (
                <Pagination simple current={page} pageSize={10} total={closures.data?.total ?? 0} style={{ textAlign: 'center', marginTop: 8 }} onChange={(n) => update({ page: n === 1 ? undefined : n })} />
              )}
            </>
          ))}
        <div className="lx-pub-foot">
          {t('pub.note')}
          <div style={{ marginTop: 8 }}>
            <Link to="/login">{t('pub.login')}</Link>
          </div>
        </div>
      </div>
    </div>
  );
}
