// The public citizen pages as their own small app: no login, no admin UI library, a phone's first
// visit loads React and these pages only (the signed-in app is another chunk it never asks for).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClosuresPage } from './ClosuresPage';
import { DisclosuresPage } from './DisclosuresPage';
import { MatterPage } from './MatterPage';
import { TrackPage } from './TrackPage';
import { UnitPage } from './UnitPage';
import './public.css';

function PublicApp({ pathname }: { pathname: string }) {
  // 三务公开 of a unit (the unit page's section links here)
  const disclosures = /^\/public\/units?\/(\d+)\/disclosures\/?$/.exec(pathname);
  if (disclosures) return <DisclosuresPage id={Number(disclosures[1])} />;
  // a 小微权力 matter's public result (the unit page's 决议和结果公开 items link here)
  const matter = /^\/public\/flow-matters\/(\d+)\/?$/.exec(pathname);
  if (matter) return <MatterPage id={Number(matter[1])} />;
  const unit = /^\/public\/unit\/([^/]+)\/?$/.exec(pathname);
  if (unit) return <UnitPage id={/^\d+$/.test(unit[1]!) ? Number(unit[1]) : 0} />;
  if (/^\/public\/track\/?$/.test(pathname)) return <TrackPage />;
  const closures = /^\/public\/closures(?:\/(\d+))?\/?$/.exec(pathname);
  if (closures) return <ClosuresPage countyId={closures[1] ? Number(closures[1]) : undefined} />;
  // Any other public address: the unit page's "not found" tells the citizen where to go.
  return <UnitPage id={0} />;
}

export function mountPublic(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      <PublicApp pathname={window.location.pathname} />
    </StrictMode>,
  );
}
