// Small pieces the project pages share: the computed progress (with its rule) and the report counts.
import { Progress, Tag, Tooltip, Typography } from 'antd';
import { PROGRESS_RULE, type ProjectRow } from '@lianxin/contract';
import { useI18n } from '../../app/i18n';
import { useProjectsT } from './projects.messages';

export function ProgressCell({ p, wide }: { p: ProjectRow['progress']; wide?: boolean }) {
  const t = useProjectsT();
  const { label } = useI18n();
  return (
    <Tooltip title={label(PROGRESS_RULE)}>
      <div data-testid="project-progress" data-percent={p.percent} style={{ minWidth: wide ? 260 : 120 }}>
        <Progress percent={p.percent} size="small" status={p.overdue ? 'exception' : undefined} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('progress.text', { done: p.done, total: p.total })}
          {p.overdue > 0 && <Tag color="red" bordered={false} style={{ marginLeft: 6 }}>{t('progress.overdue', { n: p.overdue })}</Tag>}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}

export function ReportsCell({ r }: { r: ProjectRow['reports'] }) {
  const t = useProjectsT();
  return (
    <span data-testid="project-reports">
      {t('reports.summary', { answered: r.answered, late: r.late })}
      {r.late > 0 && <Tag color="red" bordered={false} style={{ marginLeft: 6 }}>{t('detail.lateTag')}</Tag>}
    </span>
  );
}
