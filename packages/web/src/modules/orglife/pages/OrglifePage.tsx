// 组织生活 of my unit: the year as twelve months (what was held each month), the chosen month's
// meetings, and the actions of my level — record a meeting, file a 主题党日, the board, the filings.
import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Button, Card, Space, Tag, Typography } from 'antd';
import { BarChartOutlined, DownloadOutlined, FilePdfOutlined, FlagOutlined, FormOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { download } from '../../../app/api';
import type { MeetingSummary } from '@lianxin/contract';
import { useAccount, useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { useMeetings } from '../orglife.api';
import { useOrglifeT } from '../orglife.messages';
import { useAppraisalT } from '../appraisal.messages';
import { todayCst } from '../components/MeetingFields';
import '../orglife.css';

export function OrglifePage() {
  const t = useOrglifeT();
  const ta = useAppraisalT();
  const me = useAccount();
  const can = useCan();
  const { message } = AntApp.useApp();
  const today = todayCst();
  const year = Number(today.slice(0, 4));
  const current = Number(today.slice(5, 7));
  const [month, setMonth] = useState(current);
  const q = useMeetings({ year, pageSize: 200 });
  const items = q.data?.items ?? [];
  const byMonth = (m: number) => items.filter((x) => Number(x.heldOn.slice(5, 7)) === m);
  const isBranch = me.roles.includes('village_admin');
  const shown = byMonth(month);

  return (
    <div data-testid="orglife-page">
      <PageHead title={t('home.title')} />
      <div className="lx-orglife-actions">
        {can('orglife:record') && isBranch && <Link to="/orglife/meetings/new"><Button type="primary" icon={<FormOutlined />} data-testid="record-meeting">{t('home.record')}</Button></Link>}
        {can('orglife:record') && isBranch && <Link to="/orglife/filings?new=1"><Button icon={<FlagOutlined />} data-testid="file-theme-day">{t('home.file')}</Button></Link>}
        {can('orglife:group') && isBranch && <Link to="/orglife/party-groups"><Button icon={<TeamOutlined />} data-testid="open-party-groups">{t('group.title')}</Button></Link>}
        <Link to="/orglife/board"><Button icon={<BarChartOutlined />} data-testid="open-board">{t('home.board')}</Button></Link>
        <Link to="/orglife/filings"><Button icon={<ScheduleOutlined />} data-testid="open-filings">{t('home.filings')}</Button></Link>
        {!isBranch && <Link to="/orglife/consultations"><Button data-testid="open-consultations">{t('cons.title')}</Button></Link>}
        <Link to="/orglife/appraisals"><Button data-testid="open-appraisals">{ta('nav.appraisals')}</Button></Link>
        {!isBranch && <Link to="/orglife/report-sessions"><Button data-testid="open-sessions">{ta('nav.sessions')}</Button></Link>}
        {!isBranch && <Link to="/orglife/research"><Button data-testid="open-research">{ta('nav.research')}</Button></Link>}
        <Button icon={<DownloadOutlined />} onClick={() => download('/api/orglife/minutes-book', { year }, `会议记录簿_${year}.xlsx`).catch((e: Error) => message.error(e.message))} data-testid="minutes-book">{t('book.download')}</Button>
        <Button icon={<FilePdfOutlined />} onClick={() => download('/api/orglife/minutes-book/pdf', { year }, `会议记录簿_${year}.pdf`).catch((e: Error) => message.error(e.message))} data-testid="minutes-book-pdf">{t('book.pdf')}</Button>
      </div>
      {q.error ? <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Typography.Title level={5}>{t('home.year', { year })}</Typography.Title>
      <div className="lx-month-grid" data-testid="month-grid">
        {Array.from({ length: current }, (_, i) => i + 1).reverse().map((m) => {
          const list = byMonth(m);
          const names = [...new Set(list.map((x) => x.typeName))];
          return (
            <div key={m} className={`lx-month-cell${m === current ? ' is-current' : ''}${m === month ? ' is-selected' : ''}`} onClick={() => setMonth(m)} data-testid="month-cell">
              <strong>{m} 月</strong> <Typography.Text type="secondary">{t('home.held', { n: list.length })}</Typography.Text>
              <div>{names.slice(0, 4).map((n) => <Tag key={n} bordered={false}>{n}</Tag>)}</div>
            </div>
          );
        })}
      </div>
      <Card size="small" title={`${month} 月`}>
        <SimpleList<MeetingSummary>
          items={shown}
          loading={q.isLoading}
          rowKey={(m) => m.id}
          testId="month-meetings"
          empty={t('home.monthEmpty')}
          render={(m) => (
            <Link to={`/orglife/meetings/${m.id}`} style={{ display: 'block' }}>
              <Space wrap><strong>{m.typeName}</strong>{m.partyGroup && <Tag bordered={false}>{m.partyGroup.name}</Tag>}<span>{m.heldOn}</span>{!isBranch && <Tag bordered={false}>{m.org.name}</Tag>}</Space>
              <div><Typography.Text type="secondary">{m.topic} · {t('meeting.present', { present: m.presentCount, expected: m.expectedCount })}</Typography.Text></div>
            </Link>
          )}
        />
      </Card>
    </div>
  );
}
