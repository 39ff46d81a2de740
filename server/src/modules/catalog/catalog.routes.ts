import { actorOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

/** The public catalog, and the administration of departments, doctors, rooms and exam types. */
export function catalogRoutes({ catalog }: Services) {
  const items = async <T>(p: Promise<T[]>) => ({ items: await p });
  return [
    // ---- public
    route('catalog.hospital', { handler: () => catalog.getHospital() }),
    route('catalog.notices', { handler: () => items(catalog.notices()) }),
    route('catalog.departments', { handler: () => items(catalog.listDepartments()) }),
    route('catalog.departmentDoctors', {
      handler: ({ params }) => items(catalog.listDoctors({ departmentId: params.id })),
    }),
    route('catalog.doctor', { handler: ({ params }) => catalog.getDoctor(params.id) }),
    route('catalog.examTypes', { handler: () => items(catalog.listExamTypes()) }),
    route('catalog.examType', { handler: ({ params }) => catalog.getExamType(params.code) }),
    route('catalog.search', { handler: ({ query }) => catalog.search(query.q) }),

    // ---- administration (scheduler, admin); every change is audited by the service
    route('catalog.adminHospital', { handler: () => catalog.getHospital() }),
    route('catalog.updateHospital', {
      handler: ({ body, ctx }) => catalog.updateHospital(actorOf(ctx), body),
    }),
    route('catalog.adminDepartments', {
      handler: ({ query }) => items(catalog.listDepartments(query.includeInactive)),
    }),
    route('catalog.createDepartment', {
      handler: ({ body, ctx }) => catalog.createDepartment(actorOf(ctx), body),
    }),
    route('catalog.updateDepartment', {
      handler: ({ params, body, ctx }) => catalog.updateDepartment(actorOf(ctx), params.id, body),
    }),
    route('catalog.adminDoctors', {
      handler: ({ query }) => items(catalog.listDoctors({ includeInactive: query.includeInactive })),
    }),
    route('catalog.createDoctor', { handler: ({ body, ctx }) => catalog.createDoctor(actorOf(ctx), body) }),
    route('catalog.updateDoctor', {
      handler: ({ params, body, ctx }) => catalog.updateDoctor(actorOf(ctx), params.id, body),
    }),
    route('catalog.rooms', { handler: ({ query }) => items(catalog.listRooms(query.includeInactive)) }),
    route('catalog.createRoom', { handler: ({ body, ctx }) => catalog.createRoom(actorOf(ctx), body) }),
    route('catalog.updateRoom', {
      handler: ({ params, body, ctx }) => catalog.updateRoom(actorOf(ctx), params.id, body),
    }),
    route('catalog.adminExamTypes', {
      handler: ({ query }) => items(catalog.listExamTypes(query.includeInactive)),
    }),
    route('catalog.createExamType', {
      handler: ({ body, ctx }) => catalog.createExamType(actorOf(ctx), body),
    }),
    route('catalog.updateExamType', {
      handler: ({ params, body, ctx }) => catalog.updateExamType(actorOf(ctx), params.id, body),
    }),
  ];
}
