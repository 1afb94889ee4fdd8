// 一位第一书记: the post (sending unit, term, days in post), this year's subsidy and the work log —
// 民情日记 visits and citizen requests recorded by the accounts linked to the person, meetings
// attended, talks given — read from those records, never entered here. Reads on a phone.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, InputNumber, List, Skeleton, Space, Tag, Typography } from 'antd';
import type { FirstSecretaryDetail } from '@lianxin/contract';
import { api } from '../../../app/api';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { SubjectResults } from '../../assessment/components/SubjectResults';

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function FirstSecretaryPage() {
  const id = Number(useParams().id);
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useQuery({ queryKey: ['first-secretaries', 'detail', id, year], queryFn: () => api.get(`/api/first-secretaries/${id}`, { year }) });
  const d = q.data as FirstSecretaryDetail | undefined;
  usePageCrumb(d?.person.name);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Card><Skeleton active /></Card>;
  return (
    <div data-testid="first-secretary-page">
      <PageHead record title={`${d.person.name} · 第一书记`} extra={<InputNumber value={year} min={2000} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年" />} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'person', label: '姓名', children: <Link to={`/people/${d.person.id}`}>{d.person.name}</Link> },
            { key: 'village', label: '驻村', children: d.village.name },
            { key: 'sent', label: '选派单位', children: d.sentFrom ?? '—' },
            { key: 'term', label: '任职', children: `${d.startDate} 至 ${d.endDate ?? '今'}` },
            { key: 'days', label: '在任天数', children: <span data-testid="fs-days">{d.daysInPost} 天{d.current ? <Tag color="green" style={{ marginLeft: 8 }}>在任</Tag> : null}</span> },
            { key: 'subsidy', label: `${d.year}年生活补贴`, children: <span data-testid="fs-subsidy-amount">{d.subsidy.days} 天 × {yuan(d.subsidy.dailyFen)} 元 = {yuan(d.subsidy.amountFen)} 元</span> },
          ]}
        />
      </Card>
      {d.linkedAccounts === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="此人没有关联的登录账号：民情日记和经办的群众事项按记录人的账号归到人，未关联时这里不会有记录。" />}
      {d.assessments && <SubjectResults title="考核结果（本任期）" results={d.assessments} empty="本任期还没有公布的考核结果" testId="fs-assessments" />}
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <LogCard title="民情日记" testId="fs-visits" items={d.visits} render={(v) => <><Typography.Text strong>{v.date}</Typography.Text> {v.org} · {v.household}<div style={{ color: '#595959' }}>{v.heard}</div>{v.requestId ? <Link to={`/citizens/${v.requestId}`}>转办的事项</Link> : null}</>} />
        <LogCard title="经办的群众事项" testId="fs-requests" items={d.requests} render={(r) => <><Typography.Text strong>{r.date}</Typography.Text> {r.org} · <Link to={`/citizens/${r.id}`}>{r.matter}</Link></>} />
        <LogCard title="参加的会议" testId="fs-meetings" items={d.meetings} render={(m) => <><Typography.Text strong>{m.date}</Typography.Text> {m.org} · {m.topic}</>} />
        <LogCard title="讲党课、三个讲一次" testId="fs-talks" items={d.talks} render={(k) => <><Typography.Text strong>{k.date}</Typography.Text> {k.org} · {k.title}</>} />
      </Space>
    </div>
  );
}

function LogCard<T extends { id: number }>({ title, items, render, testId }: { title: string; items: T[] | null; render: (item: T) => React.ReactNode; testId: string }) {
  if (items === null) return null;
  return (
    <Card size="small" title={`${title}（${items.length}）`} data-testid={testId}>
      <List size="small" dataSource={items} locale={{ emptyText: '本年没有记录' }} renderItem={(item) => <List.Item>{render(item)}</List.Item>} />
    </Card>
  );
}
