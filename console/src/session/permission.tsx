import type { Action } from '@hospital/shared';
import type { ReactNode } from 'react';
import { useCan } from './session';

/** A page only for those whose permissions include `action`; everyone else sees `fallback` (no access). */
export function RequirePermission({
  action,
  fallback,
  children,
}: {
  action: Action;
  fallback: ReactNode;
  children: ReactNode;
}) {
  const can = useCan();
  return <>{can(action) ? children : fallback}</>;
}
