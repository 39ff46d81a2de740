import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { fixedClock } from '../../server/src/core/clock';
import { createTestApp, type TestApp } from '../support/app';
import { TEST_DB_KIND } from '../support/db';
import { createSession, patientWithProfile, residentId } from '../support/factories';

/**
 * OpenAPI-driven fuzzing: for every operation of GET /api/openapi.json, and every field of its path, query and
 * body, malformed values (wrong types, huge strings, NUL, lone surrogates, dates the database refuses,
 * out-of-range numbers, extra fields, arrays for objects, null, deep nesting, bad uuids, bad JSON text, wrong
 * content types and encodings) sent as an anonymous caller, a patient and an admin.
 *
 * It fails on any 5xx, on any 4xx without `error.code`, on a malformed request that was accepted, and on a
 * malformed request that changed the database (every table is hashed before and after each operation's
 * requests). Every value is drawn from a PRNG with a fixed seed, so a run is reproducible: a failure lists the
 * operation, the input and the answer.
 *
 * The requests go through node:http on a listening server (one keep-alive connection) rather than supertest:
 * that sends the exact bytes (bodies on GET and DELETE, bad Content-Encoding, invalid UTF-8) and is fast enough
 * for thousands of requests.
 *
 * `FUZZ_REPORT=/tmp/fuzz.txt` writes every failure to that file (the test message shows the first 80).
 *
 * Nothing is skipped: the request that would legitimately change data — the operation's valid baseline — is
 * never sent; only inputs the contract refuses are ("invalid", must be 4xx), plus a few valid-but-odd inputs
 * ("odd": random valid-looking ids that point at nothing, boundary dates and page numbers on reads), which may
 * be 2xx but never 5xx and never write.
 */

const SEED = 0x2026_1123;
const clock = fixedClock('2026-11-23T02:00:00Z'); // Monday 10:00 in Asia/Shanghai
const TODAY = '2026-11-23';
const TOMORROW = '2026-11-24';

type Who = 'anonymous' | 'patient' | 'admin';
type Kind = 'invalid' | 'odd';

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  items?: Schema;
  default?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Op {
  method: string;
  /** OpenAPI path, `/api/v1/bookings/{id}`. */
  path: string;
  key: string;
  operation: Operation;
  authorized: Set<Who>;
}

interface Case {
  label: string;
  kind: Kind;
  /** The path with its params filled in and already encoded, plus the encoded query string. */
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as UTF-8 with Content-Type: application/json unless `headers` says otherwise. */
  body?: string | Buffer;
  /** Leave out Content-Length (chunked transfer encoding). */
  chunked?: boolean;
}

interface Answer {
  status: number;
  text: string;
  json?: { error?: { code?: unknown } };
}

// ---- deterministic randomness

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function sample<T>(items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
/** A well-formed random v4 uuid: valid input that points at nothing. */
const randomUuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
// ---- the app

let t: TestApp;
let port: number;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let doc: {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const tokens: Partial<Record<Who, string>> = {};
/** Ids of real records, so that requests reach the code behind validation. */
const known: Record<string, string> = {};
let refreshToken = '';
let requests = 0;

function send(method: string, c: Case, who: Who): Promise<Answer> {
  requests++;
  const headers: Record<string, string> = { ...c.headers };
  const token = tokens[who];
  if (token && !('Authorization' in headers)) headers.Authorization = `Bearer ${token}`;
  const body = typeof c.body === 'string' ? Buffer.from(c.body, 'utf8') : c.body;
  if (body !== undefined && !('Content-Type' in headers)) headers['Content-Type'] = 'application/json';
  if (body !== undefined && !c.chunked) headers['Content-Length'] = String(body.length);
  // Node's client frames a GET or DELETE body only when told to.
  if (body !== undefined && c.chunked) headers['Transfer-Encoding'] = 'chunked';
  // A body the server refuses unread (too large, undecodable) must not be read as the next request.
  if (body !== undefined && (body.length > 50_000 || 'Content-Encoding' in headers))
    headers.Connection = 'close';
  for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: method.toUpperCase(), path: c.url, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Answer['json'];
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined && c.chunked) {
      req.write(body.subarray(0, 1));
      req.end(body.subarray(1));
    } else req.end(body);
  });
}

/** Every table's row count and a hash of its rows: one query, on PGlite and PostgreSQL alike. */
let snapshotSql = '';
async function snapshot(): Promise<Record<string, string>> {
  if (!snapshotSql) {
    const tables = await t.db.sql.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('rate_limit', '_prisma_migrations') ORDER BY 1`,
    );
    expect(tables.length).toBeGreaterThan(15);
    snapshotSql = tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS state FROM "${name}" x`,
      )
      .join(' UNION ALL ');
  }
  const rows = await t.db.sql.query<{ name: string; state: string }>(snapshotSql);
  return Object.fromEntries(rows.map((r) => [r.name, r.state]));
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  ({ port } = await t.listen());
  doc = (await t.http.get('/api/openapi.json').expect(200)).body;

  // Callers, and real records for path params and body references.
  const patient = await patientWithProfile(t, 'fuzz-patient', 901);
  tokens.patient = patient.token;
  known.profileId = patient.profileId;
  const admin = await t.http
    .post('/api/v1/auth/staff/login')
    .send({ username: 'admin', password: 'demo1234' })
    .expect(200);
  tokens.admin = admin.body.accessToken;
  refreshToken = admin.body.refreshToken;

  const prisma = t.db.prisma;
  const doctor = await prisma.doctor.findUniqueOrThrow({ where: { code: 'D001' } });
  known.doctorId = doctor.id;
  known.departmentId = doctor.departmentId;
  known.roomId = (await prisma.room.findFirstOrThrow({ orderBy: { code: 'asc' } })).id;
  const exam = await prisma.examType.findFirstOrThrow({ orderBy: { code: 'asc' } });
  known.examTypeId = exam.id;
  known.examTypeCode = exam.code;
  known.templateId = (await prisma.rosterTemplate.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;
  const { session, slots } = await createSession(t.db, {
    doctorCode: 'D001',
    date: TOMORROW,
    start: '14:00',
    period: 'PM',
    slots: 3,
  });
  known.sessionId = session.id;
  known.slotId = slots[1]!.id;
  const booking = await t.http
    .post('/api/v1/bookings')
    .set({ Authorization: `Bearer ${tokens.patient}` })
    .send({ slotId: slots[0]!.id, profileId: known.profileId })
    .expect(201);
  known.bookingId = booking.body.id;
  const pay = await t.http
    .post(`/api/v1/bookings/${known.bookingId}/pay`)
    .set({ Authorization: `Bearer ${tokens.patient}` })
    .expect(200);
  known.orderNo = pay.body.order.orderNo;
  // Written straight to the database: through the API it would regenerate the doctor's window (seconds).
  const exception = await prisma.rosterException.create({
    data: { doctorId: doctor.id, date: new Date('2026-11-27T00:00:00Z'), kind: 'DAY_OFF', reason: '会议' },
  });
  known.exceptionId = exception.id;
}, 120_000);

afterAll(async () => {
  agent.destroy();
  await t.close();
});

// ---- reading the document

function resolve(schema: Schema | undefined): { schema: Schema; nullable: boolean } {
  let s: Schema = schema ?? {};
  let nullable = false;
  for (let i = 0; i < 10; i++) {
    if (s.$ref) {
      s = doc.components.schemas[s.$ref.replace('#/components/schemas/', '')]!;
      continue;
    }
    const branches = s.anyOf ?? s.oneOf;
    if (branches) {
      nullable ||= branches.some((b) => b.type === 'null');
      s = branches.find((b) => b.type !== 'null') ?? {};
      continue;
    }
    if (s.allOf?.length === 1) {
      s = s.allOf[0]!;
      continue;
    }
    break;
  }
  const types = typesOf(s);
  nullable ||= types.includes('null') || (s.enum?.includes(null) ?? false);
  return { schema: s, nullable };
}

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  if (s.enum) return [typeof s.enum.find((v) => v !== null)];
  return [];
}
const mainType = (s: Schema) => typesOf(s).find((x) => x !== 'null') ?? 'unknown';

/**
 * Who may call an operation, from its description (`Public`, `Access: patient`, `Access: staff roles …`, or
 * an action of the policy table, which names whether patients hold it). The callers outside it are refused before
 * validation, so they get a sample of the cases; those inside get every case.
 */
function authorizedFor(operation: Operation): Set<Who> {
  const d = operation.description ?? '';
  if (d === 'Public') return new Set(['anonymous', 'patient', 'admin']);
  if (d === 'Access: patient') return new Set(['patient']);
  if (d === 'Access: staff' || d.startsWith('Access: staff roles')) return new Set(['admin']);
  // An action of the policy table: `Access: booking.read — patient (own records); staff roles admin, …`.
  return new Set(d.includes('patient (own records)') ? ['patient', 'admin'] : ['admin']);
}

// ---- valid baselines (never sent as they are)

/** Field values that satisfy the contract's refinements, which JSON Schema cannot express. */
function fieldValue(name: string): unknown {
  const values: Record<string, unknown> = {
    code: `FZ${hex(6).toUpperCase()}`,
    name: '模糊测试',
    phone: '13800138000',
    timeZone: 'Asia/Shanghai',
    username: 'admin',
    password: 'demo1234',
    refreshToken,
    reason: '临时停诊测试',
    extraReason: '病情需要',
    startTime: '08:00',
    endTime: '12:00',
    releaseTime: '07:00',
    date: TOMORROW,
    from: TODAY,
    to: TOMORROW,
    birthDate: '1980-01-01',
  };
  if (name in values) return values[name];
  const ids: Record<string, string> = {
    slotId: known.slotId!,
    profileId: known.profileId!,
    sessionId: known.sessionId!,
    departmentId: known.departmentId!,
    doctorId: known.doctorId!,
    examTypeId: known.examTypeId!,
    roomId: known.roomId!,
  };
  return ids[name];
}

/** Whole bodies and queries where refinements tie fields together. */
function baselineFor(op: Op, where: 'body' | 'query'): Record<string, unknown> | undefined {
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/v1/auth/wechat': { code: 'dev:fuzz-login' },
    'POST /api/v1/me/profiles': {
      name: '模糊测试',
      idType: 'RESIDENT_ID',
      idNumber: residentId(902),
      phone: '13800138000',
      relationship: 'CHILD',
    },
    'PATCH /api/v1/me/profiles/{id}': { name: '模糊测试' },
    'POST /api/v1/staff/bookings': { slotId: known.slotId, channel: 'WINDOW', profileId: known.profileId },
    'POST /api/v1/admin/rosters': {
      doctorId: known.doctorId,
      weekday: 7,
      period: 'EVENING',
      startTime: '19:00',
      endTime: '20:00',
      slotMinutes: 30,
      capacityPerSlot: 1,
    },
    'POST /api/v1/admin/rosters/exceptions': {
      doctorId: known.doctorId,
      date: '2026-11-28',
      kind: 'DAY_OFF',
    },
    'POST /api/v1/staff/orders/{orderNo}/refund': { reason: '模糊测试退款' },
    'POST /api/v1/payments/wechat/notify': { id: 'fuzz', resource: { ciphertext: 'x' } },
    'PATCH /api/v1/admin/hospital': { name: '模糊测试医院' },
  };
  const queries: Record<string, Record<string, unknown>> = {
    'GET /api/v1/slots': { departmentId: known.departmentId, from: TODAY, to: TOMORROW },
  };
  return (where === 'body' ? bodies : queries)[op.key];
}

function valueFor(schema: Schema | undefined, name: string, depth = 0): unknown {
  const { schema: s } = resolve(schema);
  const preset = fieldValue(name);
  if (preset !== undefined) return preset;
  if (s.enum) return s.enum.find((v) => v !== null);
  switch (mainType(s)) {
    case 'string':
      if (s.format === 'uuid') return randomUuid();
      if (s.format === 'date') return TOMORROW;
      if (s.format === 'date-time') return '2026-11-23T02:00:00.000Z';
      if (s.pattern?.includes('[01]\\d')) return '09:00';
      return 'x'.repeat(Math.min(s.maxLength ?? 8, Math.max(s.minLength ?? 1, 4)));
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
      return Math.min(Math.max(min, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth < 5)
        for (const key of s.required ?? []) out[key] = valueFor(s.properties?.[key], key, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

// ---- malformed values

interface Bad {
  label: string;
  value: unknown;
  kind: Kind;
}

const NESTED = (() => {
  let v: unknown = { deepest: true };
  for (let i = 0; i < 60; i++) v = { v };
  return v;
})();

/** Values the field's contract refuses (plus, for reads, a few valid-but-odd ones). */
function malformedValues(schema: Schema | undefined, baseline: unknown, read: boolean): Bad[] {
  const { schema: s, nullable } = resolve(schema);
  const type = mainType(s);
  const out: Bad[] = [];
  const bad = (label: string, value: unknown) => out.push({ label, value, kind: 'invalid' });
  const odd = (label: string, value: unknown) => out.push({ label, value, kind: 'odd' });
  if (!nullable) bad('null', null);
  if (type !== 'object') bad('object', { a: 1 });
  if (type !== 'array') bad('array', [1, 'x']);
  if (type !== 'boolean') bad('boolean', true);
  if (type !== 'string') bad('string', 'fuzz');
  if (type !== 'integer' && type !== 'number') bad('number', 12345);
  bad('nested', NESTED);
  switch (type) {
    case 'string': {
      const base = typeof baseline === 'string' ? baseline : 'abc';
      bad('NUL appended', `${base}\u0000`);
      bad('NUL alone', '\u0000');
      bad('lone high surrogate', `${base}\ud800`);
      bad('lone low surrogate', `\udfff${base}`);
      bad('huge', 'x'.repeat(20_000));
      if (s.maxLength !== undefined) bad('one over maxLength', 'y'.repeat(s.maxLength + 1));
      if (s.format === 'uuid') {
        bad('bad uuid', 'not-a-uuid');
        bad('uuid with a bad digit', '00000000-0000-4000-8000-00000000000g');
        odd('random uuid', randomUuid());
      }
      if (s.format === 'date' || s.format === 'date-time') {
        const time = s.format === 'date' ? '' : 'T00:00:00.000Z';
        bad('year 0000', `0000-01-01${time}`);
        bad('before 1900', `1899-12-31${time}`);
        bad('year 10000', `10000-01-01${time}`);
        bad('expanded year', `+002026-01-01${time}`);
        bad('30 February', `2026-02-30${time}`);
        bad('month 13', `2026-13-01${time}`);
        if (read) {
          odd('earliest date', `1900-01-01${time}`);
          odd('latest date', `9999-12-31${time}`);
        }
      }
      if (s.enum) bad('not in the enum', 'NOT_A_VALUE');
      if (s.pattern) bad('against the pattern', '!!~~');
      break;
    }
    case 'integer':
    case 'number': {
      if (type === 'integer') bad('fraction', 1.5);
      bad('numeric string', '1');
      bad('1e308', 1e308);
      bad('-1e308', -1e308);
      if (s.maximum !== undefined) bad('maximum + 1', s.maximum + 1);
      else bad('2^53', 2 ** 53);
      if (s.minimum !== undefined) bad('minimum - 1', s.minimum - 1);
      else bad('-2^53', -(2 ** 53));
      break;
    }
    case 'boolean':
      bad('"true" as a string', 'true');
      bad('1', 1);
      break;
    case 'object':
      bad('unknown field', { ...(baseline as object), fuzzUnknown: 1 });
      break;
  }
  return out;
}

/** The same, for a query parameter (always a string on the wire); `raw` values are sent unencoded. */
function malformedQueryValues(schema: Schema, read: boolean): (Bad & { raw?: boolean })[] {
  const { schema: s } = resolve(schema);
  const type = mainType(s);
  const out: (Bad & { raw?: boolean })[] = [];
  const bad = (label: string, value: string, raw = false) => out.push({ label, value, kind: 'invalid', raw });
  const odd = (label: string, value: string) => out.push({ label, value, kind: 'odd' });
  bad('NUL', '\u0000');
  bad('NUL appended', `${String(valueFor(s, '') ?? 'a')}\u0000`);
  bad('huge', 'x'.repeat(6000));
  if (type !== 'string') bad('object notation', '{"a":1}');
  if (type === 'string') {
    if (s.maxLength !== undefined) bad('one over maxLength', 'y'.repeat(s.maxLength + 1));
    if (s.format === 'uuid') {
      bad('bad uuid', 'not-a-uuid');
      odd('random uuid', randomUuid());
    }
    if (s.format === 'date') {
      bad('year 0000', '0000-01-01');
      bad('before 1900', '1899-12-31');
      bad('year 10000', '10000-01-01');
      bad('30 February', '2026-02-30');
      if (read) {
        odd('earliest date', '1900-01-01');
        odd('latest date', '9999-12-31');
      }
    }
    if (s.enum) bad('not in the enum', 'NOT_A_VALUE');
    if (s.pattern) bad('against the pattern', '!!~~');
  }
  if (type === 'integer' || type === 'number') {
    bad('letters', 'abc');
    bad('fraction', '1.5');
    bad('empty', '');
    bad('1e400', '1e400');
    odd('hex', '0x10'); // Number('0x10') is 16: odd, but a number
    bad('20 digits', '99999999999999999999');
    if (s.minimum !== undefined) bad('minimum - 1', String(s.minimum - 1));
    if (s.maximum !== undefined) bad('maximum + 1', String(s.maximum + 1));
    else if (read) odd('largest safe integer', String(Number.MAX_SAFE_INTEGER));
  }
  if (type === 'boolean' || s.enum) bad('TRUE', 'TRUE');
  return out;
}

// ---- building requests

const fill = (path: string, params: Record<string, string>) =>
  path.replace(/\{([A-Za-z_]+)\}/g, (_, name: string) => params[name] ?? encodeURIComponent(name));

function queryString(q: Record<string, unknown>, raw: Record<string, string> = {}): string {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  for (const [k, v] of Object.entries(raw)) parts.push(`${k}=${v}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(target);
  let at = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
  return copy;
}

/** Every field of an object schema, nested groups included: `[['rules', 'booking', 'holdMinutes'], schema]`. */
function fieldsOf(schema: Schema, prefix: string[] = [], depth = 0): [string[], Schema][] {
  const { schema: s } = resolve(schema);
  const out: [string[], Schema][] = [];
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    out.push([[...prefix, key], child]);
    const r = resolve(child).schema;
    if (depth < 4 && r.properties) out.push(...fieldsOf(r, [...prefix, key], depth + 1));
  }
  return out;
}

/** Path params of real records, by the path they appear in. */
function knownParams(op: Op): Record<string, string> | undefined {
  const p = op.path;
  const id = (() => {
    if (p.startsWith('/api/v1/me/profiles/')) return known.profileId;
    if (p.startsWith('/api/v1/departments/') || p.startsWith('/api/v1/admin/departments/'))
      return known.departmentId;
    if (p.startsWith('/api/v1/doctors/') || p.startsWith('/api/v1/admin/doctors/')) return known.doctorId;
    if (p.startsWith('/api/v1/admin/rooms/')) return known.roomId;
    if (p.startsWith('/api/v1/admin/exam-types/')) return known.examTypeId;
    if (p.startsWith('/api/v1/admin/rosters/exceptions/')) return known.exceptionId;
    if (p.startsWith('/api/v1/admin/rosters/')) return known.templateId;
    if (p.startsWith('/api/v1/admin/sessions/')) return known.sessionId;
    if (p.startsWith('/api/v1/bookings/') || p.startsWith('/api/v1/staff/bookings/')) return known.bookingId;
    return undefined;
  })();
  const out: Record<string, string> = {};
  for (const param of op.operation.parameters ?? []) {
    if (param.in !== 'path') continue;
    if (param.name === 'orderNo') out.orderNo = known.orderNo!;
    else if (param.name === 'code') out.code = known.examTypeCode!;
    else if (id) out[param.name] = id;
    else return undefined;
  }
  return out;
}

/** A well-formed value for each path param that names nothing. */
function absentParams(op: Op): Record<string, string> {
  const out: Record<string, string> = {};
  for (const param of op.operation.parameters ?? []) {
    if (param.in !== 'path') continue;
    if (param.name === 'orderNo') out.orderNo = `FUZZ${hex(12)}`;
    else if (param.name === 'code') out.code = `FZ${hex(6).toUpperCase()}`;
    else out[param.name] = randomUuid();
  }
  return out;
}

const gzip = (s: string) => zlib.gzipSync(Buffer.from(s, 'utf8'));

function casesFor(op: Op): Case[] {
  const cases: Case[] = [];
  const read = op.method === 'get';
  const parameters = op.operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const bodySchema = op.operation.requestBody?.content['application/json']?.schema;
  const params = knownParams(op) ?? absentParams(op);
  const query: Record<string, unknown> = baselineFor(op, 'query') ?? {};
  const body = bodySchema
    ? ((baselineFor(op, 'body') ?? valueFor(bodySchema, '')) as Record<string, unknown>)
    : undefined;
  const base = fill(op.path, params);
  const url = base + queryString(query);
  const json = body === undefined ? undefined : JSON.stringify(body);

  // path params: garbage, and valid-looking values that name nothing
  for (const param of pathParams) {
    const garbage: [string, string][] = [
      ['letters', 'x'],
      ['NUL', '%00'],
      ['NUL appended', `${params[param.name]}%00`],
      ['broken percent-encoding', '%E0%A4%A'],
      ['encoded lone surrogate', '%ED%A0%80'],
      ['encoded slashes', '..%2F..%2Fetc%2Fpasswd'],
      ['huge', 'a'.repeat(3000)],
      ['negative number', '-1'],
      ['SQL', encodeURIComponent("1' OR '1'='1")],
      ['emoji', encodeURIComponent('😀')],
      ['uuid in braces', encodeURIComponent(`{${randomUuid()}}`)],
    ];
    for (const [label, raw] of garbage) {
      cases.push({
        label: `path ${param.name}: ${label}`,
        kind: 'invalid',
        url: fill(op.path, { ...params, [param.name]: raw }) + queryString(query),
        body: json,
      });
    }
    const absent = absentParams(op);
    cases.push({
      label: `path ${param.name}: valid-looking, names nothing`,
      kind: 'odd',
      url: fill(op.path, { ...params, [param.name]: absent[param.name]! }) + queryString(query),
      body: read ? undefined : json,
    });
    if (param.name === 'id') {
      cases.push({
        label: 'path id: nil uuid',
        kind: 'odd',
        url: fill(op.path, { ...params, id: '00000000-0000-0000-0000-000000000000' }) + queryString(query),
        body: read ? undefined : json,
      });
    }
  }

  // query: every documented parameter, then unknown and repeated ones
  for (const param of queryParams) {
    for (const v of malformedQueryValues(param.schema, read)) {
      const q = { ...query, [param.name]: v.value };
      cases.push({
        label: `query ${param.name}: ${v.label}`,
        kind: v.kind,
        url: base + queryString(q),
        body: json,
      });
    }
    cases.push({
      label: `query ${param.name}: repeated`,
      kind: 'invalid',
      url: `${base}${queryString(query, { [param.name]: 'a' })}&${param.name}=b`,
      body: json,
    });
  }
  const unknownQuery: [string, Record<string, string>][] = [
    ['unknown field', { fuzzUnknown: '1' }],
    ['NUL in a key', { '%00': '1' }],
    ['__proto__', Object.fromEntries([['__proto__', '1']])],
    ['bracket notation', { 'page%5B%5D': '1' }],
    ['broken percent-encoding', { q: '%E0%A4%A' }],
  ];
  for (const [label, raw] of unknownQuery) {
    cases.push({
      label: `query: ${label}`,
      kind: 'invalid',
      url: base + queryString(query, raw),
      body: json,
    });
  }

  // body: every field of the schema
  if (bodySchema && body) {
    for (const [path, schema] of fieldsOf(bodySchema)) {
      const current = path.reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], body);
      for (const v of malformedValues(schema, current ?? valueFor(schema, path.at(-1)!), read)) {
        cases.push({
          label: `body.${path.join('.')}: ${v.label}`,
          kind: v.kind,
          url,
          body: JSON.stringify(setPath(body, path, v.value)),
        });
      }
    }
  }

  // body: the whole of it
  const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const deepArray = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
  const whole: [string, string | Buffer, Record<string, string>?][] = [
    ['bad JSON: truncated', '{"a": '],
    ['bad JSON: trailing comma', '{"a":1,}'],
    ['bad JSON: single quotes', "{'a':1}"],
    ['bad JSON: bare word', 'undefined'],
    ['JSON null', 'null'],
    ['JSON string', '"text"'],
    ['JSON number', '12345'],
    ['JSON array', '[1,2,3]'],
    ['array of the body', `[${json ?? '{}'}]`],
    ['unknown field', JSON.stringify({ ...body, fuzzUnknown: true })],
    ['NUL in an unknown key', JSON.stringify({ ...body, 'a\u0000b': 1 })],
    ['__proto__ key', `{"__proto__":{"isAdmin":true}${json && json !== '{}' ? `,${json.slice(1)}` : '}'}`],
    ['constructor.prototype', '{"constructor":{"prototype":{"isAdmin":true}}}'],
    ['deep object', deepObject],
    ['deep array', deepArray],
    ['deep object with __proto__', `${'{"a":'.repeat(3000)}{"__proto__":1}${'}'.repeat(3000)}`],
    ['over the body limit', JSON.stringify({ ...body, pad: 'x'.repeat(150_000) })],
    [
      'invalid UTF-8',
      Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]),
    ],
    ['UTF-8 BOM and an unknown field', `\ufeff${JSON.stringify({ ...body, fuzzUnknown: 1 })}`],
    ['text/plain', json ?? '{}', { 'Content-Type': 'text/plain' }],
    ['form-encoded', 'a=1&b=2', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['multipart', '--x\r\n\r\n1\r\n--x--', { 'Content-Type': 'multipart/form-data; boundary=x' }],
    ['no content type', json ?? '{}', { 'Content-Type': '' }],
    [
      'JSON as UTF-16',
      Buffer.from(json ?? '{}', 'utf16le'),
      { 'Content-Type': 'application/json; charset=utf-16le' },
    ],
    ['vendor JSON type', json ?? '{}', { 'Content-Type': 'application/vnd.api+json' }],
    ['content-encoding gzip, not gzipped', json ?? '{}', { 'Content-Encoding': 'gzip' }],
    ['content-encoding deflate, not deflated', json ?? '{}', { 'Content-Encoding': 'deflate' }],
    ['content-encoding br, not brotli', json ?? '{}', { 'Content-Encoding': 'br' }],
    ['content-encoding unknown', json ?? '{}', { 'Content-Encoding': 'x-fuzz' }],
    ['content-encoding upper case', json ?? '{}', { 'Content-Encoding': 'GZIP' }],
    ['content-encoding list', json ?? '{}', { 'Content-Encoding': 'gzip, identity' }],
    ['content-encoding compress', json ?? '{}', { 'Content-Encoding': 'compress' }],
    ['gzip of bad JSON', gzip('{"a": '), { 'Content-Encoding': 'gzip' }],
    [
      'gzip of an unknown field',
      gzip(JSON.stringify({ ...body, fuzzUnknown: 1 })),
      { 'Content-Encoding': 'gzip' },
    ],
    ['gzip bomb', zlib.gzipSync(Buffer.alloc(5_000_000, 0x20)), { 'Content-Encoding': 'gzip' }],
  ];
  if (!bodySchema) whole.push(['unexpected body', '{"unexpected":1}'], ['empty array body', '[]']);
  else if (resolve(bodySchema).schema.required?.length) whole.push(['empty body', '']);
  for (const [label, payload, headers] of whole) {
    cases.push({ label: `body: ${label}`, kind: 'invalid', url, body: payload, headers });
  }
  cases.push({
    label: 'body: unknown field, chunked',
    kind: 'invalid',
    url,
    body: JSON.stringify({ ...body, fuzzUnknown: 1 }),
    chunked: true,
  });

  // headers: a broken token must never be a 5xx; on public routes it is just ignored
  const brokenBody = JSON.stringify({ ...body, fuzzUnknown: 1 });
  for (const [label, value] of [
    ['Bearer without a token', 'Bearer'],
    ['three dots', 'Bearer a.b.c'],
    ['Basic', 'Basic YWRtaW46ZGVtbzEyMzQ='],
    ['huge token', `Bearer ${'x'.repeat(6000)}`],
    ['latin-1 bytes', 'Bearer ÿþý'],
  ] as const) {
    cases.push({
      label: `header Authorization: ${label}`,
      kind: op.authorized.has('anonymous') ? 'odd' : 'invalid',
      url,
      headers: { Authorization: value },
      body: read ? undefined : brokenBody,
    });
  }
  if (parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key')) {
    // Only the key is odd here: the rest names nothing, so even an accepted key changes nothing.
    const nothing = absentParams(op);
    const nothingBody = body && { ...body, slotId: randomUuid() };
    for (const [label, key] of [
      ['too short', 'abc'],
      ['too long', 'k'.repeat(300)],
      ['latin-1 bytes', 'ÿÿÿÿÿÿÿÿÿÿ'],
      ['spaces', '          '],
    ] as const) {
      cases.push({
        label: `header Idempotency-Key: ${label}`,
        kind: 'odd',
        url: fill(op.path, nothing),
        headers: { 'Idempotency-Key': key },
        body: nothingBody && JSON.stringify(nothingBody),
      });
    }
  }
  for (const [label, value] of [
    ['Accept-Language garbage', 'xx-ÿÿ;q=abc'],
    ['X-Request-Id garbage', `../${'x'.repeat(500)}`],
  ] as const) {
    cases.push({
      label: `header ${label}`,
      kind: 'invalid',
      url,
      headers: { [label.split(' ')[0]!]: value },
      body: brokenBody,
    });
  }
  return cases;
}

// ---- the run

interface Failure {
  op: string;
  who: Who;
  case: Case;
  answer?: Answer;
  why: string;
}

function describeFailure(f: Failure): string {
  const body =
    f.case.body === undefined
      ? ''
      : typeof f.case.body === 'string'
        ? JSON.stringify(f.case.body.length > 300 ? `${f.case.body.slice(0, 300)}…` : f.case.body)
        : `<${f.case.body.length} bytes>`;
  const url = f.case.url.length > 200 ? `${f.case.url.slice(0, 200)}…` : f.case.url;
  const answer = f.answer ? `→ ${f.answer.status} ${f.answer.text.slice(0, 300)}` : '';
  return `${f.why}: ${f.op} as ${f.who} [${f.case.label}] ${url} ${JSON.stringify(f.case.headers ?? {})} ${body} ${answer}`;
}

function judge(answer: Answer, c: Case, who: Who, authorized: boolean): string | undefined {
  if (answer.status >= 500) return 'server error';
  if (answer.status >= 400) {
    if (typeof answer.json?.error?.code !== 'string') return '4xx without error.code';
    return undefined;
  }
  if (!authorized) return `accepted from an unauthorised caller (${who})`;
  if (c.kind === 'invalid') return 'malformed input accepted';
  return undefined;
}

test(`fuzzing every operation of the OpenAPI document answers 4xx with a code and writes nothing (${TEST_DB_KIND})`, async () => {
  const started = Date.now();
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      ops.push({
        method,
        path,
        key: `${method.toUpperCase()} ${path}`,
        operation,
        authorized: authorizedFor(operation),
      });
    }
  }
  expect(ops.length).toBeGreaterThan(50);

  const failures: Failure[] = [];
  for (const op of ops) {
    const before = await snapshot();
    const cases = casesFor(op);
    for (const who of ['anonymous', 'patient', 'admin'] as const) {
      const authorized = op.authorized.has(who);
      // An unauthorised caller is refused before validation: a sample of the cases is enough for them.
      const chosen = authorized ? cases : sample(cases, 12);
      for (const c of chosen) {
        const answer = await send(op.method, c, who);
        const why = judge(answer, c, who, authorized);
        if (why) failures.push({ op: op.key, who, case: c, answer, why });
      }
    }
    const after = await snapshot();
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    if (changed.length) {
      failures.push({
        op: op.key,
        who: 'admin',
        case: { label: `tables changed: ${changed.join(', ')}`, kind: 'invalid', url: op.path },
        why: 'malformed requests changed the database',
      });
    }
  }
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: ${requests} requests over ${ops.length} operations in ${seconds.toFixed(1)} s (seed ${SEED})`,
  );
  if (process.env.FUZZ_REPORT)
    fs.writeFileSync(process.env.FUZZ_REPORT, failures.map(describeFailure).join('\n'));
  if (failures.length) {
    const lines = failures.slice(0, 80).map(describeFailure);
    if (failures.length > 80) lines.push(`… and ${failures.length - 80} more`);
    throw new Error(`${failures.length} fuzz failures:\n${lines.join('\n')}`);
  }
  expect(requests).toBeGreaterThan(3000);
}, 300_000);
