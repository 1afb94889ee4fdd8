// The routes of the problem ledger (问题台账) and the three lists (三个清单): pages inside the
// shell, and the public closures page (反馈公示) outside it. Pages are lazy chunks.
import { Fragment } from 'react';

/** Routes inside the signed-in shell (paths relative to /). */
export function ledgerRoutes() {
  return <Fragment />;
}

/** Routes without login. */
export function ledgerPublicRoutes() {
  return <Fragment />;
}
