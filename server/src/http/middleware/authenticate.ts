import type { Middleware } from 'koa';
import type { SessionCheck } from '../../core/actor';
import { TokenError, type TokenService } from '../../security/tokens';
import type { AppState } from '../state';

/**
 * Reads a bearer token when one is sent. A bad token does not fail here — public routes still work — but is
 * remembered so that a route that needs a principal answers with the precise reason (expired, invalid, or
 * its sign-in ended: signed out, account disabled, sessions revoked by an admin).
 */
export function authenticate(tokens: TokenService, sessions?: SessionCheck): Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header);
      try {
        if (!match) throw new TokenError('TOKEN_INVALID');
        const { principal, sessionId } = tokens.verifyAccess(match[1]!);
        if (sessions?.isRevoked(sessionId)) {
          ctx.state.authError = 'SESSION_REVOKED';
        } else {
          ctx.state.principal = principal;
          ctx.state.sessionId = sessionId;
        }
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        ctx.state.authError = error.reason;
      }
    }
    await next();
  };
}
