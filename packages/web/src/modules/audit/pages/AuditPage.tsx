// 审计日志 (auditor, audit administrator): filter by account, action, object and date; verify
// the hash chain.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Grid, Input, Pagination, Row, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { AUDIT_OBJECT_LABELS, AUDIT_RESULT_LABELS, auditActionLabel, PROBLEM_STATE_LABELS, REQUEST_STATE_LABELS, TASK_STATE_LABELS, type AuditRecord, type AuditResult, type ListAuditQuery } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead, SimpleList } from '../../../app/ui';
import { toInt, useUrlState } from '../../../app/url-state';
import { useAuditLog, verifyAudit } from '../audit.api';

const KEYS = ['username', 'action', 'objectType', 'objectId', 'from', 'to', 'page', 'pageSize'] as const;
type FormValues = { username?: string; action?: string; objectType?: string; objectId?: string; range?: [Dayjs | null, Dayjs | null] | null };

/** The status words of the case types whose transitions are audited as {from, to}. */
const STATES: Record<string, Record<string, { zh: string; en: string }>> = {
  problem: PROBLEM_STATE_LABELS,
  request: REQUEST_STATE_LABELS,
  task: TASK_STATE_LABELS,
};

function summaryText(summary: unknown, objectType: string | null, lang: 'zh' | 'en'): string {
  if (summary === null || summary === undefined) return '';
  if (typeof summary === 'object' && Object.keys(summary).length === 0) return '';
  const s = summary as Record<string, unknown>;
  const states = objectType ? STATES[objectType] : undefined;
  // a transition: 待验收 → 整改中, not {"from":"submitted","to":"rectifying"}
  if (states && typeof s.from === 'string' && typeof s.to === 'string' && Object.keys(s).length === 2) {
    return `${states[s.from]?.[lang] ?? s.from} → ${states[s.to]?.[lang] ?? s.to}`;
  }
  // a record opened or registered: its title (and deadline) as a sentence, not the JSON it is kept as
  if (typeof s.title === 'string') {
    const due = typeof s.deadline === 'string' ? (lang === 'en' ? `, due ${s.deadline}` : `，期限 ${s.deadline}`) : '';
    return `「${s.title}」${due}`;
  }
  const text = typeof summary === 'string' ? summary : JSON.stringify(summary);
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export function AuditPage() {
  const { t, lang, label } = useI18n();
  // Words, not codes: the code stays on hover (and is what the filter takes).
  const actionWords = (a: string) => <span title={a} data-testid="audit-action-words">{auditActionLabel(a, lang)}</span>;
  const objectWords = (o: string | null, id: string | number | null | undefined) =>
    o ? `${AUDIT_OBJECT_LABELS[o] ? label(AUDIT_OBJECT_LABELS[o]) : o}${id ? `（${id}）` : ''}` : '—';
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  const { values, update, clear } = useUrlState(KEYS);
  const [form] = Form.useForm<FormValues>();
  const [verify, setVerify] = useState<{ ok: boolean; checked: number; brokenAt?: number } | { error: string }>();
  const [verifying, setVerifying] = useState(false);
  const query: ListAuditQuery = Object.fromEntries(
    Object.entries({
      username: values.username,
      action: values.action,
      objectType: values.objectType,
      objectId: values.objectId,
      from: values.from,
      to: values.to,
      page: toInt(values.page) ?? 1,
      pageSize: toInt(values.pageSize) ?? 20,
    }).filter(([, v]) => v !== undefined),
  ) as ListAuditQuery;
  const log = useAuditLog(query);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({
      username: values.username,
      action: values.action,
      objectType: values.objectType,
      objectId: values.objectId,
      range: values.from || values.to ? [values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null] : null,
    });
  }, [values, form]);

  const apply = (f: FormValues) =>
    update({
      username: f.username?.trim() || undefined,
      action: f.action?.trim() || undefined,
      objectType: f.objectType?.trim() || undefined,
      objectId: f.objectId?.trim() || undefined,
      from: f.range?.[0]?.format('YYYY-MM-DD'),
      to: f.range?.[1]?.format('YYYY-MM-DD'),
    });

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await verifyAudit());
    } catch (e) {
      setVerify({ error: (e as Error).message });
    } finally {
      setVerifying(false);
    }
  };

  const data = log.data;
  const resultTag = (r: string) => <Tag color={r === 'success' ? 'green' : r === 'denied' ? 'orange' : 'red'}>{label(AUDIT_RESULT_LABELS[r as AuditResult]) || r}</Tag>;
  const pagination = {
    current: data?.page ?? 1,
    pageSize: data?.pageSize ?? 20,
    total: data?.total ?? 0,
    showTotal: (n: number) => t('common.total', { n }),
    simple: isMobile,
  };

  return (
    <div data-testid="audit-page">
      <PageHead
        title={t('audit.title')}
        extra={
          <Button icon={<SafetyOutlined />} loading={verifying} onClick={runVerify} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        }
      />
      {verify &&
        ('error' in verify ? (
          <Alert type="error" showIcon title={verify.error} style={{ marginBottom: 12 }} />
        ) : (
          <Alert
            type={verify.ok ? 'success' : 'error'}
            showIcon
            title={verify.ok ? t('audit.verifyOk', { n: verify.checked }) : t('audit.verifyBroken', { n: verify.brokenAt ?? '?' })}
            style={{ marginBottom: 12 }}
            data-testid="audit-verify-result"
          />
        ))}
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form form={form} layout="vertical" onFinish={apply}>
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6} xl={4}>
              <Form.Item name="username" label={t('audit.username')}>
                <Input allowClear placeholder="county" data-testid="audit-username" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} xl={5}>
              <Form.Item name="action" label={t('audit.action')}>
                <Input allowClear placeholder={`person.update（${auditActionLabel('person.update', lang)}）`} data-testid="audit-action" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6} xl={4}>
              <Form.Item name="objectType" label={t('audit.objectType')}>
                <Input allowClear placeholder="person" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6} xl={4}>
              <Form.Item name="objectId" label={t('audit.objectId')}>
                <Input allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={24} lg={12} xl={7}>
              <Form.Item name="range" label={t('audit.date')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} inputReadOnly={isMobile} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={clear}>
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <ApiErrorAlert error={log.error} onRetry={() => void log.refetch()} />
      {isMobile ? (
        <Card size="small">
          <SimpleList<AuditRecord>
            loading={log.isFetching}
            items={data?.items ?? []}
            rowKey={(r) => r.id}
            testId="audit-list"
            empty={t('audit.empty')}
            render={(r) => (
                <div style={{ width: '100%' }}>
                  <Space wrap size={4}>
                    <Typography.Text strong>{actionWords(r.action)}</Typography.Text>
                    {resultTag(r.result)}
                  </Space>
                  <div style={{ color: '#666', fontSize: 13 }}>
                    {dayjs(r.at).format('YYYY-MM-DD HH:mm:ss')} · {r.username ?? '—'}
                    {r.objectType && ` · ${objectWords(r.objectType, r.objectId)}`}
                  </div>
                  <div style={{ color: '#999', fontSize: 12, wordBreak: 'break-all' }}>{summaryText(r.summary, r.objectType, lang)}</div>
                </div>
            )}
          />
          {data && data.total > 0 && (
            <Pagination {...pagination} simple style={{ marginTop: 12, textAlign: 'center' }} onChange={(page) => update({ page: page === 1 ? undefined : page }, { resetPage: false })} />
          )}
        </Card>
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<AuditRecord>
            rowKey="id"
            size="middle"
            loading={log.isFetching}
            dataSource={data?.items ?? []}
            data-testid="audit-table"
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
            pagination={pagination}
            onChange={(p) =>
              update(
                { page: p.current && p.current > 1 ? p.current : undefined, pageSize: p.pageSize && p.pageSize !== 20 ? p.pageSize : undefined },
                { resetPage: false },
              )
            }
            scroll={{ x: 1000 }}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 170, render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
              { title: t('audit.username'), dataIndex: 'username', width: 120, render: (u: string | null) => u ?? '—' },
              { title: t('audit.action'), dataIndex: 'action', width: 170, render: (a: string) => actionWords(a) },
              { title: t('audit.objectType'), dataIndex: 'objectType', width: 110, render: (o: string | null, r) => objectWords(o, r.objectId) },
              { title: t('audit.result'), dataIndex: 'result', width: 90, render: resultTag },
              { title: t('audit.summary'), dataIndex: 'summary', ellipsis: true, render: (s: unknown, r) => <span style={{ color: '#666' }}>{summaryText(s, r.objectType, lang)}</span> },
              { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
