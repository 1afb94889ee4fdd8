// 督查详情: targets, score, 讲评, and the findings — each becomes a ledger problem in one click
// (then links to it); publish a bulletin drafted from it; record accountability linked to it.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { FileAddOutlined, LinkOutlined, NotificationOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_PROBLEM_CATEGORIES, INSPECTION_KIND_LABELS, type InspectionView } from '@lianxin/contract';
import { useCan } from '../../../../app/auth';
import { useI18n } from '../../../../app/i18n';
import { usePageCrumb } from '../../../../app/page-context';
import { ApiErrorAlert, PageHead } from '../../../../app/ui';
import { useFindingToProblem, useInspection, useInspectionLinks } from '../../dispatch.api';
import { useDispatchT } from '../../dispatch.messages';
import { putFieldErrors, todayStr, usePhone } from '../../components/bits';
import { AccountabilityKindTag, AccountabilityModal, BulletinModal, InspectionKindTag, draftBulletin } from '../../components/InspectionBits';
import '../../dispatch.css';

type Finding = InspectionView['findings'][number];

export function InspectionDetailPage() {
  const id = Number(useParams().id);
  const t = useDispatchT();
  const { label } = useI18n();
  const can = useCan();
  const q = useInspection(id);
  // this inspection's bulletins and accountability records, asked of the server (not filtered from a page)
  const links = useInspectionLinks(id);
  const [toLedger, setToLedger] = useState<Finding>();
  const [bulletinOpen, setBulletinOpen] = useState(false);
  const [accOpen, setAccOpen] = useState(false);
  const i = q.data;
  usePageCrumb(i ? `${i.inspectedOn} ${label(INSPECTION_KIND_LABELS[i.kind])}` : undefined);
  if (q.error) return <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!i) return <Card><Skeleton active /></Card>;
  const linkedBulletins = links.data?.bulletins ?? [];
  const linkedAcc = links.data?.accountability ?? [];

  return (
    <div className="lx-dispatch" data-testid="inspection-detail">
      <PageHead
        title={`${label(INSPECTION_KIND_LABELS[i.kind])} · ${i.targets.map((x) => x.name).join('、')}`}
        extra={
          <Space wrap>
            {can('inspection:write') && (
              <Button icon={<NotificationOutlined />} onClick={() => setBulletinOpen(true)} data-testid="publish-bulletin">
                {t('insp.publish')}
              </Button>
            )}
            {can('inspection:accountability') && (
              <Button icon={<WarningOutlined />} onClick={() => setAccOpen(true)} data-testid="record-accountability">
                {t('insp.account')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Row gutter={16} align="middle">
          <Col xs={24} md={18}>
            <div className="lx-head-line">
              <InspectionKindTag kind={i.kind} />
              <span className="lx-muted">#{i.id}</span>
            </div>
            <Typography.Title level={5} className="lx-phone-title">{i.targets.map((x) => x.name).join('、')}</Typography.Title>
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2 }}>
              <Descriptions.Item label={t('insp.date')}>{i.inspectedOn}</Descriptions.Item>
              <Descriptions.Item label={t('insp.org')}>{i.org.name}</Descriptions.Item>
              <Descriptions.Item label={t('insp.inspectors')}>{i.inspectors}</Descriptions.Item>
              <Descriptions.Item label={t('insp.targets')}>
                <Space size={4} wrap>
                  {i.targets.map((x) => (
                    <Tag key={x.id}>{x.name}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
          </Col>
          <Col xs={24} md={6} style={{ textAlign: 'center' }}>
            <div className="lx-muted">{t('insp.score')}</div>
            <div className="lx-score" data-testid="inspection-score-view">{i.score ?? '—'}</div>
          </Col>
        </Row>
        {i.comment && (
          <>
            <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>{t('insp.comment')}</Typography.Text>
            <div className="lx-content">{i.comment}</div>
          </>
        )}
        {i.summary && (
          <>
            <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>{t('insp.summary')}</Typography.Text>
            <div className="lx-content">{i.summary}</div>
          </>
        )}
      </Card>

      <Card className="lx-section" title={`${t('insp.findings')}（${i.findings.length}）`} data-testid="findings">
        {i.findings.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('insp.finding.none')} />
        ) : (
          i.findings.map((f, n) => (
            <div key={f.id} className="lx-list-item lx-finding" data-testid="finding">
              <div className="lx-finding-main">
                <div>
                  <strong>{n + 1}. </strong>
                  <Tag>{f.target.name}</Tag>
                  {f.description}
                </div>
              </div>
              <div>
                {f.problemId ? (
                  <Link to={`/ledger/${f.problemId}`} data-testid="finding-problem-link">
                    <Tag color="green" icon={<LinkOutlined />}>{t('insp.finding.inLedger', { id: f.problemId })}</Tag>
                  </Link>
                ) : can('inspection:problem') ? (
                  <Button type="primary" ghost size="small" icon={<FileAddOutlined />} onClick={() => setToLedger(f)} data-testid="finding-to-ledger">
                    {t('insp.finding.toLedger')}
                  </Button>
                ) : null}
              </div>
            </div>
          ))
        )}
      </Card>

      {(linkedBulletins.length > 0 || linkedAcc.length > 0) && (
        <Card className="lx-section" title={`${t('insp.linkedBulletins')} / ${t('insp.tab.accountability')}`}>
          {linkedBulletins.map((b) => (
            <div key={b.id} className="lx-list-item">
              <Link to="/inspections/bulletins">{b.title}</Link> <span className="lx-muted">{t('bul.issuer', { org: b.issuer.name })} · {b.publishedAt.slice(0, 10)}</span>
            </div>
          ))}
          {linkedAcc.map((a) => (
            <div key={a.id} className="lx-list-item">
              <AccountabilityKindTag kind={a.kind} /> {a.targetOrg?.name ?? a.targetPerson?.name} — {a.reason}
            </div>
          ))}
        </Card>
      )}

      {toLedger && <ToLedgerModal inspection={i} finding={toLedger} onClose={() => setToLedger(undefined)} />}
      {bulletinOpen && <BulletinModal open onClose={() => setBulletinOpen(false)} initial={{ ...draftBulletin(i, label(INSPECTION_KIND_LABELS[i.kind]), t), inspectionId: i.id }} />}
      {accOpen && (
        <AccountabilityModal
          open
          onClose={() => setAccOpen(false)}
          initial={{ inspectionId: i.id, targetOrgId: i.findings[0]?.target.id ?? i.targets[0]?.id, reason: i.comment ?? '', problemId: i.findings.find((f) => f.problemId)?.problemId ?? undefined }}
        />
      )}
    </div>
  );
}

type LedgerValues = { category: string; deadline: Dayjs; measures?: string; responsiblePerson?: string };

function ToLedgerModal({ inspection, finding, onClose }: { inspection: InspectionView; finding: Finding; onClose: () => void }) {
  const t = useDispatchT();
  const { t: ct } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<LedgerValues>();
  const [topError, setTopError] = useState<string>();
  const make = useFindingToProblem(inspection.id);
  const phone = usePhone();
  const submit = async (v: LedgerValues) => {
    setTopError(undefined);
    try {
      await make.mutateAsync({
        findingId: finding.id,
        body: { category: v.category, deadline: v.deadline.format('YYYY-MM-DD'), ...(v.measures?.trim() ? { measures: v.measures.trim() } : {}), ...(v.responsiblePerson?.trim() ? { responsiblePerson: v.responsiblePerson.trim() } : {}) },
      });
      message.success(t('insp.toLedger.done'));
      onClose();
    } catch (error) {
      setTopError(putFieldErrors(form, error, (p) => ['category', 'deadline', 'measures', 'responsiblePerson'].includes(String(p[0]))));
    }
  };
  return (
    <Modal open onCancel={onClose} title={t('insp.toLedger.title')} okText={t('insp.finding.toLedger')} onOk={() => form.submit()} confirmLoading={make.isPending} destroyOnHidden data-testid="to-ledger-modal">
      <Alert type="info" showIcon title={`${finding.target.name}：${finding.description}`} style={{ marginBottom: 12 }} />
      {topError && <Alert type="error" showIcon title={topError} style={{ marginBottom: 12 }} data-testid="to-ledger-error" />}
      <Form<LedgerValues> form={form} layout="vertical" onFinish={submit} initialValues={{ category: DEFAULT_PROBLEM_CATEGORIES[0], deadline: dayjs(todayStr()).add(30, 'day') }}>
        <Form.Item name="category" label={t('insp.toLedger.category')} rules={[{ required: true }]}>
          <Select data-testid="to-ledger-category" options={DEFAULT_PROBLEM_CATEGORIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="deadline" label={t('insp.toLedger.deadline')} rules={[{ required: true, message: ct('common.select', { field: t('insp.toLedger.deadline') }) }]}>
          <DatePicker inputReadOnly={phone} style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(todayStr()), 'day')} />
        </Form.Item>
        <Form.Item name="measures" label={t('insp.toLedger.measures')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('insp.toLedger.person')} rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
