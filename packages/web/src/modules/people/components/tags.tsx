import { Tag } from 'antd';
import { MEMBER_STATUS_LABELS, type PersonSummary } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';

export function MemberTag({ status }: { status: PersonSummary['memberStatus'] }) {
  const { label, t } = useI18n();
  if (!status) return <Tag>{t('people.nonMember')}</Tag>;
  return <Tag color={status === 'formal' ? 'red' : 'orange'}>{label(MEMBER_STATUS_LABELS[status])}</Tag>;
}

export function PersonStatusTag({ status }: { status: PersonSummary['status'] }) {
  const { t } = useI18n();
  if (status === 'active') return null;
  return <Tag color={status === 'left' ? 'default' : 'purple'}>{t(`people.status.${status}`)}</Tag>;
}
