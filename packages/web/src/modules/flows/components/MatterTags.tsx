// A matter's state at a glance: running (with its step), overdue (red, days), done, cancelled.
import { Tag } from 'antd';
import { MATTER_STATE_LABELS, type MatterSummary } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { useFlowsT } from '../flows.messages';

export function MatterTags({ m }: { m: MatterSummary }) {
  const t = useFlowsT();
  const { lang } = useI18n();
  return (
    <>
      <Tag color={m.status === 'running' ? 'processing' : m.status === 'done' ? 'success' : 'default'} bordered={false}>{MATTER_STATE_LABELS[m.status][lang]}</Tag>
      {m.overdueDays > 0 && <Tag color="red" data-testid="matter-late">{t('matters.late', { n: m.overdueDays })}</Tag>}
    </>
  );
}
