// Small shared pieces: the API's error as an alert, field errors onto a form, page headers.
import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Empty, Grid, Spin, Typography, type FormInstance } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { ApiError, download } from './api';
import { useI18n } from './i18n';

export function ApiErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="api-error"
      title={t('common.loadFailed')}
      description={message}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * Puts the API's validation errors (details.fields[].field) on the matching form fields.
 * Returns the message for errors that have no field in this form, to show above it.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, known: readonly string[]): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const matched = error.fields.filter((f) => known.includes(f.field));
  if (matched.length) {
    form.setFields(matched.map((f) => ({ name: f.field, errors: [f.message] })));
    return undefined;
  }
  return error.message;
}

/**
 * A page's title and actions. On a phone the top bar already shows the section's name, so a
 * section's title is left out there; a `record` title (which village, which month, which
 * meeting) is what the top bar cannot say, so a phone shows it too.
 */
export function PageHead({ title, extra, record }: { title: ReactNode; extra?: ReactNode; record?: boolean }) {
  const screens = Grid.useBreakpoint();
  if (screens.md === false) {
    if (!record) return extra ? <div className="lx-page-head">{extra}</div> : null;
    return (
      <div className="lx-page-head">
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="page-record-title">{title}</Typography.Title>
        {extra && <div>{extra}</div>}
      </div>
    );
  }
  return (
    <div className="lx-page-head">
      <Typography.Title level={4}>{title}</Typography.Title>
      {extra && <div>{extra}</div>}
    </div>
  );
}

/** A plain list for phones (antd's List is deprecated in 6.6): loading, empty and items. */
export function SimpleList<T>({
  items,
  loading,
  render,
  rowKey,
  testId,
  empty,
}: {
  items: T[];
  loading?: boolean;
  render: (item: T) => ReactNode;
  rowKey: (item: T) => string | number;
  testId?: string;
  /** What an empty list means here (the same words as the desktop table's). */
  empty?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Spin spinning={!!loading}>
      <div className="lx-list" data-testid={testId}>
        {items.length === 0 ? (
          <Empty description={empty ?? t('common.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          items.map((item) => (
            <div className="lx-list-item" key={rowKey(item)}>
              {render(item)}
            </div>
          ))
        )}
      </div>
    </Spin>
  );
}

/** 导出 Excel: downloads what the list shows (its filters, every page) as .xlsx; a refusal is shown as a message. */
export function ExportButton({ path, query, fileName, testId, label = '导出 Excel', size }: { path: string; query?: Parameters<typeof download>[1]; fileName: string; testId?: string; label?: string; size?: 'small' | 'middle' }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      size={size}
      loading={busy}
      data-testid={testId}
      onClick={async () => {
        setBusy(true);
        try {
          await download(path, query, fileName);
        } catch (e) {
          message.error((e as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}
