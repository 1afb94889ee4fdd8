// 登录: username and password, the API's message for a wrong password or a temporary lock, and
// the reason the user is here (session expired, signed out).
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from './api';
import { useAuthActions, useMe } from './auth';
import { useI18n } from './i18n';
import { LangSwitch } from './LangSwitch';
import { Logo } from './Logo';
import './login.css';

type Values = { username: string; password: string; otp?: string };

/** Only same-app paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { data: me } = useMe();
  const { login } = useAuthActions();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // An administrator's password was right; the server asks for the authenticator's code.
  const [needOtp, setNeedOtp] = useState(false);
  const [form] = Form.useForm<Values>();
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');

  const landing = (m: { mustChangePassword: boolean; mustEnrollTotp: boolean }) =>
    m.mustChangePassword ? '/change-password' : m.mustEnrollTotp ? '/setup-2fa' : next;
  if (me) return <Navigate to={landing(me)} replace />;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const account = await login(values.username.trim(), values.password, needOtp ? values.otp?.trim() : undefined);
      navigate(landing(account), { replace: true });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'network', t('common.networkError'));
      if (err.code === 'otp_required') {
        setNeedOtp(true);
        return;
      }
      if (err.code === 'otp_invalid') {
        form.setFields([{ name: 'otp', value: '', errors: [err.message] }]);
        return;
      }
      setError({ code: err.code, message: err.message });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="lx-login">
      <div className="lx-login-lang">
        <LangSwitch dark />
      </div>
      <section className="lx-login-hero">
        <Logo size={56} />
        <h1>
          {t('app.name')}
          <span>{t('app.title')}</span>
        </h1>
        <p>{t('app.slogan')}</p>
      </section>
      <main className="lx-login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        {reason === 'expired' && !error && (
          <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} data-testid="login-reason" />
        )}
        {reason === 'logout' && !error && (
          <Alert type="success" showIcon title={t('login.loggedOut')} style={{ marginBottom: 16 }} data-testid="login-reason" />
        )}
        {error && (
          <Alert
            type={error.code === 'account_locked' || error.code === 'rate_limited' ? 'warning' : 'error'}
            showIcon
            title={error.message}
            style={{ marginBottom: 16 }}
            role="alert"
            data-testid="login-error"
          />
        )}
        <Form<Values> form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="off" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {needOtp && (
            <Form.Item
              name="otp"
              label={t('login.otp')}
              extra={t('login.otpHint')}
              rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('login.otpPattern') }]}
            >
              <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus data-testid="login-otp" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
          {t('login.hint')}
        </Typography.Paragraph>
      </main>
      <footer className="lx-login-footer">{t('app.footer')}</footer>
    </div>
  );
}
