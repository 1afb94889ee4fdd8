// A route element shown only to accounts whose roles include the action; others see "not allowed".
import { lazy, type ReactNode } from 'react';
import type { Action } from '@lianxin/contract';
import { useMe } from './auth';

const ErrorPage = lazy(() => import('./ErrorPage').then((m) => ({ default: m.ErrorPage })));

export function Allowed({ action, children }: { action: Action; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me?.permissions.includes(action)) return <ErrorPage kind="forbidden" />;
  return <>{children}</>;
}
