import type { Actor } from '../../core/actor';
import type { PlacesAddedCallback, SchedulingDeps } from './scheduling.deps';
import {
  createException,
  deleteException,
  type ExceptionFilter,
  type ExceptionInput,
  listExceptions,
} from './use-cases/exceptions';
import { generate, generateWindow } from './use-cases/generate-window';
import {
  createTemplate,
  listTemplates,
  type TemplateFilter,
  type TemplateInput,
  type TemplatePatch,
  updateTemplate,
} from './use-cases/rosters';
import { sessionDetail } from './use-cases/session-detail';
import { listSessions, type SessionsQuery } from './use-cases/sessions';
import { listSlots, type SlotsQuery } from './use-cases/slots';

export type { PlacesAddedCallback } from './scheduling.deps';
export { KEPT_REASONS } from './use-cases/regenerate';
export { MAX_SLOT_RANGE_DAYS } from './use-cases/slots';

/**
 * Rosters, their exceptions, and the sessions and slots generated from them. A façade: each function is a use
 * case in use-cases/, which takes these dependencies first.
 */
export function createSchedulingService(
  wiring: Omit<SchedulingDeps, 'onPlacesAdded'> & { onPlacesAdded?: PlacesAddedCallback },
) {
  const deps: SchedulingDeps = { ...wiring, onPlacesAdded: wiring.onPlacesAdded ?? (async () => undefined) };
  return {
    generateWindow: (now?: Date) => generateWindow(deps, now),
    generate: (actor: Actor) => generate(deps, actor),
    // ---- templates
    listTemplates: (filter: TemplateFilter) => listTemplates(deps, filter),
    createTemplate: (actor: Actor, input: TemplateInput) => createTemplate(deps, actor, input),
    updateTemplate: (actor: Actor, id: string, patch: TemplatePatch) =>
      updateTemplate(deps, actor, id, patch),
    // ---- exceptions
    listExceptions: (filter: ExceptionFilter) => listExceptions(deps, filter),
    createException: (actor: Actor, input: ExceptionInput) => createException(deps, actor, input),
    deleteException: (actor: Actor, id: string) => deleteException(deps, actor, id),
    // ---- availability
    listSlots: (query: SlotsQuery) => listSlots(deps, query),
    // ---- sessions (staff)
    listSessions: (query: SessionsQuery) => listSessions(deps, query),
    sessionDetail: (id: string) => sessionDetail(deps, id),
  };
}

export type SchedulingService = ReturnType<typeof createSchedulingService>;
