// Attachments of directives and reports: a list of links (images and PDF open in the browser) and
// an upload button that sends one file at a time and shows the API's refusal (type, size).
import { App as AntApp, Button, Tag, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { DispatchFile } from '@lianxin/contract';
import { api } from '../../../app/api';
import { dispatchKeys } from '../dispatch.api';
import { useDispatchT } from '../dispatch.messages';

export const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,application/pdf,.doc,.docx,.xls,.xlsx';
export const MAX_BYTES = 10 * 1024 * 1024;

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function FileList({ files, testId }: { files: DispatchFile[]; testId?: string }) {
  if (!files.length) return null;
  return (
    <div className="lx-files" data-testid={testId}>
      {files.map((f) => (
        <a key={f.id} href={`/api/dispatch-files/${f.id}`} target="_blank" rel="noreferrer" className="lx-file">
          <PaperClipOutlined /> {f.fileName} <span className="lx-muted">{size(f.size)}</span>
        </a>
      ))}
    </div>
  );
}

/** Uploads a file to `url` at once; the assignment/board queries refresh after. */
export function UploadFile({ url, testId }: { url: `/api/${'directives' | 'assignments'}/${number}/attachments`; testId?: string }) {
  const t = useDispatchT();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          message.error(t('files.tooBig'));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        setBusy(true);
        const form = new FormData();
        form.append('file', file as Blob, (file as File).name);
        try {
          const r = await api.upload(url, form);
          await client.invalidateQueries({ queryKey: dispatchKeys.all });
          message.success(t('files.uploaded'));
          onSuccess?.(r);
        } catch (error) {
          message.error(error instanceof Error ? error.message : String(error));
          onError?.(error as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
        {t('files.add')}
      </Button>
    </Upload>
  );
}

/** Files picked in a form before the record exists; uploaded after it is created. */
export function PendingFiles({ files, onChange }: { files: File[]; onChange: (f: File[]) => void }) {
  const t = useDispatchT();
  const { message } = AntApp.useApp();
  return (
    <div>
      <Upload
        accept={ACCEPT}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > MAX_BYTES) message.error(t('files.tooBig'));
          else onChange([...files, file]);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="compose-files">
          {t('files.add')}
        </Button>
      </Upload>
      <div className="lx-files">
        {files.map((f, i) => (
          <Tag key={`${f.name}-${i}`} closable onClose={() => onChange(files.filter((_, j) => j !== i))} icon={<PaperClipOutlined />}>
            {f.name} <span className="lx-muted">{size(f.size)}</span>
          </Tag>
        ))}
      </div>
    </div>
  );
}
