// 导入干部台账 / 导入后备干部: download the template → upload the county's .xlsx → 检查 (every row
// checked with the form's rules, errors by row and column) → 导入 (all or nothing) → the result.
// Nothing is written until the confirmation, and nothing at all while any row has an error.
import { useState } from 'react';
import { Alert, App as AntApp, Button, Col, Modal, Result, Row, Space, Statistic, Table, Upload } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportReport, ImportRowError } from '@lianxin/contract';
import { api, download } from '../../../app/api';
import { useCadreImportRefresh } from '../cadres.api';

const KINDS = {
  posts: {
    title: '导入干部台账',
    intro: '按模板填写：每行一个任职，按身份证号对应花名册（不在册的人员请先在花名册中登记）。书记、站长等一人岗位的任期不得重叠，与页面上任职的规则相同。任何一行有错，整个文件都不导入。',
    template: '/api/cadres/import/template',
    templateName: '干部台账导入模板.xlsx',
    url: '/api/cadres/import',
    unit: '个任职',
  },
  reserve: {
    title: '导入后备干部',
    intro: '按模板填写：每行一人，按身份证号对应花名册，所在村须与花名册一致；一人只入库一次。任何一行有错，整个文件都不导入。',
    template: '/api/reserve-cadres/import/template',
    templateName: '后备干部导入模板.xlsx',
    url: '/api/reserve-cadres/import',
    unit: '人',
  },
} as const;

export function CadreImportModal({ kind, onClose }: { kind: keyof typeof KINDS; onClose: () => void }) {
  const k = KINDS[kind];
  const { modal } = AntApp.useApp();
  const refresh = useCadreImportRefresh();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const [done, setDone] = useState<ImportReport>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const r = await api.upload(k.url, form, { dryRun });
      if (r.imported) {
        setDone(r);
        await refresh();
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
  };
  const errors = report?.errors.length ?? 0;
  const badRows = new Set(report?.errors.map((e) => e.row)).size;

  return (
    <Modal open title={k.title} onCancel={onClose} footer={null} width={760} destroyOnHidden mask={{ closable: false }}>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} data-testid="cadre-import-error" />}
      {done ? (
        <Result
          status="success"
          title={`已导入 ${done.created} ${k.unit}`}
          subTitle="每一条都已按页面上的规则检查并记录在操作日志中"
          data-testid="cadre-import-done"
          extra={<Button type="primary" onClick={onClose}>完成</Button>}
        />
      ) : !report ? (
        <>
          <Alert type="info" showIcon title={k.intro} style={{ marginBottom: 12 }} />
          <Button icon={<DownloadOutlined />} onClick={() => void download(k.template, undefined, k.templateName).catch((e: Error) => setError(e.message))} style={{ marginBottom: 12 }} data-testid="cadre-import-template">
            下载导入模板
          </Button>
          <div data-testid="cadre-import-upload">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              fileList={[]}
              beforeUpload={(f) => {
                if (!f.name.toLowerCase().endsWith('.xlsx')) {
                  setError('请选择 Excel（.xlsx）文件');
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                setError(undefined);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p className="ant-upload-text">点击或拖入 .xlsx 文件</p>
            </Upload.Dragger>
          </div>
          {file && <Alert type="info" icon={<FileExcelOutlined />} showIcon title={file.name} style={{ marginTop: 12 }} data-testid="cadre-import-file" />}
          <div style={{ marginTop: 16, textAlign: 'right' }}>
            <Button type="primary" disabled={!file} loading={busy} onClick={() => void send(true)} data-testid="cadre-import-check">检查</Button>
          </div>
        </>
      ) : (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={8}><Statistic title="共" value={report.totalRows} suffix="行" /></Col>
            <Col span={8}><Statistic title="可导入" value={report.validRows} suffix="行" styles={{ content: { color: '#389e0d' } }} /></Col>
            <Col span={8}><Statistic title="有错误" value={badRows} suffix="行" styles={{ content: { color: errors ? '#cf1322' : undefined } }} /></Col>
          </Row>
          {errors === 0 ? (
            <Alert type="success" showIcon title="全部检查通过，可以导入" style={{ marginBottom: 12 }} data-testid="cadre-import-ok" />
          ) : (
            <>
              <Alert type="error" showIcon title={`有 ${badRows} 行需要修改：改好 Excel 后重新选择文件检查。整个文件都未导入。`} style={{ marginBottom: 12 }} />
              <Table<ImportRowError>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={report.errors}
                pagination={{ pageSize: 8, hideOnSinglePage: true }}
                tableLayout="fixed"
                data-testid="cadre-import-errors"
                style={{ marginBottom: 12 }}
                columns={[
                  { title: '行', dataIndex: 'row', width: 48 },
                  { title: '列', dataIndex: 'column', width: 96 },
                  { title: '问题', dataIndex: 'message', render: (m: string) => <span style={{ whiteSpace: 'normal', wordBreak: 'break-all' }}>{m}</span> },
                ]}
              />
            </>
          )}
          <Space style={{ width: '100%', justifyContent: 'flex-end' }} wrap>
            <Button onClick={reset} data-testid="cadre-import-again">重新选择文件</Button>
            <Button
              type="primary"
              disabled={errors > 0 || report.validRows === 0}
              loading={busy}
              data-testid="cadre-import-run"
              onClick={() => modal.confirm({ title: `导入 ${report.validRows} 行？`, content: file?.name, okText: '导入', cancelText: '取消', onOk: () => send(false) })}
            >
              导入
            </Button>
          </Space>
        </>
      )}
    </Modal>
  );
}
