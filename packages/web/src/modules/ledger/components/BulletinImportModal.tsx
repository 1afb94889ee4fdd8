// 导入督查通报: upload an .xlsx → check (per-row errors) → choose all-or-nothing or valid rows →
// confirm → imported. Nothing is written until the confirmation.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Col, Form, Input, Modal, Radio, Result, Row, Select, Space, Statistic, Table, Upload } from 'antd';
import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportReport, ImportRowError, ProblemSource } from '@lianxin/contract';
import { useI18n } from '../../../app/i18n';
import { bulletinImport, useInvalidateLedgerAll, useSourceOptions } from '../ledger.api';
import { useLedgerT } from '../ledger.messages';

type Mode = 'all_or_nothing' | 'valid_only';

export function BulletinImportModal({ onClose }: { onClose: () => void }) {
  const { label, t: common } = useI18n();
  const sourceOptions = useSourceOptions();
  const t = useLedgerT();
  const { modal } = AntApp.useApp();
  const invalidate = useInvalidateLedgerAll();
  const [file, setFile] = useState<File>();
  const [source, setSource] = useState<ProblemSource | undefined>('provincial_bulletin');
  const [sourceRef, setSourceRef] = useState('');
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [report, setReport] = useState<ImportReport>();
  const [done, setDone] = useState<ImportReport>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const options = (dryRun: boolean) => ({ dryRun, mode, source, sourceRef: sourceRef.trim() || undefined });

  const check = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      setReport(await bulletinImport.run(file, options(true)));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await bulletinImport.run(file, options(false));
      if (r.imported) {
        setDone(r);
        await invalidate();
      } else setReport(r);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setFile(undefined);
    setReport(undefined);
    setDone(undefined);
    setError(undefined);
    setMode('all_or_nothing');
  };

  const errors = report?.errors.length ?? 0;
  const canRun = !!report && report.validRows > 0 && (errors === 0 || mode === 'valid_only');
  const n = mode === 'valid_only' ? (report?.validRows ?? 0) : (report?.totalRows ?? 0);

  return (
    <Modal open title={t('ledger.imp.title')} onCancel={onClose} footer={null} width={760} destroyOnHidden mask={{ closable: false }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} data-testid="bulletin-error" />}
      {done ? (
        <Result
          status="success"
          title={t('ledger.imp.done', { n: done.created })}
          data-testid="bulletin-done"
          extra={<Button type="primary" onClick={onClose}>{common('common.confirm')}</Button>}
        />
      ) : !report ? (
        <>
          <Alert type="info" showIcon title={t('ledger.imp.intro')} style={{ marginBottom: 12 }} />
          <Form layout="vertical">
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item label={t('ledger.imp.source')}>
                  <Select value={source} onChange={setSource} allowClear options={sourceOptions} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label={t('ledger.imp.sourceRef')}>
                  <Input value={sourceRef} onChange={(e) => setSourceRef(e.target.value)} maxLength={100} placeholder={t('ledger.sourceRefPlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <div data-testid="bulletin-upload">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              fileList={[]}
              beforeUpload={(f) => {
                if (!f.name.toLowerCase().endsWith('.xlsx')) {
                  setError(t('ledger.imp.notXlsx'));
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                setError(undefined);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">{t('ledger.imp.file')}</p>
            </Upload.Dragger>
          </div>
          {file && <Alert type="info" icon={<FileExcelOutlined />} showIcon title={file.name} style={{ marginTop: 12 }} data-testid="bulletin-file" />}
          <div style={{ marginTop: 16, textAlign: 'right' }}>
            <Button type="primary" disabled={!file} loading={busy} onClick={check} data-testid="bulletin-check">{t('ledger.imp.check')}</Button>
          </div>
        </>
      ) : (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={8}><Statistic title={t('ledger.imp.total')} value={report.totalRows} /></Col>
            <Col span={8}><Statistic title={t('ledger.imp.valid')} value={report.validRows} styles={{ content: { color: '#389e0d' } }} /></Col>
            <Col span={8}><Statistic title={t('ledger.imp.errors')} value={errors} styles={{ content: { color: errors ? '#cf1322' : undefined } }} /></Col>
          </Row>
          {errors === 0 ? (
            <Alert type="success" showIcon title={t('ledger.imp.noErrors')} style={{ marginBottom: 12 }} data-testid="bulletin-ok" />
          ) : (
            <>
              <Table<ImportRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={report.errors}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                data-testid="bulletin-errors"
                style={{ marginBottom: 12 }}
                columns={[
                  { title: t('ledger.imp.row'), dataIndex: 'row', width: 70 },
                  { title: t('ledger.imp.column'), dataIndex: 'column', width: 120 },
                  { title: t('ledger.imp.message'), dataIndex: 'message' },
                ]}
              />
              <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} style={{ display: 'flex', flexDirection: 'column', gap: 6, marginBottom: 12 }}>
                <Radio value="all_or_nothing">{t('ledger.imp.modeAll')}</Radio>
                <Radio value="valid_only" disabled={report.validRows === 0}>{t('ledger.imp.modeValid')}</Radio>
              </Radio.Group>
            </>
          )}
          <Space style={{ width: '100%', justifyContent: 'flex-end' }} wrap>
            <Button onClick={reset} data-testid="bulletin-again">{t('ledger.imp.again')}</Button>
            <Button
              type="primary"
              disabled={!canRun}
              loading={busy}
              data-testid="bulletin-run"
              onClick={() =>
                modal.confirm({ title: t('ledger.imp.confirm', { n }), content: file?.name, okText: t('ledger.imp.run'), cancelText: common('common.cancel'), onOk: run })
              }
            >
              {t('ledger.imp.run')}
            </Button>
          </Space>
        </>
      )}
    </Modal>
  );
}
