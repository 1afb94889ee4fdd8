// 七簿两账两手册: the unit's books for a year, each filled from records where a source exists (会议、
// 三务公开、党员名册), by hand where none is yet; open one to read, print (A4) or download (.xlsx).
import { Link } from 'react-router';
import { Card, Col, DatePicker, Row, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useRegisters } from '../openness.api';
import { useOpennessT } from '../openness.messages';
import { OpennessNav } from '../components/OpennessNav';

export function RegistersPage() {
  const t = useOpennessT();
  const { values, update } = useUrlState(['orgId', 'year'] as const);
  const q = useRegisters(toInt(values.orgId), toInt(values.year));
  const r = q.data;
  usePageCrumb(r ? r.org.name : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!r) return <Card><Skeleton active /></Card>;
  const groups = [['book', t('registers.books')], ['account', t('registers.accounts')], ['manual', t('registers.manuals')]] as const;
  const link = (code: string) => `/openness/registers/${code}?orgId=${r.org.id}&year=${r.year}`;
  return (
    <div data-testid="registers-page">
      <PageHead title={`${t('registers.title')} · ${r.org.name}`} record extra={<DatePicker picker="year" allowClear={false} value={dayjs(`${r.year}-01-01`)} onChange={(d) => d && update({ year: d.year() })} />} />
      <OpennessNav />
      {groups.map(([g, label]) => {
        const books = r.books.filter((b) => b.group === g);
        if (!books.length) return null;
        return (
          <div key={g} style={{ marginBottom: 16 }}>
            <Typography.Title level={5}>{label}</Typography.Title>
            <Row gutter={[12, 12]}>
              {books.map((b) => (
                <Col xs={24} sm={12} lg={8} key={b.code}>
                  <Link to={link(b.code)} data-testid={`book-${b.code}`}>
                    <Card size="small" hoverable>
                      <div style={{ display: 'flex', justifyContent: 'space-between' }}><strong>{b.name}</strong><span>{t('registers.rows', { n: b.rows })}</span></div>
                      <Tag color={b.filledFromRecords ? 'green' : 'default'} style={{ marginTop: 6 }}>{b.sourceLabel}</Tag>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </div>
        );
      })}
    </div>
  );
}
