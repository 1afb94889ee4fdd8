// 绑定动态验证码: an administrator's first sign-in binds an authenticator app (TOTP) before anything
// else opens. The QR code and key come from the server once; the first code completes the binding.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Form, Input, Skeleton, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { TotpSetup } from '@lianxin/contract';
import { api } from './api';
import { useAccount, useAuthActions } from './auth';
import { useI18n } from './i18n';
import { LangSwitch } from './LangSwitch';
import { applyFieldErrors } from './ui';

export function TotpSetupPage() {
  const me = useAccount();
  const { t } = useI18n();
  const { enableTotp, logout } = useAuthActions();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const setup = useMutation({ mutationFn: () => api.post('/api/auth/totp/setup') });
  const { mutate } = setup;

  useEffect(() => {
    if (me.totpEnabled) navigate('/', { replace: true });
    else mutate();
  }, [me.totpEnabled, mutate, navigate]);

  const onFinish = async ({ code }: { code: string }) => {
    setSaving(true);
    setError(undefined);
    try {
      await enableTotp(code.trim());
      message.success(t('totp.done'));
      navigate('/', { replace: true });
    } catch (e) {
      setError(applyFieldErrors(form, e, ['code']));
    } finally {
      setSaving(false);
    }
  };

  const secret = setup.data?.secret;
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 480 }} title={t('totp.title')} extra={<LangSwitch />}>
        <Typography.Paragraph type="secondary">
          {me.displayName}（{me.username}）
        </Typography.Paragraph>
        <Alert type="info" showIcon title={t('totp.intro')} style={{ marginBottom: 16 }} />
        {setup.error && <Alert type="error" showIcon title={(setup.error as Error).message} style={{ marginBottom: 16 }} role="alert" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <ol style={{ paddingInlineStart: 20, lineHeight: 1.8 }}>
          <li>{t('totp.step1')}</li>
        </ol>
        {setup.isPending || !setup.data ? (
          <Skeleton.Node active style={{ width: 200, height: 200, margin: '0 auto', display: 'block' }} />
        ) : (
          // The SVG is the server's own rendering of the otpauth URI (no user input in it).
          <div data-testid="totp-qr" style={{ width: 200, margin: '0 auto 12px' }} dangerouslySetInnerHTML={{ __html: setup.data.qrSvg }} />
        )}
        <ol start={2} style={{ paddingInlineStart: 20, lineHeight: 1.8 }}>
          <li>
            {t('totp.step2')}
            <div>
              {t('totp.secret')}：
              <Typography.Text code copyable={secret ? { text: secret } : false} data-testid="totp-secret">
                {secret?.replace(/(.{4})/g, '$1 ').trim() ?? '…'}
              </Typography.Text>
            </div>
          </li>
          <li>{t('totp.step3')}</li>
        </ol>
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="code" label={t('totp.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('login.otpPattern') }]}>
            <Input size="large" inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="totp-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={saving} disabled={!secret}>
            {t('totp.submit')}
          </Button>
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={async () => {
              await logout().catch(() => undefined);
              navigate('/login', { replace: true });
            }}
          >
            {t('shell.logout')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
