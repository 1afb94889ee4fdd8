// 考核指标体系: the county's schemes by year and unit type, drafts and published editions; the
// county starts a draft from the 龙江 sample or copies a scheme to next year in one action.
import { Link, useNavigate } from 'react-router';
import { Button, Space, Tag } from 'antd';
import { ASSESSED_UNIT_TYPE_LABELS, SCHEME_STATUS_LABELS } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useState } from 'react';
import { ListPager } from '../../../app/pager';
import { SCHEMES_PAGE_SIZE, useCopyScheme, useCreateScheme, useSchemes } from '../assessment.api';
import { useAssessmentT } from '../assessment.messages';

export function SchemesPage() {
  const t = useAssessmentT();
  const can = useCan();
  const navigate = useNavigate();
  usePageCrumb(t('schemes.title'));
  const [page, setPage] = useState(1);
  const schemes = useSchemes({ page, pageSize: SCHEMES_PAGE_SIZE });
  const create = useCreateScheme();
  const copy = useCopyScheme();
  const year = new Date().getFullYear();
  const configure = can('assessment:configure');

  return (
    <div data-testid="assessment-schemes">
      <PageHead
        title={t('schemes.title')}
        extra={
          configure && (
            <Button
              type="primary"
              loading={create.isPending}
              data-testid="scheme-new"
              onClick={() => create.mutate({ year, unitType: 'village', name: `${year}年度村级党建绩效指数` }, { onSuccess: (s) => navigate(`/assessment/schemes/${s.id}`) })}
            >
              {t('schemes.new')}
            </Button>
          )
        }
      />
      {(create.error || copy.error || schemes.error) && <ApiErrorAlert error={create.error ?? copy.error ?? schemes.error} />}
      <SimpleList
        testId="scheme-list"
        loading={schemes.isPending}
        items={schemes.data?.items ?? []}
        rowKey={(s) => s.id}
        render={(s) => (
          <div style={{ padding: '8px 0' }}>
            <Space wrap>
              <Link to={`/assessment/schemes/${s.id}`}><strong>{s.name}</strong></Link>
              <Tag>{s.year}</Tag>
              <Tag>{ASSESSED_UNIT_TYPE_LABELS[s.unitType].zh}</Tag>
              <Tag color={s.status === 'published' ? 'green' : 'default'}>{SCHEME_STATUS_LABELS[s.status].zh}{s.edition ? ` · ${t('schemes.edition', { n: s.edition })}` : ''}</Tag>
              <span className="lx-muted">{t('schemes.indicators', { n: s.indicatorCount })} · {s.totalPoints}</span>
              {configure && (
                <Button size="small" onClick={() => copy.mutate({ id: s.id, year: s.year + 1 }, { onSuccess: (n) => navigate(`/assessment/schemes/${n.id}`) })}>
                  {t('schemes.copy', { year: s.year + 1 })}
                </Button>
              )}
            </Space>
          </div>
        )}
      />
      <ListPager page={page} pageSize={SCHEMES_PAGE_SIZE} total={schemes.data?.total} onChange={setPage} testId="scheme-pager" />
    </div>
  );
}
