import {
  logoutRequest,
  patientAccountSchema,
  patientTokenResponse,
  refreshRequest,
  refreshResponse,
  staffLoginRequest,
  staffMeSchema,
  staffTokenResponse,
  wechatLoginRequest,
} from '@hospital/shared';
import type { Middleware } from 'koa';
import { route } from '../../http/route';
import type { AppState } from '../../http/state';
import type { Services } from '../services';

export function authRoutes({ auth }: Services, loginLimiter: Middleware<AppState>) {
  return [
    route({
      method: 'post',
      path: '/api/v1/auth/wechat',
      summary: 'Sign in a patient with a wx.login() code (local mode: dev:<name>)',
      tags: ['auth'],
      access: 'public',
      body: wechatLoginRequest,
      response: patientTokenResponse,
      errors: ['WECHAT_CODE_INVALID', 'WECHAT_UNAVAILABLE', 'ACCOUNT_DISABLED'],
      before: [loginLimiter],
      handler: ({ body }) => auth.wechatLogin(body.code),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/staff/login',
      summary: 'Sign in a member of staff',
      tags: ['auth'],
      access: 'public',
      body: staffLoginRequest,
      response: staffTokenResponse,
      errors: ['INVALID_CREDENTIALS'],
      before: [loginLimiter],
      handler: ({ body }) => auth.staffLogin(body.username, body.password),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/refresh',
      summary:
        'Exchange a refresh token for new tokens, a new refresh token included: the one sent cannot be used ' +
        'again, and sending it again ends the sign-in (SESSION_REVOKED)',
      tags: ['auth'],
      access: 'public',
      body: refreshRequest,
      response: refreshResponse,
      errors: ['TOKEN_EXPIRED', 'TOKEN_INVALID', 'SESSION_REVOKED', 'ACCOUNT_DISABLED'],
      before: [loginLimiter],
      handler: ({ body }) => auth.refresh(body.refreshToken),
    }),
    route({
      method: 'post',
      path: '/api/v1/auth/logout',
      summary:
        'Sign out (patients and staff): ends the sign-in the refresh token belongs to, its access tokens ' +
        'included; an expired token or a second call is fine',
      tags: ['auth'],
      access: 'public',
      body: logoutRequest,
      errors: ['TOKEN_INVALID'],
      handler: ({ body }) => auth.logout(body.refreshToken),
    }),
    route({
      method: 'get',
      path: '/api/v1/me',
      summary: 'The signed-in patient account',
      tags: ['auth'],
      access: 'patient',
      response: patientAccountSchema,
      handler: ({ principal }) => auth.account(principal.accountId),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/me',
      summary: 'The signed-in member of staff, with the actions they may perform (policy action → scope)',
      tags: ['auth'],
      access: 'staff',
      response: staffMeSchema,
      handler: ({ principal }) => auth.staffMe(principal.staffId),
    }),
  ];
}
