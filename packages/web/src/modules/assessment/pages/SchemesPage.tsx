// 考核指标体系: the county's schemes by year and unit type, drafts and published editions; the
// county starts a draft from the 龙江 sample or copies a scheme to next year in one action.
import { Link, useNavigate } from 'react-router';
import { Button, Select, Space, Tag } from 'antd';
import { ASSESSED_UNIT_TYPE_LABELS, SCHEME_STATUS_LABELS, SUBJECT_KINDS, SUBJECT_KIND_LABELS, type SubjectKind } from '@lianxin/contract';
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
  // what a new scheme scores: org units (village scheme from the 龙江 sample), first secretaries or projects (their 示例)
  const [kind, setKind] = useState<SubjectKind>('org');
  const NEW_NAME: Record<SubjectKind, string> = { org: `${year}年度村级党建绩效指数`, first_secretary: `${year}年度第一书记考核`, project: `${year}年度党建项目年交账考评` };

  return (
    <div data-testid="assessment-schemes">
      <PageHead
        title={t('schemes.title')}
        extra={
          configure && (
            <Space wrap>
              <Select<SubjectKind>
                value={kind}
                onChange={setKind}
                style={{ minWidth: 200 }}
                data-testid="scheme-kind"
                options={SUBJECT_KINDS.map((k) => ({ value: k, label: `考核对象：${SUBJECT_KIND_LABELS[k].zh}` }))}
              />
              <Button
                type="primary"
                loading={create.isPending}
                data-testid="scheme-new"
                onClick={() => create.mutate(kind === 'org' ? { year, unitType: 'village', name: NEW_NAME.org } : { year, subjectKind: kind, name: NEW_NAME[kind] }, { onSuccess: (s) => navigate(`/assessment/schemes/${s.id}`) })}
              >
                {t('schemes.new')}
              </Button>
            </Space>
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
              <Tag color={s.subjectKind === 'org' ? undefined : 'purple'}>{s.unitType ? ASSESSED_UNIT_TYPE_LABELS[s.unitType].zh : SUBJECT_KIND_LABELS[s.subjectKind].zh}</Tag>
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
