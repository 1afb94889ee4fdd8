// 连心卡: one unit's card — name, duties, contacts with phones, and the QR code (SVG from the API)
// that opens the unit's public page.
import { Skeleton } from 'antd';
import { ApiErrorAlert } from '../../../app/ui';
import { useCard, usePostCards } from '../citizens.api';
import { useCitizensT } from '../citizens.messages';

export function ContactCard({ orgId }: { orgId: number }) {
  const t = useCitizensT();
  const card = useCard(orgId);
  if (card.isPending) return <div className="lx-card"><Skeleton active style={{ padding: 12 }} /></div>;
  if (card.error) return <ApiErrorAlert error={card.error} />;
  const c = card.data;
  return (
    <div className="lx-card" data-testid="contact-card">
      <div className="lx-card-head">
        <h3>{c.title}</h3>
        <small>{c.promise}</small>
      </div>
      <div className="lx-card-body">
        <div className="lx-card-duties"><strong>{t('card.duties')}：</strong>{c.duties}</div>
        <table className="lx-card-contacts">
          <tbody>
            {c.contacts.map((p, i) => (
              <tr key={i}>
                <td>{p.role}　{p.name}</td>
                <td>{p.phone ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="lx-card-qr">
          <img src={c.qrUrl} alt={c.publicUrl} data-testid="card-qr" />
          <div>
            <div className="lx-card-promise">{t('card.scan')}</div>
            <div className="lx-muted" style={{ wordBreak: 'break-all' }}>{c.publicUrl}</div>
          </div>
        </div>
      </div>
    </div>
  );
}

/** 连心卡 of each cadre post of a unit (station chief, secretary, first secretary …). */
export function PostCards({ orgId }: { orgId: number }) {
  const t = useCitizensT();
  const cards = usePostCards(orgId);
  if (cards.isPending) return <div className="lx-card"><Skeleton active style={{ padding: 12 }} /></div>;
  if (cards.error) return <ApiErrorAlert error={cards.error} />;
  return (
    <>
      {cards.data.map((c) => (
        <div className="lx-card lx-card-post" key={c.postId} data-testid="post-card">
          <div className="lx-card-head">
            <h3>{c.name}</h3>
            <small>{c.org.name} · {c.role}</small>
          </div>
          <div className="lx-card-body">
            <div className="lx-card-duties"><strong>{t('card.duties')}：</strong>{c.duties}</div>
            <div className="lx-card-phone">{c.phone ?? '—'}</div>
            <div className="lx-card-qr">
              <img src={c.qrUrl} alt={c.publicUrl} />
              <div>
                <div className="lx-card-promise">{t('card.scan')}</div>
                <div className="lx-muted" style={{ wordBreak: 'break-all' }}>{c.publicUrl}</div>
              </div>
            </div>
          </div>
        </div>
      ))}
    </>
  );
}
