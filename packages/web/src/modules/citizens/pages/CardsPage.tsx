// 连心卡: the cards of the stations, villages, communities, townships and grids in scope — pick
// some and print them (A4 print view), or open one to see it.
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Card, Checkbox, Col, Drawer, Empty, Grid, Input, Row, Space, Spin, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { ORG_TYPE_LABELS, type OrgType } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHead } from '../../../app/ui';
import { useUrlState } from '../../../app/url-state';
import { indexTree, useOrgTree } from '../../orgs/orgs.api';
import { useCitizensT } from '../citizens.messages';
import { ContactCard, PostCards } from '../components/ContactCard';
import '../citizens.css';

const CARD_TYPES: OrgType[] = ['township', 'station', 'village', 'community', 'grid'];

export function CardsPage() {
  const t = useCitizensT();
  const { label } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const isMobile = Grid.useBreakpoint().md === false;
  const tree = useOrgTree();
  const { values, update } = useUrlState(['q', 'type', 'open'] as const);
  const [selected, setSelected] = useState<number[]>([]);
  const [withPosts, setWithPosts] = useState(true);
  const printUrl = (ids: number[]) => `/cards/print?ids=${ids.join(',')}${withPosts ? '&posts=1' : ''}`;
  const units = useMemo(() => {
    const index = indexTree(tree.data?.nodes, tree.data?.rootId);
    return (tree.data?.nodes ?? [])
      .filter((n) => CARD_TYPES.includes(n.type) && n.status === 'active')
      .filter((n) => !values.type || n.type === values.type)
      .filter((n) => !values.q || n.name.includes(values.q))
      .map((n) => ({ ...n, parent: n.parentId ? (index.byId.get(n.parentId)?.name ?? '') : '' }));
  }, [tree.data, values.type, values.q]);
  const opened = values.open ? Number(values.open) : undefined;
  const mayPrint = can('citizen:handle');
  return (
    <div data-testid="cards-page">
      <PageHead
        title={t('card.title')}
        extra={mayPrint && <Button type="primary" icon={<PrinterOutlined />} disabled={!selected.length} onClick={() => navigate(printUrl(selected))} data-testid="cards-print">{t('card.printSelected', { n: selected.length })}</Button>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('card.units')} defaultValue={values.q} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 220 }} />
        <Space size={4} wrap>
          {CARD_TYPES.map((ty) => (
            <Tag.CheckableTag key={ty} checked={values.type === ty} onChange={(on) => update({ type: on ? ty : undefined })}>{label(ORG_TYPE_LABELS[ty])}</Tag.CheckableTag>
          ))}
        </Space>
        {mayPrint && <Checkbox checked={withPosts} onChange={(e) => setWithPosts(e.target.checked)} data-testid="cards-with-posts">{t('card.withPosts')}</Checkbox>}
        {mayPrint && isMobile && <Button icon={<PrinterOutlined />} disabled={!selected.length} onClick={() => navigate(printUrl(selected))}>{t('card.printSelected', { n: selected.length })}</Button>}
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('card.pick')}</Typography.Paragraph>
      <Spin spinning={tree.isPending}>
        {units.length === 0 && !tree.isPending ? (
          <Card><Empty /></Card>
        ) : (
          <Row gutter={[10, 10]}>
            {units.map((u) => (
              <Col xs={24} sm={12} lg={8} xl={6} key={u.id}>
                <Card size="small" hoverable onClick={() => update({ open: u.id })} data-testid="card-unit">
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Space>
                      {mayPrint && (
                        <Checkbox
                          checked={selected.includes(u.id)}
                          onClick={(e) => e.stopPropagation()}
                          onChange={(e) => setSelected((s) => (e.target.checked ? [...s, u.id] : s.filter((x) => x !== u.id)))}
                          data-testid="card-select"
                        />
                      )}
                      <strong>{u.name}</strong>
                    </Space>
                    <Tag>{label(ORG_TYPE_LABELS[u.type])}</Tag>
                  </Space>
                  <div className="lx-muted" style={{ marginTop: 4 }}>{u.parent}</div>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      <Drawer open={opened !== undefined} onClose={() => update({ open: undefined })} title={t('card.title')} size={isMobile ? '100%' : 420} placement="right" destroyOnHidden>
        {opened !== undefined && (mayPrint ? <ContactCard orgId={opened} /> : <img src={`/api/cards/${opened}/qr.svg`} alt="QR" style={{ width: 220 }} />)}
        {opened !== undefined && mayPrint && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('card.posts')}</Typography.Title>
            <div className="lx-post-cards"><PostCards orgId={opened} /></div>
          </>
        )}
        {opened !== undefined && mayPrint && (
          <Space style={{ marginTop: 12 }}>
            <Button icon={<PrinterOutlined />} onClick={() => navigate(printUrl([opened]))}>{t('card.print')}</Button>
            <Button href={`/public/unit/${opened}`} target="_blank">{t('card.publicPage')}</Button>
          </Space>
        )}
      </Drawer>
    </div>
  );
}
