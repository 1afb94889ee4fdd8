// A 小微权力 matter's public page on a phone (no login): what the village decided and how it went —
// every step of its flow (四议两公开: 提议 → 商议 → 审议 → 决议 → 决议公开 → 实施结果公开) done or not,
// and the results of the public steps. Reached from the unit page's 决议和结果公开 section.
import { useEffect, useState } from 'react';
import type { PublicMatter } from '@lianxin/contract';
import { PublicError } from './public.api';
import { usePublicT } from './public.messages';
import { Card, Notice, Shell, Skeleton } from './ui';

type L = { zh: string; en: string };
const W = {
  title: { zh: '小微权力事项公开', en: 'Published village decision' },
  notFound: { zh: '没有找到这项公开的事项，可能尚未公开或已撤销', en: 'No such published matter: not yet published, or withdrawn' },
  flow: { zh: '运行流程：', en: 'Procedure: ' },
  amount: { zh: '涉及金额：{n} 元', en: 'Amount: {n} yuan' },
  steps: { zh: '办理步骤', en: 'Steps' },
  done: { zh: '已完成', en: 'Done' },
  current: { zh: '办理中', en: 'In progress' },
  waiting: { zh: '未开始', en: 'Not started' },
  publicStep: { zh: '公开', en: 'Public' },
  meeting: { zh: '会议：', en: 'Meeting: ' },
  back: { zh: '‹ 返回单位主页', en: '‹ Back to the unit page' },
} satisfies Record<string, L>;
const STATES: Record<PublicMatter['state'], L> = { running: { zh: '办理中', en: 'Running' }, done: { zh: '已办结', en: 'Done' }, cancelled: { zh: '已撤销', en: 'Withdrawn' } };

export function MatterPage({ id }: { id: number }) {
  const i18n = usePublicT();
  const { t, label } = i18n;
  const w = (k: keyof typeof W, vars?: Record<string, string | number>) => {
    let s = label(W[k]);
    for (const [key, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${key}}`, String(v));
    return s;
  };
  const [data, setData] = useState<PublicMatter | null>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!Number.isInteger(id) || id < 1) return setData(null);
    setError(undefined);
    fetch(`/api/public/flow-matters/${id}`, { headers: { Accept: 'application/json', 'Accept-Language': i18n.lang === 'en' ? 'en' : 'zh-CN' } })
      .then(async (res) => {
        if (res.status === 404) return setData(null);
        const body = (await res.json()) as PublicMatter & { message?: string };
        if (!res.ok) throw new PublicError(res.status, body.message ?? String(res.status));
        setData(body);
      })
      .catch((e: Error) => setError(e.message));
  }, [id, i18n.lang]);

  if (data === null) return <Shell title={w('title')} brand={t('pub.brand')} i18n={i18n}><Notice kind="warning" testId="matter-not-found">{w('notFound')}</Notice></Shell>;
  if (!data) return <Shell title={w('title')} brand={t('pub.brand')} i18n={i18n}>{error ? <Notice kind="error">{error}</Notice> : <Skeleton />}</Shell>;
  return (
    <Shell title={`${data.unit.name} · ${w('title')}`} sub={[data.unit.county, data.unit.township].filter(Boolean).join(' · ')} brand={t('pub.brand')} i18n={i18n} testId="public-matter">
      <Card title={data.title} testId="matter-head">
        <div className="lx-pub-hint">{w('flow')}{data.flowName} · {label(STATES[data.state])}</div>
        <div style={{ marginTop: 8 }}>{data.summary}</div>
        {data.amountYuan !== null && <div className="lx-pub-hint">{w('amount', { n: data.amountYuan.toLocaleString('zh-CN') })}</div>}
      </Card>
      <Card title={w('steps')} testId="matter-steps">
        <ol className="lx-pub-items">
          {data.steps.map((s, i) => (
            <li key={i} data-testid="matter-step" data-state={s.state}>
              <div className="row">
                <span className="title">{i + 1}. {s.name}{s.public ? `（${w('publicStep')}）` : ''}</span>
                <span className="amt" style={{ color: s.state === 'done' ? '#389e0d' : s.state === 'current' ? '#b7161b' : '#8c8c8c' }}>{w(s.state)}{s.completedOn ? ` ${s.completedOn}` : ''}</span>
              </div>
              {s.result && <div className="detail" data-testid="matter-step-result">{s.result}</div>}
              {s.meeting && <div className="lx-pub-hint">{w('meeting')}{s.meeting}</div>}
            </li>
          ))}
        </ol>
      </Card>
      <div className="lx-pub-foot"><a href={`/public/unit/${data.unit.id}`}>{w('back')}</a></div>
    </Shell>
  );
}
