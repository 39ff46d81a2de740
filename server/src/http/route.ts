import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { ERRORS, type ErrorCode, type FieldIssue, type StaffRole } from '@hospital/shared';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { AppError } from '../core/errors';
import type { IdempotencyService } from '../modules/idempotency/idempotency.service';
import {
  type Action,
  can,
  describeAction,
  isAction,
  type PatientAction,
  POLICIES,
  type Policy,
} from '../policies';
import { isEmptyBody, UNSTORABLE_TEXT, unknownQueryKeys, unstorableTextIssues } from './input';
import type { AppContext, AppState, Principal } from './state';

/**
 * Who may call a route. public: anyone; authenticated: any signed-in patient or staff; patient: patients
 * (on their own account's records); staff: any member of staff; an action of `server/src/policies`
 * (`'booking.checkIn'`): the roles its policy names, admin always. Role lists (`['clerk']`) still work but
 * new routes name an action, so that the role table lives in one place.
 */
export type Access = 'public' | 'authenticated' | 'patient' | 'staff' | Action | readonly StaffRole[];
type PatientPrincipal = Extract<Principal, { kind: 'patient' }>;
type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;
type PrincipalFor<A> = A extends 'public'
  ? Principal | undefined
  : A extends 'patient'
    ? PatientPrincipal
    : A extends 'authenticated' | PatientAction
      ? Principal
      : StaffPrincipal;
type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<A, P, Q, B> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  principal: PrincipalFor<A>;
  ctx: AppContext;
}

/**
 * One HTTP endpoint: its contract (shared zod schemas), who may call it, and the one service call it makes.
 * The same definition validates requests, checks roles, shapes the response and writes the OpenAPI
 * document, so the docs cannot drift from what the server does.
 */
export interface RouteDef<
  A extends Access = Access,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Koa-style path (`/api/v1/me/profiles/:id`). */
  path: string;
  summary: string;
  tags: string[];
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The response body schema; the result is parsed through it, so fields not in the contract never leak. */
  response?: R;
  /** 200 unless given; 204 when there is no response schema. */
  status?: number;
  /** Error codes this route can answer besides the generic ones (documented in OpenAPI). */
  errors?: ErrorCode[];
  /**
   * Accepts an `Idempotency-Key` header: a retry with the same key returns the first answer. Needs
   * `mountRoutes(…, { idempotency })`.
   */
  idempotent?: boolean;
  /** Extra middleware before the handler (e.g. the strict login rate limiter). */
  before?: Middleware<AppState>[];
  handler(input: RouteInput<A, P, Q, B>): Promise<R extends z.ZodType ? z.input<R> : unknown>;
}

/** Identity function that keeps the generic types of a route definition. */
export function route<
  A extends Access,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType | undefined = undefined,
>(def: RouteDef<A, P, Q, B, R>): RouteDef {
  return def as unknown as RouteDef;
}

function fieldIssues(where: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}

/**
 * Validates one part of the request. Before any schema: text the database cannot store (NUL, lone
 * surrogates) anywhere in it is refused, and so is a query parameter the route does not know (every one
 * when it has no query schema) or a body where it expects none.
 */
function parsePart(where: 'params' | 'query' | 'body', schema: z.ZodType | undefined, value: unknown) {
  const unstorable = unstorableTextIssues(where, value);
  if (unstorable.length) throw new AppError('VALIDATION_FAILED', UNSTORABLE_TEXT, unstorable);
  if (where === 'query') {
    const unknown = unknownQueryKeys(schema, (value ?? {}) as Record<string, unknown>);
    if (unknown.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        {
          zh: `此接口不接受查询参数 ${unknown.join('、')}，请删除后重试`,
          en: `This endpoint does not take the query parameter(s) ${unknown.join(', ')}; remove them and retry`,
        },
        unknown.map((key) => ({ path: `query.${key}`, message: '此接口不接受该查询参数，请删除' })),
      );
    }
  }
  if (!schema) {
    if (where === 'body' && !isEmptyBody(value)) {
      throw new AppError(
        'VALIDATION_FAILED',
        {
          zh: '此接口不接受请求内容，请不带请求体发送',
          en: 'This endpoint takes no request body; send the request without one',
        },
        [{ path: 'body', message: '此接口不接受请求内容' }],
      );
    }
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = fieldIssues(where, parsed.error);
  throw new AppError('VALIDATION_FAILED', details[0]?.message, details);
}

/** Checks the route's access rule against the request's principal; the error says what to do. */
export function authorize(access: Access, ctx: AppContext): Principal | undefined {
  const principal = ctx.state.principal;
  if (access === 'public') return principal;
  if (!principal) throw new AppError(ctx.state.authError ?? 'UNAUTHENTICATED');
  if (access === 'authenticated') return principal;
  if (isAction(access)) {
    if (can(principal, access)) return principal;
    const policy: Policy = POLICIES[access];
    if (principal.kind === 'patient') throw new AppError('FORBIDDEN', '此功能仅限医院工作人员使用');
    if (!policy.staff && policy.patient) throw new AppError('FORBIDDEN', '此功能仅限患者使用');
    throw new AppError('FORBIDDEN');
  }
  if (access === 'patient') {
    if (principal.kind !== 'patient') throw new AppError('FORBIDDEN', '此功能仅限患者使用');
    return principal;
  }
  if (principal.kind !== 'staff') throw new AppError('FORBIDDEN', '此功能仅限医院工作人员使用');
  if (
    access !== 'staff' &&
    !principal.roles.includes('admin') &&
    !access.some((r) => principal.roles.includes(r))
  ) {
    throw new AppError('FORBIDDEN');
  }
  return principal;
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

const errorResponse = (code: ErrorCode) => ({
  description: `${ERRORS[code].status} ${code}`,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function register(registry: OpenAPIRegistry, def: RouteDef): void {
  const codes = new Set<ErrorCode>(['VALIDATION_FAILED', 'RATE_LIMITED', ...(def.errors ?? [])]);
  if (def.access !== 'public') {
    codes.add('UNAUTHENTICATED');
    codes.add('FORBIDDEN');
  }
  if (def.params) codes.add('NOT_FOUND');
  const responses: RouteConfig['responses'] = {};
  const status = def.status ?? (def.response ? 200 : 204);
  responses[status] = def.response
    ? { description: 'OK', content: { 'application/json': { schema: def.response } } }
    : { description: 'No content' };
  for (const code of codes) {
    const key = ERRORS[code].status;
    const existing = responses[key] as { description: string } | undefined;
    if (existing) existing.description += `, ${code}`;
    else responses[key] = errorResponse(code);
  }
  const roles = def.access === 'public' ? undefined : def.access;
  registry.registerPath({
    method: def.method,
    path: openApiPath(def.path),
    summary: def.summary,
    tags: def.tags,
    description: roles
      ? `Access: ${Array.isArray(roles) ? `staff roles ${roles.join(', ')}` : isAction(roles) ? describeAction(roles) : roles}`
      : 'Public',
    security: def.access === 'public' ? [] : [{ bearer: [] }],
    request: {
      params: def.params as z.ZodObject | undefined as never,
      query: def.query as z.ZodObject | undefined as never,
      headers: def.idempotent
        ? (z.object({
            'idempotency-key': z.string().optional().meta({
              description: 'Retry-safe key (8–128 chars); a retry with the same key returns the first answer',
            }),
          }) as never)
        : undefined,
      body: def.body ? { content: { 'application/json': { schema: def.body } } } : undefined,
    },
    responses,
  });
}

function principalKey(p: Principal | undefined): string {
  if (!p) return 'anonymous';
  return p.kind === 'patient' ? `patient:${p.accountId}` : `staff:${p.staffId}`;
}

/** Mounts route definitions on a router and describes them in the OpenAPI registry. */
export function mountRoutes(
  router: Router<AppContext['state']>,
  registry: OpenAPIRegistry,
  defs: RouteDef[],
  opts: { idempotency?: IdempotencyService } = {},
): void {
  for (const def of defs) {
    register(registry, def);
    router[def.method](def.path, ...(def.before ?? []), async (ctx) => {
      const c = ctx as unknown as AppContext;
      const principal = authorize(def.access, c);
      const input = {
        params: parsePart('params', def.params, ctx.params),
        query: parsePart('query', def.query, ctx.query),
        body: parsePart('body', def.body, ctx.request.body),
        principal,
        ctx: c,
      } as RouteInput<Access, z.ZodType, z.ZodType, z.ZodType>;
      const run = async () => {
        const result = await def.handler(input as never);
        return def.response
          ? { status: def.status ?? 200, body: def.response.parse(result) as unknown }
          : { status: def.status ?? 204, body: undefined };
      };
      const key = ctx.get('idempotency-key');
      const outcome =
        def.idempotent && key && opts.idempotency
          ? await opts.idempotency.run(
              `${principalKey(principal)} ${def.method.toUpperCase()} ${def.path}`,
              key,
              { params: ctx.params, body: input.body },
              run,
            )
          : { ...(await run()), replayed: false };
      if (outcome.replayed) ctx.set('Idempotent-Replayed', 'true');
      ctx.status = outcome.status;
      if (outcome.body !== undefined && outcome.body !== null) ctx.body = outcome.body;
    });
  }
}
