// The county's power-operation flows (小微权力运行图) and the samples it may adopt and adapt:
// 四议两公开 first. The county edits; every other level reads the flows its matters run on.
import { Link, useNavigate } from 'react-router';
import { App as AntApp, Button, Card, Col, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { FLOW_CATEGORY_LABELS, FLOW_SAMPLES } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { useFlows, useSaveFlow } from '../flows.api';
import { useFlowsT } from '../flows.messages';
import { FlowsNav } from '../components/FlowsNav';

export function FlowsPage() {
  const t = useFlowsT();
  const { lang } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const q = useFlows();
  const adopt = useSaveFlow(undefined);
  const names = new Set((q.data ?? []).map((f) => f.name));
  return (
    <div data-testid="flows-templates">
      <PageHead title={t('flows.title')} extra={can('flow:configure') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/flows/templates/new')} data-testid="flow-new">{t('flows.new')}</Button>} />
      <FlowsNav />
      {q.error && <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {!q.data ? <Card><Skeleton active /></Card> : (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {q.data.map((f) => (
            <Col xs={24} md={12} xl={8} key={f.id}>
              <Link to={`/flows/templates/${f.id}`} data-testid="flow-card">
                <Card size="small" hoverable title={f.name} extra={<Tag bordered={false}>{FLOW_CATEGORY_LABELS[f.category][lang]}</Tag>}>
                  <Space wrap>
                    <Typography.Text>{t('flows.steps', { n: f.stepCount, d: f.totalDays })}</Typography.Text>
                    <Tag bordered={false}>{t('flows.edition', { n: f.edition })}</Tag>
                    {f.running > 0 && <Tag color="processing" bordered={false}>{t('flows.running', { n: f.running })}</Tag>}
                  </Space>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
      {can('flow:configure') && (
        <Card size="small" title={t('flows.samples')}>
          {FLOW_SAMPLES.map((s) => (
            <div key={s.code} style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
              <div>
                <strong>{s.flow.name}</strong>
                <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{s.flow.steps.map((x) => x.name).join(' → ')}</Typography.Paragraph>
              </div>
              <Button size="small" disabled={names.has(s.flow.name)} loading={adopt.isPending}
                onClick={() => adopt.mutate(s.flow, { onSuccess: (f) => navigate(`/flows/templates/${f.id}`), onError: (e) => message.error(e instanceof Error ? e.message : String(e)) })}>
                {names.has(s.flow.name) ? t('flows.adopted') : t('flows.adopt')}
              </Button>
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}
