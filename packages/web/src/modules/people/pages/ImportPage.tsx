// 批量导入: upload an .xlsx → preview with per-row errors → confirm → progress → summary.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App as AntApp, Button, Card, Col, Grid, Progress, Radio, Result, Row, Space, Statistic, Steps, Table, Typography, Upload } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportReport, ImportRowError } from '@lianxin/contract';
import { download } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { PageHead } from '../../../app/ui';
import { importApi, useImportInvalidate, type JobStatus } from '../people.api';

type Mode = 'all_or_nothing' | 'valid_only';
type Summary = { created: number; updated: number; skipped: number; errors: ImportRowError[] };

function summaryOf(result: unknown): Summary {
  const r = (result && typeof result === 'object' ? result : {}) as Partial<ImportReport>;
  return { created: r.created ?? 0, updated: r.updated ?? 0, skipped: r.skipped ?? 0, errors: r.errors ?? [] };
}

export function ImportPage() {
  const { t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const invalidate = useImportInvalidate();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<File>();
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [report, setReport] = useState<ImportReport>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [job, setJob] = useState<JobStatus>();
  const [summary, setSummary] = useState<Summary>();
  const [failed, setFailed] = useState<string>();

  const reset = () => {
    setStep(0);
    setFile(undefined);
    setReport(undefined);
    setError(undefined);
    setJob(undefined);
    setSummary(undefined);
    setFailed(undefined);
    setMode('all_or_nothing');
  };

  const check = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await importApi.check(file, mode);
      setReport(r);
      if (r.errors.length > 0 && r.validRows > 0) setMode('all_or_nothing');
      setStep(1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const finish = async (result: unknown) => {
    setSummary(summaryOf(result));
    setStep(3);
    await invalidate();
  };

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await importApi.run(file, mode);
      if ('dryRun' in r) {
        if (r.imported) await finish(r);
        else {
          // Nothing was imported (all-or-nothing with errors): back to the preview.
          setReport(r);
          setStep(1);
        }
      } else {
        setJob({ id: r.jobId, kind: 'import', status: 'running', total: report?.totalRows ?? 0, processed: 0, result: null });
        setStep(2);
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // Poll the import job until it is done.
  useEffect(() => {
    if (step !== 2 || !job || job.status !== 'running') return;
    let stopped = false;
    const timer = setTimeout(async () => {
      try {
        const next = await importApi.job(job.id);
        if (stopped) return;
        setJob(next);
        if (next.status === 'done') await finish(next.result);
        if (next.status === 'failed') {
          const r = next.result as { message?: string } | null;
          setFailed(r?.message ?? t('import.failedTitle'));
          setStep(3);
        }
      } catch (e) {
        if (!stopped) setJob({ ...job }); // retry on the next tick
        if (!stopped) message.error((e as Error).message);
      }
    }, 400);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, job]);

  const confirmRun = () => {
    const n = mode === 'valid_only' ? (report?.validRows ?? 0) : (report?.totalRows ?? 0);
    modal.confirm({
      title: t('import.confirmTitle', { n }),
      content: file?.name,
      okText: t('import.confirm'),
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const templateButton = (
    <Button
      icon={<DownloadOutlined />}
      onClick={() => download('/api/people/import/template', undefined, '党员导入模板.xlsx').catch((e: Error) => message.error(e.message))}
      data-testid="import-template"
    >
      {t('import.template')}
    </Button>
  );

  const errorsCount = report?.errors.length ?? 0;
  const canImport = !!report && report.validRows > 0 && (errorsCount === 0 || mode === 'valid_only');
  const percent = job && job.total > 0 ? Math.min(100, Math.round((job.processed / job.total) * 100)) : 0;

  return (
    <div data-testid="import-page">
      <PageHead title={t('import.title')} extra={templateButton} />
      <Card>
        <Steps
          current={step}
          size="small"
          orientation={screens.md === false ? 'vertical' : 'horizontal'}
          style={{ marginBottom: 24 }}
          items={[{ title: t('import.step.upload') }, { title: t('import.step.preview') }, { title: t('import.step.import') }, { title: t('import.step.done') }]}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="import-error" />}

        {step === 0 && (
          <>
            <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              multiple={false}
              fileList={[]}
              beforeUpload={(f) => {
                if (!f.name.toLowerCase().endsWith('.xlsx')) {
                  message.error(t('import.notXlsx'));
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                setError(undefined);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drag')}</p>
              <p className="ant-upload-hint">{t('import.dragHint')}</p>
            </Upload.Dragger>
            </div>
            {file && (
              <Alert type="info" icon={<FileExcelOutlined />} showIcon title={`${t('import.file')}：${file.name}（${Math.ceil(file.size / 1024)} KB）`} style={{ marginTop: 16 }} data-testid="import-file" />
            )}
            <div style={{ marginTop: 16, textAlign: 'right' }}>
              <Button type="primary" disabled={!file} loading={busy} onClick={check} data-testid="import-check">
                {busy ? t('import.checking') : t('import.check')}
              </Button>
            </div>
          </>
        )}

        {step === 1 && report && (
          <>
            <Row gutter={12} style={{ marginBottom: 16 }}>
              <Col span={8}>
                <Statistic title={t('import.totalRows')} value={report.totalRows} />
              </Col>
              <Col span={8}>
                <Statistic title={t('import.validRows')} value={report.validRows} styles={{ content: { color: '#389e0d' } }} />
              </Col>
              <Col span={8}>
                <Statistic title={t('import.errorRows')} value={errorsCount} styles={{ content: { color: errorsCount ? '#cf1322' : undefined } }} data-testid="import-error-count" />
              </Col>
            </Row>
            {errorsCount === 0 ? (
              <Alert type="success" showIcon title={t('import.noErrors')} style={{ marginBottom: 16 }} data-testid="import-ok" />
            ) : (
              <>
                <Alert type="warning" showIcon title={t('import.hasErrors', { n: errorsCount })} style={{ marginBottom: 12 }} />
                <Table<ImportRowError>
                  size="small"
                  rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                  dataSource={report.errors}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  data-testid="import-errors"
                  style={{ marginBottom: 16 }}
                  columns={[
                    { title: t('import.row'), dataIndex: 'row', width: 80 },
                    { title: t('import.column'), dataIndex: 'column', width: 140 },
                    { title: t('import.message'), dataIndex: 'message' },
                  ]}
                />
                <Typography.Text strong>{t('import.mode')}</Typography.Text>
                <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as Mode)} style={{ display: 'flex', flexDirection: 'column', gap: 6, margin: '8px 0 16px' }}>
                  <Radio value="all_or_nothing">{t('import.mode.all')}</Radio>
                  <Radio value="valid_only" disabled={report.validRows === 0} data-testid="import-mode-valid">
                    {t('import.mode.valid')}
                  </Radio>
                </Radio.Group>
              </>
            )}
            <Space wrap style={{ width: '100%', justifyContent: 'flex-end' }}>
              <Button onClick={reset} data-testid="import-reupload">
                {t('import.reupload')}
              </Button>
              <Button type="primary" icon={<CloudUploadOutlined />} disabled={!canImport} loading={busy} onClick={confirmRun} data-testid="import-run">
                {t('import.confirm')}
              </Button>
            </Space>
          </>
        )}

        {step === 2 && (
          <div style={{ padding: '24px 0', textAlign: 'center' }} data-testid="import-progress">
            <Progress type={screens.md === false ? 'line' : 'circle'} percent={percent} status="active" />
            <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
              {t('import.importing')} {job ? `${job.processed} / ${job.total}` : ''}
            </Typography.Paragraph>
          </div>
        )}

        {step === 3 &&
          (failed ? (
            <Result status="error" title={t('import.failedTitle')} subTitle={failed} extra={<Button onClick={reset}>{t('import.again')}</Button>} />
          ) : (
            summary && (
              <Result
                status="success"
                title={t('import.doneTitle')}
                data-testid="import-done"
                subTitle={
                  <Space size="large" wrap style={{ justifyContent: 'center' }}>
                    <span>
                      {t('import.created')} <b data-testid="import-created">{summary.created}</b>
                    </span>
                    <span>
                      {t('import.updated')} <b data-testid="import-updated">{summary.updated}</b>
                    </span>
                    <span>
                      {t('import.skipped')} <b data-testid="import-skipped">{summary.skipped}</b>
                    </span>
                  </Space>
                }
                extra={
                  <Space wrap style={{ justifyContent: 'center' }}>
                    <Button onClick={reset}>{t('import.again')}</Button>
                    <Link to="/people">
                      <Button type="primary">{t('import.toList')}</Button>
                    </Link>
                  </Space>
                }
              />
            )
          ))}
      </Card>
    </div>
  );
}
