// The form of one step of 整改销号: each step asks for what the workflow requires (measures to
// start, what was done to submit, reasons to return, the closure opinion to close, the public
// summary to publish) and carries the version it was read at (412/409: changed by someone else).
import { useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Modal } from 'antd';
import { PROBLEM_TRANSITION_LABELS, type ProblemDetail, type ProblemTransition } from '@lianxin/contract';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { useFireProblem } from '../ledger.api';
import { useLedgerT, type LedgerKey } from '../ledger.messages';
import { cap } from './tags';

type Values = { measures?: string; comment?: string; publicSummary?: string };

const COMMENT: Record<ProblemTransition, { key: LedgerKey; required: boolean; placeholder?: LedgerKey }> = {
  start: { key: 'ledger.form.start.comment', required: false },
  submit: { key: 'ledger.form.submit.comment', required: true, placeholder: 'ledger.form.submit.placeholder' },
  return: { key: 'ledger.form.return.comment', required: true, placeholder: 'ledger.form.return.placeholder' },
  accept: { key: 'ledger.form.accept.comment', required: false },
  close: { key: 'ledger.form.close.comment', required: true, placeholder: 'ledger.form.close.placeholder' },
  publish: { key: 'ledger.form.comment', required: false },
};

/** The API names the free text "body"; the form calls it "comment". */
const FIELD_OF: Record<string, keyof Values> = { comment: 'comment', measures: 'measures', publicSummary: 'publicSummary' };

export function StepModal({ problem, transition, onClose, onConflict }: { problem: ProblemDetail; transition: ProblemTransition; onClose: () => void; onConflict: () => void }) {
  const { label, t: common } = useI18n();
  const t = useLedgerT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const fire = useFireProblem(problem.id);
  const [error, setError] = useState<{ text: string; conflict: boolean }>();
  const name = cap(label(PROBLEM_TRANSITION_LABELS[transition]));
  const comment = COMMENT[transition];
  const danger = transition === 'return';

  const submit = async (v: Values) => {
    setError(undefined);
    try {
      await fire.mutateAsync({
        transition,
        version: problem.version,
        comment: v.comment?.trim() || undefined,
        measures: transition === 'start' ? v.measures?.trim() : undefined,
        publicSummary: transition === 'publish' ? v.publicSummary?.trim() : undefined,
      });
      message.success(t('ledger.done', { step: name }));
      onClose();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 412 || e.status === 409)) {
        setError({ text: e.message, conflict: true });
        return;
      }
      if (e instanceof ApiError && e.fields.length) {
        const known = e.fields.filter((f) => FIELD_OF[f.field]);
        form.setFields(known.map((f) => ({ name: FIELD_OF[f.field]!, errors: [f.message] })));
        if (known.length === e.fields.length) return;
      }
      setError({ text: (e as Error).message, conflict: false });
    }
  };

  return (
    <Modal
      open
      title={name}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      okText={name}
      cancelText={common('common.cancel')}
      okButtonProps={{ danger, loading: fire.isPending, disabled: error?.conflict, 'data-testid': 'step-ok' }}
      onOk={() => form.submit()}
      width={560}
    >
      {error && (
        <Alert
          type={error.conflict ? 'warning' : 'error'}
          showIcon
          role="alert"
          data-testid="step-error"
          title={error.conflict ? t('ledger.conflict') : error.text}
          description={error.conflict ? error.text : undefined}
          action={
            error.conflict ? (
              <Button size="small" onClick={() => { onConflict(); onClose(); }} data-testid="step-refresh">
                {t('ledger.refresh')}
              </Button>
            ) : undefined
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {transition === 'close' && <Alert type="warning" showIcon title={t('ledger.form.close.warn')} style={{ marginBottom: 12 }} />}
      {transition === 'publish' && <Alert type="info" showIcon title={t('ledger.form.publish.warn')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ measures: problem.measures ?? undefined }} data-testid={`step-form-${transition}`}>
        {transition === 'start' && (
          <Form.Item name="measures" label={t('ledger.form.start.measures')} rules={[{ required: true, whitespace: true, message: common('common.required', { field: t('ledger.form.start.measures') }) }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="step-measures" />
          </Form.Item>
        )}
        {transition === 'publish' && (
          <Form.Item
            name="publicSummary"
            label={t('ledger.form.publish.summary')}
            rules={[{ required: true, whitespace: true, message: common('common.required', { field: t('ledger.form.publish.summary') }) }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('ledger.form.publish.placeholder')} data-testid="step-public-summary" />
          </Form.Item>
        )}
        {transition !== 'publish' && (
          <Form.Item
            name="comment"
            label={t(comment.key)}
            rules={comment.required ? [{ required: true, whitespace: true, message: common('common.required', { field: t(comment.key) }) }] : []}
          >
            <Input.TextArea rows={transition === 'accept' || transition === 'start' ? 2 : 4} maxLength={4000} showCount placeholder={comment.placeholder ? t(comment.placeholder) : undefined} data-testid="step-comment" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** A supervision record (督办): a note on the timeline that moves the next due date on. */
export function SuperviseModal({ problemId, title, onClose, onDone, submit }: { problemId: number; title: string; onClose: () => void; onDone?: () => void; submit: (v: { id: number; text: string }) => Promise<unknown> }) {
  const { t: common } = useI18n();
  const t = useLedgerT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <Modal
      open
      title={`${t('ledger.supervise.title')}：${title}`}
      onCancel={onClose}
      destroyOnHidden
      okText={t('ledger.superviseNow')}
      cancelText={common('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'supervise-ok' }}
      onOk={() => form.submit()}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          setError(undefined);
          try {
            await submit({ id: problemId, text: v.text.trim() });
            message.success(t('ledger.supervise.done'));
            onDone?.();
            onClose();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="text" label={t('ledger.supervise.text')} rules={[{ required: true, whitespace: true, message: common('common.required', { field: t('ledger.supervise.text') }) }]}>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('ledger.supervise.placeholder')} data-testid="supervise-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
