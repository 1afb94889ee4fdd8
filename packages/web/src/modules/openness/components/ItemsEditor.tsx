// The items of a disclosure as a phone fills them in: a title, the content, and for 财务 the amount
// in yuan (checked by the server: negative or non-numeric amounts are refused with the field named).
import { Button, Card, Form, Input, type FormInstance } from 'antd';
import { ApiError } from '../../../app/api';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useOpennessT } from '../openness.messages';

export type ItemValues = { title: string; content?: string; amount?: string };

export function ItemsEditor({ finance }: { finance: boolean }) {
  const t = useOpennessT();
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={t('item.n', { n: i + 1 })}
              extra={<Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('item.remove')} />}
              data-testid="item"
            >
              <Form.Item name={[f.name, 'title']} label={t('item.title')} rules={[{ required: true, message: t('item.titleRequired') }]}>
                <Input maxLength={100} data-testid={`item-title-${i}`} />
              </Form.Item>
              <Form.Item name={[f.name, 'content']} label={t('item.content')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid={`item-content-${i}`} />
              </Form.Item>
              {finance && (
                <Form.Item name={[f.name, 'amount']} label={t('item.amount')} extra={t('item.amountHint')}>
                  <Input inputMode="decimal" addonAfter="元" maxLength={20} data-testid={`item-amount-${i}`} />
                </Form.Item>
              )}
            </Card>
          ))}
          <Button block icon={<PlusOutlined />} onClick={() => add({ title: '', content: '', amount: '' })} data-testid="add-item">{t('item.add')}</Button>
        </>
      )}
    </Form.List>
  );
}

export const toItems = (items: ItemValues[] | undefined, finance: boolean) =>
  (items ?? []).map((i) => ({ title: i.title ?? '', content: i.content ?? '', ...(finance && i.amount ? { amount: i.amount } : {}) }));

/** Puts the server's `items.0.amount` errors on the nested fields; answers the message of any other error. */
export function showItemErrors(form: FormInstance, error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const nested = error.fields.filter((f) => /^items\.\d+\.\w+$/.test(f.field));
  if (!nested.length) return error.message;
  form.setFields(nested.map((f) => ({ name: f.field.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)), errors: [f.message] })));
  return undefined;
}
