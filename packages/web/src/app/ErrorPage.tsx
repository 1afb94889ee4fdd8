import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from './i18n';

export function ErrorPage({ kind, onRetry }: { kind: 'notFound' | 'forbidden' | 'network'; onRetry?: () => void }) {
  const { t } = useI18n();
  if (kind === 'network')
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={t('common.networkError')}
        extra={<Button type="primary" onClick={onRetry}>{t('common.retry')}</Button>}
      />
    );
  return (
    <Result
      status={kind === 'forbidden' ? '403' : '404'}
      title={t(kind === 'forbidden' ? 'error.forbidden' : 'error.notFound')}
      subTitle={t(kind === 'forbidden' ? 'error.forbiddenDesc' : 'error.notFoundDesc')}
      extra={
        <Link to="/">
          <Button type="primary">{t('error.backHome')}</Button>
        </Link>
      }
    />
  );
}
