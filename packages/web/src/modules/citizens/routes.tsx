// The routes of serving citizens: requests, whistles, diary, grids and households, 连心卡 inside
// the shell; the public request page (phone-first, no login) outside it. Pages are lazy chunks.
import { Fragment } from 'react';

/** Routes inside the signed-in shell (paths relative to /). */
export function citizensRoutes() {
  return <Fragment />;
}

/** Routes without login. */
export function citizensPublicRoutes() {
  return <Fragment />;
}
