import type { Locale } from '@hospital/shared';
import type { Context } from 'koa';
import type { Principal } from '../core/actor';
import type { Logger } from '../core/logger';

export type { Principal };

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
