// One node of the tree: type, parent, counts, station coverage and staffing warnings, a station's
// designations (a county's or township's list of them), posts, and the actions the role allows.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { ORG_NESTING, ORG_TYPE_LABELS, POST_ROLE_LABELS, POST_ROLES, type OrgDetail, type OrgType } from '@lianxin/contract';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { ApiErrorAlert } from '../../../app/ui';
import { useOrgDetail, type TreeIndex } from '../orgs.api';
import { CreateOrgModal, MoveOrgModal, RenameOrgModal, useCloseOrgConfirm } from './OrgActionModals';
import { DesignationList, StationDesignations } from './StationDesignations';
import { ConsequencesCard } from '../../recognition/components/ConsequencesCard';
import { OrgPostsTable } from '../../cadres/components/PostsTable';

export function OrgDetailPanel({ id, index, scopeRootId, onSelect, compact }: { id: number; index: TreeIndex; scopeRootId: number; onSelect: (id: number) => void; compact?: boolean }) {
  const { t, label } = useI18n();
  const can = useCan();
  const detail = useOrgDetail(id);
  const [modal, setModal] = useState<'create' | 'rename' | 'move' | null>(null);
  const confirmClose = useCloseOrgConfirm();

  if (detail.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (detail.error) return <ApiErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const org: OrgDetail = detail.data;
  const active = org.status === 'active';
  const writable = can('org:write') && active;
  const isRoot = org.id === scopeRootId;

  return (
    <div data-testid="org-detail">
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="org-detail-name">
          {org.name}
        </Typography.Title>
        <Tag color="red">{label(ORG_TYPE_LABELS[org.type])}</Tag>
        {!active && <Tag>{t('orgs.closed')}</Tag>}
        {org.isPilot && <Tag color="gold">{t('orgs.isPilot')}</Tag>}
      </Space>
      {org.ancestors.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {org.ancestors.map((a, i) => (
            <span key={a.id}>
              {i > 0 && ' / '}
              {index.byId.has(a.id) ? <a onClick={() => onSelect(a.id)}>{a.name}</a> : a.name}
            </span>
          ))}
        </Typography.Paragraph>
      )}
      {org.warnings.length > 0 && (
        <Alert type="warning" showIcon title={t('orgs.warnings')} description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{org.warnings.map((w) => <li key={w}>{w}</li>)}</ul>} style={{ marginBottom: 12 }} data-testid="org-warnings" />
      )}
      {writable && (
        <Space wrap style={{ marginBottom: 12 }}>
          {ORG_NESTING[org.type].length > 0 && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('create')}>
              {t('orgs.create')}
            </Button>
          )}
          <Button icon={<EditOutlined />} onClick={() => setModal('rename')}>
            {t('orgs.rename')}
          </Button>
          {!isRoot && (
            <Button icon={<DragOutlined />} onClick={() => setModal('move')}>
              {t('orgs.move')}
            </Button>
          )}
          {!isRoot && (
            <Button danger icon={<DeleteOutlined />} onClick={() => confirmClose(org)}>
              {t('orgs.close')}
            </Button>
          )}
        </Space>
      )}
      <Descriptions
        size="small"
        bordered
        column={compact ? 1 : 2}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'type', label: t('orgs.type'), children: label(ORG_TYPE_LABELS[org.type]) },
          { key: 'parent', label: t('orgs.parent'), children: org.parent ? org.parent.name : '—' },
          { key: 'members', label: t('orgs.members'), children: <span data-testid="org-member-count">{org.memberCount}</span> },
          { key: 'villages', label: t('orgs.villages'), children: org.villageCount },
          { key: 'status', label: t('orgs.status'), children: active ? <Tag color="green">{t('orgs.active')}</Tag> : <Tag>{t('orgs.closed')}</Tag> },
          ...(org.type === 'township' ? [{ key: 'st', label: t('orgs.usesStations'), children: org.usesStations ? t('common.yes') : t('common.no') }] : []),
          {
            key: 'children',
            label: t('orgs.children'),
            span: 'filled',
            children: Object.keys(org.childCounts).length ? (
              <Space wrap size={4}>
                {Object.entries(org.childCounts).map(([type, n]) => (
                  <Tag key={type}>
                    {label(ORG_TYPE_LABELS[type as OrgType])} {n}
                  </Tag>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
        ]}
      />
      {can('person:read') && (
        <Link to={`/people?orgId=${org.id}`}>
          <Button icon={<TeamOutlined />} style={{ marginBottom: 12 }}>
            {t('orgs.viewPeople')}
          </Button>
        </Link>
      )}
      {org.type === 'station' && <StationDesignations org={org} />}
      {org.type !== 'county' && <ConsequencesCard orgId={org.id} />}
      <Typography.Title level={5}>{t('orgs.posts')}</Typography.Title>
      {can('person:read') && <OrgPostsTable orgId={org.id} compact={compact} />}
      {(org.type === 'county' || org.type === 'township') && <DesignationList orgId={org.id} />}
      <CreateOrgModal org={org} open={modal === 'create'} onClose={() => setModal(null)} onDone={onSelect} />
      <RenameOrgModal org={org} open={modal === 'rename'} onClose={() => setModal(null)} />
      <MoveOrgModal org={org} open={modal === 'move'} onClose={() => setModal(null)} index={index} />
    </div>
  );
}
