import {
  accountDisableRequest,
  adminPatientAccountSchema,
  idParams,
  sessionsRevokedResponse,
  staffAccountList,
  staffAccountSchema,
} from '@hospital/shared';
import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

/** Admin only: accounts and their sign-ins. Every change is audited. */
export function accountsRoutes({ accounts }: Services) {
  return [
    route({
      method: 'get',
      path: '/api/v1/admin/patients/:id',
      summary: 'A patient account: sign-in status and live sessions (no personal data)',
      tags: ['admin'],
      access: 'account.manage',
      params: idParams,
      response: adminPatientAccountSchema,
      handler: ({ params }) => accounts.patient(params.id),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/patients/:id/disable',
      summary: 'Disable a patient account: no sign-in or refresh; its current tokens are refused at once',
      tags: ['admin'],
      access: 'account.manage',
      params: idParams,
      body: accountDisableRequest,
      response: adminPatientAccountSchema,
      handler: ({ params, body, ctx }) => accounts.disablePatient(actorOf(ctx), params.id, body.reason),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/patients/:id/enable',
      summary: 'Re-enable a disabled patient account (they sign in again)',
      tags: ['admin'],
      access: 'account.manage',
      params: idParams,
      response: adminPatientAccountSchema,
      handler: ({ params, ctx }) => accounts.enablePatient(actorOf(ctx), params.id),
    }),
    route({
      method: 'get',
      path: '/api/v1/admin/staff',
      summary: 'Staff accounts with their status and live sessions',
      tags: ['admin'],
      access: 'account.manage',
      response: staffAccountList,
      handler: async () => ({ items: await accounts.listStaff() }),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/staff/:id/disable',
      summary: 'Disable a staff account: sign-in refused and every session ended at once',
      tags: ['admin'],
      access: 'account.manage',
      params: idParams,
      body: accountDisableRequest,
      response: staffAccountSchema,
      handler: ({ params, body, ctx }) => accounts.disableStaff(actorOf(ctx), params.id, body.reason),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/staff/:id/enable',
      summary: 'Re-enable a staff account',
      tags: ['admin'],
      access: 'account.manage',
      params: idParams,
      response: staffAccountSchema,
      handler: ({ params, ctx }) => accounts.enableStaff(actorOf(ctx), params.id),
    }),
    route({
      method: 'post',
      path: '/api/v1/admin/staff/:id/sessions/revoke',
      summary: 'End every session of a member of staff at once (they sign in again)',
      tags: ['admin'],
      access: 'account.manage',
      params: idParams,
      response: sessionsRevokedResponse,
      handler: ({ params, ctx }) => accounts.revokeStaffSessions(actorOf(ctx), params.id),
    }),
  ];
}
