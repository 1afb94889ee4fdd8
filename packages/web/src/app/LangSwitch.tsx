import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from './i18n';

/** 中文/English: switches the UI and the API's messages; remembered in this browser. */
export function LangSwitch({ dark = false }: { dark?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Button
      type="text"
      size="small"
      icon={<GlobalOutlined />}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      style={dark ? { color: '#fff' } : undefined}
      data-testid="lang-switch"
      lang={lang === 'zh' ? 'en' : 'zh-CN'}
    >
      {t('lang.switch')}
    </Button>
  );
}
