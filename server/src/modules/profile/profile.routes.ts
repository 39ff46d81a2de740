import {
  idParams,
  profileCreateRequest,
  profileListResponse,
  profileSchema,
  profileUpdateRequest,
} from '@hospital/shared';
import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

export function profileRoutes({ profiles }: Services) {
  return [
    route({
      method: 'get',
      path: '/api/v1/me/profiles',
      summary: 'My patient profiles (就诊人)',
      tags: ['profiles'],
      access: 'patient',
      response: profileListResponse,
      handler: ({ principal }) => profiles.list(principal.accountId),
    }),
    route({
      method: 'post',
      path: '/api/v1/me/profiles',
      summary: 'Add a real-name patient profile',
      tags: ['profiles'],
      access: 'patient',
      body: profileCreateRequest,
      response: profileSchema,
      status: 201,
      errors: ['PROFILE_LIMIT_REACHED', 'PROFILE_DUPLICATE_ID'],
      handler: ({ principal, body, ctx }) => profiles.create(actorOf(ctx), principal.accountId, body),
    }),
    route({
      method: 'get',
      path: '/api/v1/me/profiles/:id',
      summary: 'One of my profiles',
      tags: ['profiles'],
      access: 'patient',
      params: idParams,
      response: profileSchema,
      handler: ({ principal, params }) => profiles.get(principal.accountId, params.id),
    }),
    route({
      method: 'patch',
      path: '/api/v1/me/profiles/:id',
      summary: 'Change a profile’s name, phone or relationship (the ID number cannot change)',
      tags: ['profiles'],
      access: 'patient',
      params: idParams,
      body: profileUpdateRequest,
      response: profileSchema,
      handler: ({ principal, params, body, ctx }) =>
        profiles.update(actorOf(ctx), principal.accountId, params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/v1/me/profiles/:id',
      summary: 'Remove a profile',
      tags: ['profiles'],
      access: 'patient',
      params: idParams,
      handler: ({ principal, params, ctx }) => profiles.remove(actorOf(ctx), principal.accountId, params.id),
    }),
  ];
}
