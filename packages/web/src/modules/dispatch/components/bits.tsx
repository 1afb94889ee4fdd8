// Small pieces shared by the dispatch and inspection pages: deadlines as countdowns, status tags,
// a multi-org picker over the tree, report-form fields and figures, API field errors on a form.
import { useMemo, type ReactNode } from 'react';
import { DatePicker, Form, Grid, Input, InputNumber, Select, Tag, TreeSelect, type FormInstance } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { DIRECTIVE_KIND_LABELS, OUTCOME_LABELS, type DirectiveKind, type FormField, type OrgNode, type OrgType, type Outcome } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { indexTree, useOrgTree } from '../../orgs/orgs.api';
import { orgOptionTitle, useOrgTreeOptions, type OrgOption } from '../../orgs/components/OrgTreeSelect';
import { useDispatchT } from '../dispatch.messages';

/** A phone-sized screen (antd's md breakpoint not reached). */
export function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

/** Today in China (the server's calendar). */
export function todayStr(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Whole days from today (China) to the date: negative when past. */
export function daysUntil(date: string): number {
  return dayjs(date).diff(dayjs(todayStr()), 'day');
}

/** End of this ISO week (Sunday), in China. */
export function endOfWeek(): string {
  const t = dayjs(todayStr());
  const wd = (t.day() + 6) % 7; // Monday = 0
  return t.add(6 - wd, 'day').format('YYYY-MM-DD');
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—';
}

/** A deadline as a countdown: "还剩 3 天", "今天截止", "已逾期 2 天" (red). Done items are grey. */
export function DueTag({ date, done }: { date: string; done?: boolean }) {
  const t = useDispatchT();
  if (done) return <Tag className="lx-due lx-due-done">{t('due.on', { date })}</Tag>;
  const n = daysUntil(date);
  if (n < 0) return <Tag color="error" icon={<ExclamationCircleOutlined />} className="lx-due" data-testid="due-overdue">{t('due.overdue', { n: -n })}</Tag>;
  if (n === 0) return <Tag color="warning" icon={<ClockCircleOutlined />} className="lx-due">{t('due.today')}</Tag>;
  return <Tag color={n <= 2 ? 'orange' : 'blue'} icon={<ClockCircleOutlined />} className="lx-due">{t('due.left', { n })}</Tag>;
}

/** The state of an assignment: to report, overdue, reported, reported late. */
export function AssignmentTag({ status, late, overdue }: { status: 'pending' | 'reported'; late: boolean; overdue: boolean }) {
  const t = useDispatchT();
  if (status === 'reported') return late ? <Tag color="volcano" data-testid="tag-late">{t('status.late')}</Tag> : <Tag color="success">{t('status.reported')}</Tag>;
  return overdue ? <Tag color="error" data-testid="tag-overdue">{t('status.overdue')}</Tag> : <Tag color="processing">{t('status.pending')}</Tag>;
}

export function OutcomeTag({ outcome }: { outcome: Outcome | string | null }) {
  const { label } = useI18n();
  if (!outcome || !(outcome in OUTCOME_LABELS)) return <span className="lx-muted">—</span>;
  const o = outcome as Outcome;
  const icon = o === 'done' ? <CheckCircleOutlined /> : o === 'partly' ? <MinusCircleOutlined /> : <ExclamationCircleOutlined />;
  return <Tag color={o === 'done' ? 'green' : o === 'partly' ? 'gold' : 'red'} icon={icon}>{label(OUTCOME_LABELS[o])}</Tag>;
}

const KIND_COLORS: Record<DirectiveKind, string> = { task_list: 'red', report: 'geekblue', data_collection: 'cyan', notice: 'default', duty: 'purple' };
export function KindTag({ kind }: { kind: string }) {
  const { label } = useI18n();
  if (!(kind in DIRECTIVE_KIND_LABELS)) return null;
  return <Tag color={KIND_COLORS[kind as DirectiveKind]}>{label(DIRECTIVE_KIND_LABELS[kind as DirectiveKind])}</Tag>;
}

type TreeOption = OrgOption;

/** The orgs strictly below the account's scope, as a checkable tree; only `selectable` types can be picked. */
export function OrgMultiSelect({
  value,
  onChange,
  rootId,
  selectable,
  placeholder,
  id,
  testId,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  rootId: number;
  selectable?: readonly OrgType[];
  placeholder?: string;
  id?: string;
  testId?: string;
}) {
  const { options, tree } = useOrgTreeOptions(selectable, rootId);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      multiple
      treeCheckable
      treeCheckStrictly
      showCheckedStrategy={TreeSelect.SHOW_ALL}
      value={(value ?? []).map((v) => ({ value: v, label: findTitle(options, v) }))}
      onChange={(vs: { value: number }[]) => onChange?.(vs.map((v) => Number(v.value)))}
      treeData={options}
      showSearch
      treeNodeFilterProp="title"
      placeholder={placeholder}
      loading={tree.isPending}
      listHeight={360}
      maxTagCount="responsive"
      style={{ width: '100%' }}
      treeTitleRender={orgOptionTitle}
    />
  );
}

function findTitle(options: TreeOption[], id: number): string {
  for (const o of options) {
    if (o.value === id) return o.title;
    const inner = o.children ? findTitle(o.children, id) : '';
    if (inner) return inner;
  }
  return String(id);
}

/** Active orgs of the given types directly (or anywhere, `deep`) below an org, from the tree. */
export function useOrgsBelow(orgId: number | undefined, types: readonly OrgType[], deep = false) {
  const tree = useOrgTree(!!orgId);
  return useMemo(() => {
    if (!orgId) return [];
    const index = indexTree(tree.data?.nodes, tree.data?.rootId);
    const out: OrgNode[] = [];
    const walk = (id: number) => {
      for (const c of index.children.get(id) ?? []) {
        if (c.status !== 'active') continue;
        if (types.includes(c.type)) out.push(c);
        if (deep) walk(c.id);
      }
    };
    walk(orgId);
    return out;
  }, [tree.data, orgId, types, deep]);
}

/** The inputs of a report form, under `figures.<key>` of the surrounding antd Form. */
export function FormFieldInputs({ form, requireAll }: { form: FormField[]; requireAll: boolean }) {
  const { t: ct } = useI18n();
  const phone = usePhone();
  return (
    <>
      {form.map((f) => {
        const rules = f.required && requireAll ? [{ required: true, message: ct('common.required', { field: f.label }) }] : [];
        const name = ['figures', f.key];
        switch (f.type) {
          case 'number':
            return (
              <Form.Item key={f.key} name={name} label={f.label} rules={rules}>
                <InputNumber style={{ width: '100%' }} inputMode="decimal" suffix={f.unit} data-testid={`figure-${f.key}`} />
              </Form.Item>
            );
          case 'choice':
            return (
              <Form.Item key={f.key} name={name} label={f.label} rules={rules}>
                <Select options={(f.options ?? []).map((o) => ({ value: o, label: o }))} allowClear data-testid={`figure-${f.key}`} />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item key={f.key} name={name} label={f.label} rules={rules} getValueProps={(v: string | undefined) => ({ value: v ? dayjs(v) : undefined })} normalize={(v: dayjs.Dayjs | null) => (v ? v.format('YYYY-MM-DD') : undefined)}>
                <DatePicker style={{ width: '100%' }} inputReadOnly={phone} data-testid={`figure-${f.key}`} />
              </Form.Item>
            );
          default:
            return (
              <Form.Item key={f.key} name={name} label={f.label} rules={rules}>
                <Input maxLength={500} suffix={f.unit} data-testid={`figure-${f.key}`} />
              </Form.Item>
            );
        }
      })}
    </>
  );
}

/** One report's figures, labelled by the form. */
export function FiguresView({ form, figures }: { form: FormField[]; figures: Record<string, number | string> }) {
  if (!form.length) return null;
  return (
    <div className="lx-figures">
      {form.map((f) => (
        <div key={f.key} className="lx-figure">
          <span className="lx-figure-label">{f.label}</span>
          <span className="lx-figure-value">{figures[f.key] === undefined || figures[f.key] === '' ? '—' : `${figures[f.key]}${f.type === 'number' && f.unit ? ` ${f.unit}` : ''}`}</span>
        </div>
      ))}
    </div>
  );
}

/** Rolled-up figures: sums of numbers, counts per option, counts of filled-in text and dates. */
export function RollupView({ form, figures }: { form: FormField[]; figures: Record<string, unknown> }): ReactNode {
  if (!form.length) return null;
  return (
    <div className="lx-figures" data-testid="rollup">
      {form.map((f) => {
        const v = figures[f.key];
        let shown: ReactNode = '—';
        if (typeof v === 'number') shown = `${v}${f.type === 'number' && f.unit ? ` ${f.unit}` : ''}`;
        else if (v && typeof v === 'object')
          shown = (
            <span>
              {Object.entries(v as Record<string, number>).map(([k, n]) => (
                <Tag key={k}>{k} {n}</Tag>
              ))}
            </span>
          );
        return (
          <div key={f.key} className="lx-figure" data-testid={`rollup-${f.key}`}>
            <span className="lx-figure-label">{f.label}</span>
            <span className="lx-figure-value">{shown}</span>
          </div>
        );
      })}
    </div>
  );
}

/**
 * Puts the API's field errors (dotted paths such as `form.0.options`, `targets.orgIds`) on the
 * form's fields; returns the message to show above the form for the rest.
 */
export function putFieldErrors(form: FormInstance, error: unknown, known: (path: (string | number)[]) => boolean): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = error.fields.map((f) => ({ name: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [f.message] }));
  const matched = fields.filter((f) => known(f.name));
  if (matched.length) form.setFields(matched);
  const rest = fields.filter((f) => !known(f.name));
  if (!fields.length || rest.length) return rest.length ? rest.map((f) => f.errors[0]).join('；') : error.message;
  return undefined;
}
