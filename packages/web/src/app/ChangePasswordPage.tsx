// 修改密码: forced before anything else when the account must change its password.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App as AntApp, Button, Card, Form, Input, Typography } from 'antd';
import { useAccount, useAuthActions } from './auth';
import { useI18n } from './i18n';
import { applyFieldErrors } from './ui';
import { LangSwitch } from './LangSwitch';

type Values = { currentPassword: string; newPassword: string; repeat: string };

export function ChangePasswordPage() {
  const me = useAccount();
  const { t } = useI18n();
  const { changePassword, logout } = useAuthActions();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: Values) => {
    setSaving(true);
    setError(undefined);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.done'));
      navigate(me.mustEnrollTotp ? '/setup-2fa' : '/', { replace: true });
    } catch (e) {
      setError(applyFieldErrors(form, e, ['currentPassword', 'newPassword']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 440 }} title={t('password.title')} extra={<LangSwitch />}>
        <Typography.Paragraph type="secondary">
          {me.displayName}（{me.username}）
        </Typography.Paragraph>
        {me.mustChangePassword && <Alert type="info" showIcon title={t('password.intro')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('common.required', { field: t('password.new') }) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('password.repeat')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.repeat') }) },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={saving}>
            {t('common.save')}
          </Button>
          <Button
            type="link"
            block
            style={{ marginTop: 8 }}
            onClick={async () => {
              if (!me.mustChangePassword) return navigate(-1);
              await logout().catch(() => undefined);
              navigate('/login', { replace: true });
            }}
          >
            {me.mustChangePassword ? t('shell.logout') : t('common.back')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
