import type { Middleware } from 'koa';
import { route } from '../../http/route';
import type { AppState } from '../../http/state';
import type { Services } from '../services';

export function authRoutes({ auth }: Services, loginLimiter: Middleware<AppState>) {
  return [
    route('auth.wechatLogin', { before: [loginLimiter], handler: ({ body }) => auth.wechatLogin(body.code) }),
    route('auth.staffLogin', {
      before: [loginLimiter],
      handler: ({ body }) => auth.staffLogin(body.username, body.password),
    }),
    route('auth.refresh', { before: [loginLimiter], handler: ({ body }) => auth.refresh(body.refreshToken) }),
    route('auth.logout', { handler: ({ body }) => auth.logout(body.refreshToken) }),
    route('auth.me', { handler: ({ principal }) => auth.account(principal.accountId) }),
    route('auth.staffMe', { handler: ({ principal }) => auth.staffMe(principal.staffId) }),
  ];
}
