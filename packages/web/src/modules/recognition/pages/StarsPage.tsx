// 星级评定 (星级化管理, seed 001): the star board per township → its villages → the cadres of a
// village → one cadre's numbers (formula, the village's sheets, 公职化 standard, earlier years); and
// the year's rating — the county computes, publishes and corrects it, the townships enter the
// personal post assessments.
import { useState } from 'react';
import { Link } from 'react-router';
import { App as AntApp, Breadcrumb, Button, Descriptions, Drawer, Empty, Form, InputNumber, Modal, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { StarBoard, StarLevel, StarRow } from '@lianxin/contract';
import { ApiErrorAlert, PageHead } from '../../../app/ui';
import { usePageCrumb } from '../../../app/page-context';
import { useUrlState, toInt } from '../../../app/url-state';
import { useCan } from '../../../app/auth';
import {
  useCorrectStarRating,
  useCreateStarRating,
  usePublishStarRating,
  useSavePostScore,
  useSaveStarRules,
  useStarBoard,
  useStarRating,
  useStarRatings,
  useStarRow,
  useStarRows,
  useStarRules,
} from '../stars.api';

const starText = (n: number | null) => (n === null ? '未评星' : n === 0 ? '未达星级' : '★'.repeat(n));
const levelsText = (levels: StarLevel[]) => [...levels].sort((a, b) => b.stars - a.stars).map((l) => `${l.stars} 星 ≥ ${l.min} 分`).join('，');

export function StarsPage() {
  usePageCrumb('星级评定');
  const { values, update } = useUrlState(['year', 'tab', 'township', 'village', 'row'] as const);
  // the usual rating to look at is last year's (rated after the year's assessment is published)
  const year = toInt(values.year) ?? new Date().getFullYear() - 1;
  const tab = values.tab === 'rating' ? 'rating' : 'board';
  const rowId = toInt(values.row);
  return (
    <div data-testid="stars-page">
      <PageHead title="村（社区）干部星级评定" />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>年度</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => update({ year: v ? String(v) : undefined, township: undefined, village: undefined })} data-testid="stars-year" />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'board' ? undefined : k })}
        items={[
          { key: 'board', label: '星级榜', children: <BoardTab year={year} township={toInt(values.township)} village={toInt(values.village)} go={update} /> },
          { key: 'rating', label: '年度评定', children: <RatingTab year={year} openRow={(id) => update({ row: String(id) })} /> },
        ]}
      />
      <RowDrawer id={rowId} onClose={() => update({ row: undefined })} />
    </div>
  );
}

function BoardTab({ year, township, village, go }: { year: number; township?: number; village?: number; go: (v: Record<string, string | undefined>) => void }) {
  const board = useStarBoard({ year, ...(township ? { townshipId: township } : {}) });
  const b = board.data;
  const ratingId = b?.rating?.id;
  const rows = useStarRows({ ratingId, orgId: village, pageSize: 100 }, !!ratingId && !!village);
  if (board.error) return <ApiErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  if (b && !b.rating) return <Empty description={`${year} 年度的星级评定尚未公布`} />;
  const levels = [...(b?.levels ?? [])].sort((x, y) => y.stars - x.stars);
  const villageName = village ? rows.data?.items[0]?.org.name : undefined;
  const countOf = (u: StarBoard['units'][number], stars: number) => u.stars.find((s) => s.stars === stars)?.count ?? 0;
  return (
    <div>
      <Typography.Paragraph type="secondary">
        综合得分 = 个人岗位考核 × 50% + 村（社区）整体工作 × 50%（比例以本县规则为准）；整体工作取任职月份内本村（社区）已公布评分表的平均分。{levelsText(levels)}。
        {b && ` 共 ${b.total.people} 人次（当年在 8 个岗位上任职过的村、社区干部，一岗一行），其中 ${b.total.partYear} 人次任职不满一年；${b.total.civilServiceEligible} 名书记符合公职化标准${b.total.unrated ? `；${b.total.unrated} 人次所在村（社区）当年未公布考核结果、未评星` : ''}。`}
      </Typography.Paragraph>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: township ? <a onClick={() => go({ township: undefined, village: undefined })}>全部乡镇</a> : '全部乡镇' },
          ...(township ? [{ title: village ? <a onClick={() => go({ village: undefined })}>本乡镇各村</a> : '本乡镇各村' }] : []),
          ...(village ? [{ title: villageName ?? '村干部' }] : []),
        ]}
      />
      {!village && (
        <Table
          size="small"
          rowKey={(u) => u.org.id}
          loading={board.isPending}
          dataSource={b?.units ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          data-testid="stars-board"
          columns={[
            {
              title: township ? '村（社区）' : '乡镇',
              render: (_v, u) => <a onClick={() => go(township ? { village: String(u.org.id) } : { township: String(u.org.id) })}>{u.org.name}</a>,
            },
            { title: '人次', dataIndex: 'people' },
            { title: '任职不满一年', render: (_v, u) => u.partYear || '' },
            { title: '平均分', render: (_v, u) => u.average ?? '—' },
            ...levels.map((l) => ({ title: `${l.stars} 星`, render: (_v: unknown, u: StarBoard['units'][number]) => countOf(u, l.stars) || '' })),
            { title: '未达星级', render: (_v, u) => countOf(u, 0) || '' },
            { title: '未评星', render: (_v, u) => u.unrated || '' },
            { title: '公职化', render: (_v, u) => (u.civilServiceEligible ? <Tag color="red">{u.civilServiceEligible}</Tag> : '') },
          ]}
        />
      )}
      {village && <RowsTable rows={rows.data?.items ?? []} loading={rows.isPending} error={rows.error} onOpen={(id) => go({ row: String(id) })} />}
    </div>
  );
}

function RowsTable({ rows, loading, error, onOpen }: { rows: StarRow[]; loading: boolean; error: unknown; onOpen: (id: number) => void }) {
  return (
    <>
      {error ? <ApiErrorAlert error={error} /> : null}
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 640 }}
        data-testid="stars-people"
        columns={[
          { title: '姓名', render: (_v, r) => <a onClick={() => onOpen(r.id)}>{r.person.name}</a> },
          { title: '职务', dataIndex: 'roleLabel' },
          { title: '任职月份', dataIndex: 'monthsLabel' },
          { title: '个人岗位', render: (_v, r) => r.postScore ?? '—' },
          { title: '村级整体', render: (_v, r) => r.villageScore ?? '—' },
          { title: '综合得分', render: (_v, r) => r.score ?? '—' },
          { title: '星级', render: (_v, r) => <span style={{ color: '#d4380d' }}>{starText(r.stars)}</span> },
          { title: '公职化', render: (_v, r) => (r.civilServiceEligible ? <Tag color="red">符合</Tag> : '') },
        ]}
      />
    </>
  );
}

function RowDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const q = useStarRow(id);
  const d = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} title={d ? `${d.person.name}（${d.org.name}${d.roleLabel}）` : '星级'} size="large" styles={{ wrapper: { maxWidth: '100vw' } }}>
      {q.error && <ApiErrorAlert error={q.error} />}
      {d && (
        <div data-testid="star-row">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="年度">{d.year} 年（第 {d.edition} 版，{d.ratingStatus === 'published' ? '已公布' : '评定中'}）</Descriptions.Item>
            <Descriptions.Item label="星级"><span style={{ color: '#d4380d' }}>{starText(d.stars)}</span></Descriptions.Item>
            <Descriptions.Item label="任职期间">
              {d.heldFrom ? `${d.heldFrom} 至 ${d.heldTo}，${d.monthsLabel}` : d.monthsLabel}
              {d.unitBasis === 'year' && <div className="lx-muted">任职月份内本村（社区）没有已公布的评分表，整体工作取全年考核结果</div>}
            </Descriptions.Item>
            <Descriptions.Item label="计算">{d.formula ?? (d.villageScore === null ? '所在村当年未公布考核结果，未评星' : '尚未填写个人岗位考核')}</Descriptions.Item>
            <Descriptions.Item label="个人岗位考核">{d.postScore ?? '—'}{d.postScoreNote ? `（${d.postScoreNote}）` : ''}</Descriptions.Item>
            <Descriptions.Item label="村（社区）整体工作">
              {d.villageScore ?? '—'}
              {d.villageSheets.length > 0 && (
                <div className="lx-muted">
                  取自 {d.villageSheets.length} 张已公布的评分表的平均分（{d.unitBasis === 'year' ? '全年' : '任职月份内'}）：
                  {d.villageSheets.map((s) => <Link key={s.id} to={`/assessment/sheets/${s.id}`} style={{ marginRight: 8 }}>{s.period}（{s.score}）</Link>)}
                </div>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="星级分数线">{levelsText(d.levels)}</Descriptions.Item>
            {d.civilService.applies && (
              <Descriptions.Item label="公职化">
                {d.civilService.eligible ? <Tag color="red">符合标准</Tag> : <Tag>暂不符合</Tag>}
                本县标准：连续 {d.civilService.years} 年评为 {d.civilService.minStars} 星及以上；已连续 {d.civilService.streak} 年
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>历年星级</Typography.Title>
          {d.history.length === 0 ? <Typography.Text type="secondary">此前没有公布的星级评定</Typography.Text> : (
            <Table size="small" rowKey="rowId" pagination={false} dataSource={d.history} columns={[
              { title: '年度', dataIndex: 'year' },
              { title: '单位与职务', render: (_v, h) => `${h.org}${h.roleLabel}` },
              { title: '任职月份', dataIndex: 'monthsLabel' },
              { title: '综合得分', render: (_v, h) => h.score ?? '—' },
              { title: '星级', render: (_v, h) => starText(h.stars) },
            ]} />
          )}
        </div>
      )}
    </Drawer>
  );
}

function RatingTab({ year, openRow }: { year: number; openRow: (id: number) => void }) {
  const can = useCan();
  const { message } = AntApp.useApp();
  const ratings = useStarRatings(year);
  const latest = ratings.data?.items[0];
  const detail = useStarRating(latest?.id);
  const [unscored, setUnscored] = useState(false);
  const [page, setPage] = useState(1);
  const rows = useStarRows({ ratingId: latest?.id, page, pageSize: 50, ...(unscored ? { unscored: true } : {}) }, !!latest);
  const create = useCreateStarRating();
  const publish = usePublishStarRating();
  const correct = useCorrectStarRating();
  const save = useSavePostScore();
  const [scores, setScores] = useState<Record<number, number | null>>({});
  const configure = can('recognition:configure');
  const rate = can('recognition:rate');
  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));
  const d = detail.data;
  return (
    <div>
      {ratings.error && <ApiErrorAlert error={ratings.error} onRetry={() => void ratings.refetch()} />}
      <RulesCard editable={configure} />
      {!latest && ratings.data && (
        <Empty description={`${year} 年度还没有星级评定`}>
          {configure && <Button type="primary" loading={create.isPending} onClick={() => create.mutate(year, { onError: fail })} data-testid="stars-create">计算 {year} 年度星级评定</Button>}
        </Empty>
      )}
      {latest && (
        <>
          <Space wrap style={{ margin: '12px 0' }}>
            <Tag color={latest.status === 'published' ? 'green' : 'blue'}>{latest.statusLabel}</Tag>
            <span>第 {latest.edition} 版 · 已填写个人岗位考核 {latest.scored} / {latest.rows} 人</span>
            {configure && latest.status === 'draft' && d && (
              <Button type="primary" loading={publish.isPending} data-testid="stars-publish"
                onClick={() => publish.mutate({ id: latest.id, version: d.version }, { onSuccess: () => void message.success('已公布，星级评定锁定'), onError: fail })}>公布</Button>
            )}
            {configure && latest.status === 'published' && (
              <Button loading={correct.isPending} onClick={() => correct.mutate(latest.id, { onSuccess: () => void message.success('已新建更正版本，原评定保留'), onError: fail })}>更正（新建版本）</Button>
            )}
            {latest.status === 'draft' && <span><Switch size="small" checked={unscored} onChange={(v) => { setUnscored(v); setPage(1); }} /> 只看未填写的</span>}
          </Space>
          {rows.error && <ApiErrorAlert error={rows.error} />}
          <Table
            size="small"
            rowKey="id"
            loading={rows.isPending}
            dataSource={rows.data?.items ?? []}
            scroll={{ x: 720 }}
            data-testid="stars-rating-rows"
            pagination={{ current: page, pageSize: 50, total: rows.data?.total, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: '乡镇', render: (_v, r) => r.township?.name ?? '' },
              { title: '村（社区）', render: (_v, r) => r.org.name },
              { title: '姓名', render: (_v, r) => <a onClick={() => openRow(r.id)}>{r.person.name}</a> },
              { title: '职务', dataIndex: 'roleLabel' },
              { title: '任职月份', dataIndex: 'monthsLabel' },
              { title: '村级整体', render: (_v, r) => r.villageScore ?? <span className="lx-muted">未考核</span> },
              {
                title: '个人岗位考核',
                render: (_v, r) => latest.status === 'draft' && rate && r.villageScore !== null ? (
                  <Space.Compact>
                    <InputNumber min={0} max={100} step={0.5} style={{ width: 90 }} aria-label={`${r.person.name}个人岗位考核`}
                      value={scores[r.id] !== undefined ? scores[r.id] : r.postScore} onChange={(v) => setScores({ ...scores, [r.id]: v })} />
                    <Button disabled={scores[r.id] === undefined || scores[r.id] === null} loading={save.isPending && save.variables?.id === r.id}
                      onClick={() => save.mutate({ id: r.id, body: { version: r.version, postScore: scores[r.id]! } }, {
                        onSuccess: () => setScores(({ [r.id]: _, ...rest }) => rest),
                        onError: fail,
                      })}>保存</Button>
                  </Space.Compact>
                ) : (r.postScore ?? '—'),
              },
              { title: '综合', render: (_v, r) => r.score ?? '—' },
              { title: '星级', render: (_v, r) => <span style={{ color: '#d4380d' }}>{starText(r.stars)}</span> },
              { title: '公职化', render: (_v, r) => (r.civilServiceEligible ? <Tag color="red">符合</Tag> : '') },
            ]}
          />
        </>
      )}
    </div>
  );
}

function RulesCard({ editable }: { editable: boolean }) {
  const rules = useStarRules();
  const save = useSaveStarRules();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const r = rules.data;
  if (!r) return null;
  const levels = [...r.levels].sort((a, b) => b.stars - a.stars);
  return (
    <div style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">
        本县规则：个人岗位考核占 {r.postWeightPercent}%、村级整体工作占 {100 - r.postWeightPercent}%；{levelsText(levels)}；公职化标准：书记连续 {r.civilServiceYears} 年评为 {r.civilServiceMinStars} 星及以上{r.isDefault ? '（默认规则）' : ''}。
      </Typography.Text>
      {editable && <Button type="link" size="small" onClick={() => { form.setFieldsValue({ postWeightPercent: r.postWeightPercent, civilServiceMinStars: r.civilServiceMinStars, civilServiceYears: r.civilServiceYears, mins: levels.map((l) => l.min) }); setOpen(true); }}>修改规则</Button>}
      <Modal open={open} title="修改星级评定规则" onCancel={() => setOpen(false)} confirmLoading={save.isPending} okText="保存" cancelText="取消"
        onOk={() => void form.validateFields().then((v: { postWeightPercent: number; civilServiceMinStars: number; civilServiceYears: number; mins: number[] }) =>
          save.mutate(
            { version: r.version, postWeightPercent: v.postWeightPercent, civilServiceMinStars: v.civilServiceMinStars, civilServiceYears: v.civilServiceYears, levels: levels.map((l, i) => ({ stars: l.stars, min: v.mins[i] ?? l.min })) },
            { onSuccess: () => setOpen(false), onError: (e) => form.setFields([{ name: 'postWeightPercent', errors: [e instanceof Error ? e.message : String(e)] }]) },
          ))}>
        <Form form={form} layout="vertical">
          <Form.Item name="postWeightPercent" label="个人岗位考核所占比例（%）" rules={[{ required: true, message: '请填写比例' }]}><InputNumber min={0} max={100} /></Form.Item>
          {levels.map((l, i) => (
            <Form.Item key={l.stars} name={['mins', i]} label={`${l.stars} 星分数线`} rules={[{ required: true, message: '请填写分数线' }]}><InputNumber min={0} max={100} step={0.5} /></Form.Item>
          ))}
          <Form.Item name="civilServiceMinStars" label="公职化：星级不低于" rules={[{ required: true, message: '请填写星级' }]}><InputNumber min={1} max={10} /></Form.Item>
          <Form.Item name="civilServiceYears" label="公职化：连续年数" rules={[{ required: true, message: '请填写年数' }]}><InputNumber min={1} max={5} /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
