// The routes of two down, two up (两下两上: directives, fan-out, reports, board) and inspections
// (督查问责). Pages are lazy chunks.
import { Fragment } from 'react';

/** Routes inside the signed-in shell (paths relative to /). */
export function dispatchRoutes() {
  return <Fragment />;
}
