// The print view of 连心卡: an A4 sheet of cards (print CSS hides the shell), cut along the dashes.
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Space } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useCitizensT } from '../citizens.messages';
import { ContactCard, PostCards } from '../components/ContactCard';
import '../citizens.css';

export function CardsPrintPage() {
  const t = useCitizensT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const withPosts = params.get('posts') === '1';
  const ids = (params.get('ids') ?? '').split(',').filter((s) => /^\d+$/.test(s)).map(Number).slice(0, 40);
  return (
    <div data-testid="cards-print-page">
      <div className="lx-no-print" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/cards')}>{t('card.back')}</Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">{t('card.printNow')}</Button>
        </Space>
        <Alert type="info" showIcon title={t('card.printHint')} style={{ marginTop: 10 }} />
      </div>
      <div className="lx-print-sheet">
        {ids.map((id) => <ContactCard key={id} orgId={id} />)}
        {withPosts && ids.map((id) => <PostCards key={`p${id}`} orgId={id} />)}
      </div>
    </div>
  );
}
