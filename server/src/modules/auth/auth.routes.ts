import type { Middleware } from 'koa';
import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { AppState } from '../../http/state';
import type { Services } from '../services';

const unlimited: Middleware<AppState> = (_ctx, next) => next();

/**
 * `loginLimiter`: sign-in attempts per IP a minute. `smsSendLimiter`: sign-in codes per IP an hour (each
 * number's own limits are the use case's).
 */
export function authRoutes(
  { auth }: Services,
  loginLimiter: Middleware<AppState>,
  smsSendLimiter: Middleware<AppState> = unlimited,
) {
  return [
    route('auth.wechatLogin', { before: [loginLimiter], handler: ({ body }) => auth.wechatLogin(body.code) }),
    route('auth.smsSend', {
      before: [loginLimiter, smsSendLimiter],
      handler: ({ body }) => auth.smsSend(body.mobile, body.privacyVersion),
    }),
    route('auth.smsLogin', {
      before: [loginLimiter],
      handler: ({ body, ctx }) =>
        auth.smsLogin(body.mobile, body.code, body.privacyVersion, ctx.state.requestId),
    }),
    route('auth.staffLogin', {
      before: [loginLimiter],
      handler: ({ body }) => auth.staffLogin(body.username, body.password),
    }),
    route('auth.refresh', { before: [loginLimiter], handler: ({ body }) => auth.refresh(body.refreshToken) }),
    route('auth.logout', { handler: ({ body }) => auth.logout(body.refreshToken) }),
    route('auth.me', { handler: ({ principal }) => auth.account(principal.accountId) }),
    route('auth.staffMe', { handler: ({ principal }) => auth.staffMe(principal.staffId) }),
    route('auth.changePassword', {
      before: [loginLimiter],
      handler: ({ principal, body, ctx }) =>
        auth.changePassword(actorOf(ctx), principal.staffId, ctx.state.sessionId!, body),
    }),
  ];
}
