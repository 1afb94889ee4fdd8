// 党员积分·党支部积星 (seed 003 积星积分; 002 争十星, 004 创星晋级), phone-first for a branch: the board
// drills from the county's townships to a township's branches (points, stars) to a branch's members;
// a member's points list every record they come from. The branch proposes manual items (志愿服务,
// 表彰, 承诺践诺) with evidence; the township, station or county approves or returns them with a reason.
import { useState } from 'react';
import { App as AntApp, Button, Card, DatePicker, Drawer, Empty, Form, Input, InputNumber, List, Modal, Select, Space, Tabs, Tag, Typography } from 'antd';
import { MEMBER_POINT_SOURCES, MEMBER_POINT_SOURCE_LABELS, type PointAward, type PointRules, type PointsBoard } from '@lianxin/contract';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useUrlState, toInt } from '../../../app/url-state';
import { useCan } from '../../../app/auth';
import { useDecidePointAward, useMemberPoints, usePointAwards, usePointRules, usePointsBoard, useProposePointAward, useSavePointRules } from '../points.api';

const starText = (n: number | null) => (n === null ? '' : n === 0 ? '未达星级' : '★'.repeat(n));
const STATUS_COLOR: Record<string, string> = { proposed: 'blue', approved: 'green', returned: 'orange' };

export function PointsPage() {
  usePageCrumb('党员积分');
  const { values, update } = useUrlState(['year', 'tab', 'org', 'member'] as const);
  const year = toInt(values.year) ?? new Date().getFullYear();
  const can = useCan();
  const tab = values.tab ?? 'board';
  return (
    <div data-testid="points-page" style={{ maxWidth: 720 }}>
      <PageHead title="党员积分 · 支部积星" />
      <Space wrap style={{ marginBottom: 8 }}>
        <span>年度</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => update({ year: v ? String(v) : undefined, org: undefined })} data-testid="points-year" />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'board' ? undefined : k })}
        items={[
          { key: 'board', label: '积分榜', children: <BoardTab year={year} org={toInt(values.org)} go={update} /> },
          ...(can('recognition:propose') ? [{ key: 'propose', label: '申报', children: <ProposeTab year={year} /> }] : []),
          ...(can('recognition:approve') ? [{ key: 'review', label: '审核', children: <ReviewTab /> }] : []),
          { key: 'rules', label: '积分规则', children: <RulesTab year={year} /> },
        ]}
      />
      <MemberDrawer id={toInt(values.member)} year={year} onClose={() => update({ member: undefined })} />
    </div>
  );
}

function BoardTab({ year, org, go }: { year: number; org?: number; go: (v: Record<string, string | undefined>) => void }) {
  const board = usePointsBoard({ year, ...(org ? { orgId: org } : {}) });
  const b = board.data;
  if (board.error) return <ApiErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  if (!b) return <Card loading />;
  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        积分只取工作记录：参加组织生活、教育培训、双报到网格服务、办结群众事项，以及经上级审核的人工申报；不计登录、点击、阅读。支部积分 = 党员平均积分 + 支部自身工作积分。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>{b.org?.name}</Typography.Text>
        {org && <a onClick={() => go({ org: undefined })} data-testid="points-up">返回本级</a>}
      </Space>
      {b.level !== 'members' && (
        <List
          data-testid="points-units"
          dataSource={b.units}
          locale={{ emptyText: <Empty description="没有党员" /> }}
          renderItem={(u: PointsBoard['units'][number]) => (
            <List.Item onClick={() => go({ org: String(u.org.id) })} style={{ cursor: 'pointer' }} extra={u.stars !== null ? <Tag color="gold">{starText(u.stars)}</Tag> : null}>
              <List.Item.Meta
                title={<a>{u.org.name}</a>}
                description={
                  b.level === 'townships'
                    ? `${u.members} 名党员 · 人均 ${u.memberAverage} 分 · ${u.starCounts.filter((s) => s.stars > 0).map((s) => `${s.stars} 星支部 ${s.count} 个`).join('，') || '暂无星级支部'}`
                    : `${u.members} 名党员 · 人均 ${u.memberAverage} 分 + 支部工作 ${u.ownPoints} 分 = ${u.total} 分`
                }
              />
            </List.Item>
          )}
        />
      )}
      {b.level === 'members' && (
        <>
          {b.units[0] && (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="points-branch">
              <Space wrap>
                <Tag color="gold">{starText(b.units[0].stars)}</Tag>
                <span>支部积分 {b.units[0].total}（党员人均 {b.units[0].memberAverage} + 支部工作 {b.units[0].ownPoints}）</span>
              </Space>
              {b.branchItems.map((i) => <div key={i.code} style={{ fontSize: 13, color: '#666' }}>{i.name}：{i.records} 次，{i.points} 分</div>)}
            </Card>
          )}
          <List
            data-testid="points-members"
            dataSource={b.members}
            renderItem={(m) => (
              <List.Item onClick={() => go({ member: String(m.person.id) })} style={{ cursor: 'pointer' }} extra={<Typography.Text strong>{m.total} 分</Typography.Text>}>
                <List.Item.Meta title={<a>{m.person.name}</a>} description={`${m.entries} 条记录`} />
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}

function MemberDrawer({ id, year, onClose }: { id?: number; year: number; onClose: () => void }) {
  const p = useMemberPoints(id, year);
  const d = p.data;
  return (
    <Drawer open={!!id} onClose={onClose} title={d ? `${d.person.name} · ${year} 年积分 ${d.total} 分` : '党员积分'} width="min(100vw, 520px)">
      <div data-testid="points-member">
      {p.error && <ApiErrorAlert error={p.error} />}
      {d && (
        <>
          <Space wrap style={{ marginBottom: 8 }}>
            {d.byItem.filter((i) => i.records > 0).map((i) => <Tag key={i.code}>{i.name} {i.points}/{i.cap}</Tag>)}
          </Space>
          <List
            size="small"
            dataSource={d.entries}
            locale={{ emptyText: <Empty description="本年度还没有积分记录" /> }}
            renderItem={(e) => (
              <List.Item extra={<span>{e.capped ? <Tag>已达上限</Tag> : null}+{e.points}</span>}>
                <List.Item.Meta title={e.label} description={`${e.on} · ${e.itemName}`} />
              </List.Item>
            )}
          />
        </>
      )}
      </div>
    </Drawer>
  );
}

function AwardItem({ a, actions }: { a: PointAward; actions?: React.ReactNode }) {
  return (
    <List.Item actions={actions ? [actions] : undefined}>
      <List.Item.Meta
        title={<Space wrap><span>{a.person.name}</span><Tag color={STATUS_COLOR[a.status]}>{a.statusLabel}</Tag><span>{a.itemName} {a.points} 分</span></Space>}
        description={
          <>
            <div>{a.doneOn} · {a.branch.name} · {a.description}</div>
            <div>佐证：{a.evidence}</div>
            {a.reason && <div style={{ color: '#d46b08' }}>退回理由：{a.reason}</div>}
          </>
        }
      />
    </List.Item>
  );
}

function ProposeTab({ year }: { year: number }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const rules = usePointRules(year);
  const board = usePointsBoard({ year });
  const awards = usePointAwards({ year, pageSize: 50 });
  const propose = useProposePointAward();
  const manual = (rules.data?.memberItems ?? []).filter((i) => i.source === 'manual');
  const submit = async () => {
    const v = await form.validateFields();
    propose.mutate(
      { personId: v.personId, itemCode: v.itemCode, points: v.points, doneOn: v.doneOn.format('YYYY-MM-DD'), description: v.description, evidence: v.evidence },
      { onSuccess: () => { void message.success('已申报，待上级审核'); form.resetFields(); }, onError: (e) => void message.error(e instanceof Error ? e.message : String(e)) },
    );
  };
  return (
    <div>
      <Card size="small" title="为党员申报积分事项" style={{ marginBottom: 12 }}>
        <Form form={form} layout="vertical" data-testid="points-propose">
          <Form.Item name="personId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
            <Select showSearch optionFilterProp="label" options={(board.data?.members ?? []).map((m) => ({ value: m.person.id, label: m.person.name }))} />
          </Form.Item>
          <Form.Item name="itemCode" label="积分项" rules={[{ required: true, message: '请选择积分项' }]}>
            <Select options={manual.map((i) => ({ value: i.code, label: `${i.name}（每次最多 ${i.points} 分，全年上限 ${i.cap} 分）` }))} />
          </Form.Item>
          <Form.Item name="points" label="分值" rules={[{ required: true, message: '请填写分值' }]}><InputNumber min={0.5} max={100} step={0.5} /></Form.Item>
          <Form.Item name="doneOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="description" label="事项" rules={[{ required: true, message: '请填写事项' }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="evidence" label="佐证材料" rules={[{ required: true, whitespace: true, message: '请填写佐证材料' }]}><Input.TextArea rows={2} maxLength={500} placeholder="签到表、照片、表彰文件的编号或说明" /></Form.Item>
          <Button type="primary" block loading={propose.isPending} onClick={() => void submit()} data-testid="points-propose-submit">提交申报</Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>会议、培训、网格服务、群众事项的积分由记录自动计算，无需申报。</Typography.Paragraph>
      </Card>
      {awards.error && <ApiErrorAlert error={awards.error} />}
      <List header="本支部的申报" dataSource={awards.data?.items ?? []} renderItem={(a) => <AwardItem a={a} />} />
    </div>
  );
}

function ReviewTab() {
  const { message } = AntApp.useApp();
  const awards = usePointAwards({ status: 'proposed', pageSize: 50 });
  const decide = useDecidePointAward();
  const [returning, setReturning] = useState<PointAward | null>(null);
  const [reason, setReason] = useState('');
  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  return (
    <div data-testid="points-review">
      {awards.error && <ApiErrorAlert error={awards.error} />}
      <List
        dataSource={awards.data?.items ?? []}
        locale={{ emptyText: <Empty description="没有待审核的积分申报" /> }}
        renderItem={(a) => (
          <AwardItem a={a} actions={a.canDecide ? (
            <Space>
              <Button type="primary" size="small" onClick={() => decide.mutate({ id: a.id, verdict: 'approve', version: a.version }, { onSuccess: () => void message.success('已认定'), onError: fail })}>认定</Button>
              <Button size="small" onClick={() => { setReturning(a); setReason(''); }}>退回</Button>
            </Space>
          ) : undefined} />
        )}
      />
      <Modal open={!!returning} title="退回积分申报" okText="退回" onCancel={() => setReturning(null)} okButtonProps={{ disabled: !reason.trim() }}
        onOk={() => returning && decide.mutate({ id: returning.id, verdict: 'return', version: returning.version, reason }, { onSuccess: () => { setReturning(null); void message.success('已退回'); }, onError: fail })}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明退回理由" maxLength={500} />
      </Modal>
    </div>
  );
}

function RulesTab({ year }: { year: number }) {
  const rules = usePointRules(year);
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const r = rules.data;
  if (rules.error) return <ApiErrorAlert error={rules.error} />;
  if (!r) return <Card loading />;
  if (editing) return <RulesEditor rules={r} year={year} onDone={() => setEditing(false)} />;
  return (
    <div>
      <Typography.Paragraph type="secondary">
        {r.fromYear === null ? '本县尚未制定积分规则，以下为样例规则。' : r.fromYear === year ? `${year} 年度规则（第 ${r.version} 版）。` : `${year} 年度尚未制定，沿用 ${r.fromYear} 年度规则（第 ${r.version} 版）。`}
      </Typography.Paragraph>
      {can('recognition:configure') && (
        <Button type="primary" style={{ marginBottom: 8 }} onClick={() => setEditing(true)} data-testid="point-rules-edit">
          {r.fromYear === year ? '修改规则（保存为新版本）' : `制定 ${year} 年度规则`}
        </Button>
      )}
      <List size="small" header="党员积分项" dataSource={r.memberItems} renderItem={(i) => <List.Item>{i.name}：每{i.source === 'manual' ? '次最多' : '条记录'} {i.points} 分，全年上限 {i.cap} 分{i.source === 'manual' ? '（人工申报，须佐证、经审核）' : ''}</List.Item>} />
      <List size="small" header="支部工作积分项" dataSource={r.branchItems} renderItem={(i) => <List.Item>{i.name}：每次 {i.points} 分，全年上限 {i.cap} 分</List.Item>} />
      <Typography.Paragraph style={{ marginTop: 8 }}>支部星级：{[...r.branchLevels].sort((a, b) => b.stars - a.stars).map((l) => `${l.stars} 星 ≥ ${l.min} 分`).join('，')}</Typography.Paragraph>
    </div>
  );
}

/**
 * 积分规则编辑 (the county): items from the closed list of record sources — an item named after app
 * usage (登录、点击、阅读时长 …) is refused by the server, and its Chinese message is shown here.
 * Each save is a new version of the year; a stale screen is told so (412).
 */
function RulesEditor({ rules, year, onDone }: { rules: PointRules; year: number; onDone: () => void }) {
  const save = useSavePointRules();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Pick<PointRules, 'memberItems' | 'branchItems' | 'branchLevels'>>();
  const submit = (v: Pick<PointRules, 'memberItems' | 'branchItems' | 'branchLevels'>) =>
    save.mutate(
      { year, version: rules.fromYear === year ? rules.version : 0, memberItems: v.memberItems, branchItems: v.branchItems ?? [], branchLevels: v.branchLevels },
      { onSuccess: (saved) => { void message.success(`已保存为 ${year} 年度第 ${saved.version} 版`); onDone(); } },
    );
  const row = { display: 'flex', gap: 6, flexWrap: 'wrap' as const, alignItems: 'baseline', marginBottom: 4 };
  return (
    <Form form={form} layout="vertical" initialValues={{ memberItems: rules.memberItems, branchItems: rules.branchItems, branchLevels: rules.branchLevels }} onFinish={submit} data-testid="point-rules-editor">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        积分只能取自工作记录（会议签到、到课、网格实事、办结群众事项）或经审核的人工申报；以登录、点击、阅读时长等“使用量”计分的项目不能保存。
      </Typography.Paragraph>
      <Typography.Title level={5}>党员积分项</Typography.Title>
      <Form.List name="memberItems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <div key={f.key} style={row} data-testid="member-item">
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]} style={{ marginBottom: 0 }}><Input placeholder="名称" style={{ width: 150 }} /></Form.Item>
                <Form.Item name={[f.name, 'code']} rules={[{ required: true, pattern: /^[a-z0-9_]{1,30}$/, message: '代码：小写字母、数字、下划线' }]} style={{ marginBottom: 0 }}><Input placeholder="代码" style={{ width: 110 }} /></Form.Item>
                <Form.Item name={[f.name, 'source']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                  <Select style={{ width: 230 }} options={MEMBER_POINT_SOURCES.map((k) => ({ value: k, label: MEMBER_POINT_SOURCE_LABELS[k].zh }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'points']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><InputNumber min={0.5} max={100} step={0.5} addonAfter="分/条" style={{ width: 130 }} /></Form.Item>
                <Form.Item name={[f.name, 'cap']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><InputNumber min={0.5} max={1000} step={0.5} addonBefore="上限" style={{ width: 140 }} /></Form.Item>
                <a onClick={() => remove(f.name)}>删除</a>
              </div>
            ))}
            <Button size="small" onClick={() => add({ code: '', name: '', source: 'manual', points: 1, cap: 10 })} data-testid="member-item-add">增加积分项</Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 12 }}>支部工作积分项</Typography.Title>
      <Form.List name="branchItems">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <div key={f.key} style={row}>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]} style={{ marginBottom: 0 }}><Input placeholder="名称" style={{ width: 150 }} /></Form.Item>
                <Form.Item name={[f.name, 'code']} rules={[{ required: true, pattern: /^[a-z0-9_]{1,30}$/, message: '代码：小写字母、数字、下划线' }]} style={{ marginBottom: 0 }}><Input placeholder="代码" style={{ width: 110 }} /></Form.Item>
                <Form.Item name={[f.name, 'source']} initialValue="meetings_held" style={{ marginBottom: 0 }}><Select style={{ width: 150 }} options={[{ value: 'meetings_held', label: '召开组织生活会议' }]} /></Form.Item>
                <Form.Item name={[f.name, 'points']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><InputNumber min={0.5} max={100} step={0.5} addonAfter="分/次" style={{ width: 130 }} /></Form.Item>
                <Form.Item name={[f.name, 'cap']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><InputNumber min={0.5} max={1000} step={0.5} addonBefore="上限" style={{ width: 140 }} /></Form.Item>
                <a onClick={() => remove(f.name)}>删除</a>
              </div>
            ))}
            <Button size="small" onClick={() => add({ code: '', name: '', source: 'meetings_held', points: 1, cap: 20 })}>增加支部积分项</Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 12 }}>支部星级分数线</Typography.Title>
      <Form.List name="branchLevels">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <div key={f.key} style={row}>
                <Form.Item name={[f.name, 'stars']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><InputNumber min={1} max={10} addonAfter="星" style={{ width: 110 }} /></Form.Item>
                <Form.Item name={[f.name, 'min']} rules={[{ required: true }]} style={{ marginBottom: 0 }}><InputNumber min={0} max={10000} addonBefore="不低于" addonAfter="分" style={{ width: 190 }} /></Form.Item>
                <a onClick={() => remove(f.name)}>删除</a>
              </div>
            ))}
            <Button size="small" onClick={() => add({ stars: 1, min: 0 })}>增加星级</Button>
          </>
        )}
      </Form.List>
      {save.error && <div style={{ marginTop: 12 }} data-testid="point-rules-error"><ApiErrorAlert error={save.error} /></div>}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="point-rules-save">保存为新版本</Button>
        <Button onClick={onDone}>取消</Button>
      </Space>
    </Form>
  );
}
