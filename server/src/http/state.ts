import type { Locale, StaffRole } from '@hospital/shared';
import type { Context } from 'koa';
import type { Logger } from './logger';

export type Principal =
  | { kind: 'patient'; accountId: string }
  | { kind: 'staff'; staffId: string; username: string; roles: StaffRole[] };

/** What the middleware chain leaves on `ctx.state` for routes. */
export interface AppState {
  requestId: string;
  log: Logger;
  locale: Locale;
  /** Set when a valid access token came with the request. */
  principal?: Principal;
  /** Why a presented token was refused; raised only if the route needs a principal. */
  authError?: 'TOKEN_EXPIRED' | 'TOKEN_INVALID';
}

export type AppContext = Context & { state: AppState };
