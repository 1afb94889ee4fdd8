// 通报: bulletins published to this org (from above) and by it (to the orgs below).
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Grid, Input, Space, Spin, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useCan } from '../../../../app/auth';
import { usePageCrumb } from '../../../../app/page-context';
import { MoreButton } from '../../../../app/pager';
import { ApiErrorAlert, PageHead } from '../../../../app/ui';
import { useUrlState } from '../../../../app/url-state';
import { useBulletins } from '../../dispatch.api';
import { useDispatchT } from '../../dispatch.messages';
import { formatTime } from '../../components/bits';
import { BulletinModal, InspectionTabs } from '../../components/InspectionBits';
import '../../dispatch.css';

export function BulletinsPage() {
  const t = useDispatchT();
  usePageCrumb(t('insp.tab.bulletins'));
  const can = useCan();
  const phone = Grid.useBreakpoint().md === false;
  const { values, update } = useUrlState(['q'] as const);
  const [open, setOpen] = useState(false);
  // searched by title and text on the server (every page, not the rows loaded)
  const q = useBulletins(values.q);
  const rows = q.data ?? [];
  return (
    <div className="lx-dispatch" data-testid="bulletins-page">
      <PageHead
        title={t('insp.title')}
        extra={
          can('inspection:write') ? (
            <Button type="primary" icon={<NotificationOutlined />} onClick={() => setOpen(true)} data-testid="new-bulletin" block={phone}>
              {t('insp.publish')}
            </Button>
          ) : undefined
        }
      />
      <InspectionTabs current="bulletins" />
      <Input.Search allowClear placeholder={t('inbox.search')} defaultValue={values.q} onSearch={(v) => update({ q: v })} style={{ width: phone ? '100%' : 260, marginBottom: 12 }} />
      <ApiErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      <Spin spinning={q.isPending}>
        {rows.length === 0 && !q.isPending ? (
          <Card><Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bul.empty')} /></Card>
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="bulletin-list">
            {rows.map((b) => (
              <Card key={b.id} size="small" data-testid="bulletin">
                <div className="lx-bulletin-title">{b.title}</div>
                <div className="lx-assignment-meta">
                  <span>{t('bul.issuer', { org: b.issuer.name })}</span>
                  <span>{formatTime(b.publishedAt)}</span>
                  {b.inspectionId && <Link to={`/inspections/${b.inspectionId}`}>{t('link.inspection', { id: b.inspectionId })}</Link>}
                </div>
                <Typography.Paragraph className="lx-content" ellipsis={{ rows: 4, expandable: 'collapsible' }} style={{ marginBottom: 0 }}>
                  {b.content}
                </Typography.Paragraph>
              </Card>
            ))}
          </Space>
        )}
      </Spin>
      {open && <BulletinModal open onClose={() => setOpen(false)} />}
      <MoreButton list={q} testId="bulletin-more" />
    </div>
  );
}
