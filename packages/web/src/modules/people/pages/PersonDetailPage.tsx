// 人员详情: the person's record, posts and history of changes; edit for roles that may write.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, Col, Descriptions, Empty, Grid, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { SELECTION_CHANNEL_LABELS } from '@lianxin/contract';
import { auditActionLabel, EDUCATION_LABELS, FLOW_STATUS_LABELS, GENDER_LABELS, MEMBER_STATUS_LABELS, ORG_TYPE_LABELS, POST_ROLE_LABELS, type PersonDetail } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { usePageCrumb } from '../../../app/page-context';
import { ApiErrorAlert } from '../../../app/ui';
import { usePerson } from '../people.api';
import { PersonFormModal } from '../components/PersonFormModal';
import { PostsTable } from '../../cadres/components/PostsTable';
import { PersonMentoringCard } from '../../selection/components/PersonMentoringCard';
import { MemberTag, PersonStatusTag } from '../components/tags';
import { StarHistoryCard } from '../../recognition/components/StarHistoryCard';
import { ConsequencesCard } from '../../recognition/components/ConsequencesCard';
import '../people.css';
import { PersonTrainingCard } from '../../training/components/PersonTrainingCard';
import { PersonAccountsCard } from '../../accounts/components/PersonAccountsCard';

const ACTION_LABELS: Record<string, { zh: string; en: string }> = {
  'person.create': { zh: '新增', en: 'Created' },
  'person.update': { zh: '修改', en: 'Updated' },
  'person.import': { zh: '导入', en: 'Imported' },
  'post.create': { zh: '任职', en: 'Post assigned' },
  'post.end': { zh: '免职', en: 'Post ended' },
  'reserve.create': { zh: '纳入后备干部', en: 'Added to reserve' },
  'post.update': { zh: '调整任职', en: 'Post changed' },
};

/** A readable line for an audit summary such as {changes: {name: {from, to}}}. */
type L = { zh: string; en: string };
/** Values that are codes in the record, with their words. */
const VALUE_LABELS: Record<string, Record<string, L>> = {
  education: EDUCATION_LABELS,
  flowStatus: FLOW_STATUS_LABELS,
  gender: GENDER_LABELS,
  memberStatus: MEMBER_STATUS_LABELS,
  role: POST_ROLE_LABELS,
  selectionChannel: SELECTION_CHANNEL_LABELS,
};
/** Words of the post and reserve-pool fields an audit summary names (ids stay out of the page). */
const FIELD_WORDS: Record<string, L> = {
  role: { zh: '岗位', en: 'Post' },
  startDate: { zh: '任职开始', en: 'Start' },
  endDate: { zh: '任期结束', en: 'End' },
  selectionChannel: { zh: '选任方式', en: 'Selection' },
  civilService: { zh: '公职化', en: 'Civil-service status' },
  civilServiceDate: { zh: '公职化日期', en: 'Civil-service date' },
  civilServiceBasis: { zh: '公职化依据', en: 'Civil-service basis' },
  sentFrom: { zh: '选派单位', en: 'Sending unit' },
  concurrent: { zh: '一肩挑', en: 'One shoulder' },
  targetRole: { zh: '培养方向', en: 'Intended post' },
  trainedOn: { zh: '培训日期', en: 'Trained on' },
  training: { zh: '培训内容', en: 'Training' },
  endedOn: { zh: '日期', en: 'Date' },
  reason: { zh: '原因', en: 'Reason' },
  note: { zh: '备注', en: 'Note' },
};

/** A change record in words: "学历：本科 → 硕士研究生；流动状态：→ 外出流动" (field codes and value codes never show). */
function summaryText(summary: unknown, t: (k: MessageKey) => string, lang: 'zh' | 'en'): string {
  if (!summary || typeof summary !== 'object') return '';
  const s = summary as Record<string, unknown>;
  const source = ((s.changes ?? s.changed) as Record<string, unknown> | undefined) ?? s;
  const field = (k: string) => {
    if (FIELD_WORDS[k]) return FIELD_WORDS[k][lang];
    const key = `people.${k}` as MessageKey;
    const words = t(key);
    return words === key ? k : words;
  };
  const value = (k: string, v: unknown) =>
    v === null || v === undefined || v === '' ? '—' : typeof v === 'boolean' ? (v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no') : (VALUE_LABELS[k]?.[String(v)]?.[lang] ?? String(v));
  return Object.entries(source)
    // record ids (postId, orgId, reserveId …) and internal marks are not for people to read
    .filter(([k]) => !/Id$/.test(k) && k !== 'via')
    .map(([k, v]) => {
      if (v && typeof v === 'object' && ('to' in v || 'from' in v)) {
        const c = v as { from?: unknown; to?: unknown };
        return `${field(k)}：${'from' in c ? `${value(k, c.from)} → ` : '→ '}${value(k, c.to)}`;
      }
      if (v && typeof v === 'object') return field(k);
      return `${field(k)}：${value(k, v)}`;
    })
    .join('；');
}

export function PersonDetailPage() {
  const { id } = useParams();
  const personId = id && /^\d+$/.test(id) ? Number(id) : undefined;
  const { t, label, lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const person = usePerson(personId);
  const [editing, setEditing] = useState(false);
  usePageCrumb(person.data?.name);

  if (personId === undefined || (person.error instanceof ApiError && person.error.status === 404))
    return <Result status="404" title={t('error.notFound')} subTitle={person.error?.message ?? t('error.notFoundDesc')} extra={<Link to="/people"><Button>{t('common.back')}</Button></Link>} />;
  if (person.isPending) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (person.error) return <ApiErrorAlert error={person.error} onRetry={() => void person.refetch()} />;
  const p: PersonDetail = person.data;

  return (
    <div data-testid="person-page">
      <Card style={{ marginBottom: 12 }}>
        <div className="lx-page-head" style={{ marginBottom: 16 }}>
          <Space wrap align="center">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('common.back')} />
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="person-name-title">
              {p.name}
            </Typography.Title>
            <MemberTag status={p.memberStatus} />
            <PersonStatusTag status={p.status} />
            {p.reserve && <Tag color="gold">{t('people.reserve')}</Tag>}
          </Space>
          {can('person:write') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
              {t('common.edit')}
            </Button>
          )}
        </div>
        <Descriptions
          size="small"
          bordered
          column={isMobile ? 1 : 3}
          data-testid="person-descriptions"
          items={[
            { key: 'gender', label: t('people.gender'), children: label(GENDER_LABELS[p.gender]) },
            { key: 'ethnicity', label: t('people.ethnicity'), children: p.ethnicity },
            { key: 'birth', label: t('people.birthDate'), children: p.birthDate ? `${p.birthDate}（${p.age}${t('people.years')}）` : '—' },
            { key: 'id', label: t('people.idNumber'), children: <span className="lx-mono" data-testid="person-id-number-value">{p.idNumber ?? '—'}</span> },
            { key: 'phone', label: t('people.phone'), children: <span className="lx-mono">{p.phone ?? '—'}</span> },
            { key: 'edu', label: t('people.education'), children: p.education ? label(EDUCATION_LABELS[p.education]) : '—' },
            { key: 'org', label: t('people.org'), children: can('org:read') ? <Link to={`/orgs?id=${p.org.id}`}>{p.org.name}</Link> : p.org.name },
            { key: 'group', label: t('people.partyGroup'), children: p.partyGroup?.name ?? '—' },
            { key: 'join', label: t('people.joinDate'), children: p.joinDate ?? '—' },
            { key: 'full', label: t('people.fullDate'), children: p.fullDate ?? '—' },
            { key: 'flow', label: t('people.flowStatus'), children: label(FLOW_STATUS_LABELS[p.flowStatus]) },
            { key: 'status', label: t('people.status'), children: t(`people.status.${p.status}`) },
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={14}>
          <Card title={t('people.posts')} size="small" style={{ marginBottom: 12 }}>
            <PostsTable posts={p.posts} personId={p.id} compact={isMobile} />
          </Card>
          <PersonAccountsCard person={p} />
          <PersonTrainingCard personId={p.id} />
          <StarHistoryCard personId={p.id} />
          <ConsequencesCard personId={p.id} />
          <PersonMentoringCard personId={p.id} />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('people.history')} size="small" data-testid="person-history">
            {p.history.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noHistory')} />
            ) : (
              <Timeline
                items={p.history.map((h, i) => ({
                  key: i,
                  title: dayjs(h.at).format('YYYY-MM-DD HH:mm'),
                  content: (
                    <div>
                      <Typography.Text strong>{ACTION_LABELS[h.action]?.[lang] ?? auditActionLabel(h.action, lang)}</Typography.Text>
                      {(h.by ?? h.username) && <Typography.Text type="secondary" title={h.username ?? undefined}> · {h.by ?? h.username}</Typography.Text>}
                      <div style={{ color: '#666', fontSize: 13, wordBreak: 'break-all' }}>{summaryText(h.summary, t, lang)}</div>
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {editing && <PersonFormModal open person={p} onClose={() => setEditing(false)} />}
    </div>
  );
}
