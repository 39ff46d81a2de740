import type { Locale, StaffRole } from '@hospital/shared';
import type { Context } from 'koa';
import type { Logger } from './logger';

export type Principal =
  | { kind: 'patient'; accountId: string }
  | {
      kind: 'staff';
      staffId: string;
      username: string;
      roles: StaffRole[];
      /** The staff member's department (a doctor's consulting department): the reach of `department` scopes. */
      departmentId: string | null;
    };

/** What the middleware chain leaves on `ctx.state` for routes. */
export interface AppState {
  requestId: string;
  log: Logger;
  locale: Locale;
  /** Set when a valid access token came with the request. */
  principal?: Principal;
  /** The sign-in (auth_session id) the access token belongs to, with `principal`. */
  sessionId?: string;
  /** Why a presented token was refused; raised only if the route needs a principal. */
  authError?: 'TOKEN_EXPIRED' | 'TOKEN_INVALID' | 'SESSION_REVOKED';
}

export type AppContext = Context & { state: AppState };
