import {
  deepMerge,
  type departmentCreateRequest,
  type departmentUpdateRequest,
  type doctorCreateRequest,
  type doctorUpdateRequest,
  type examTypeCreateRequest,
  type examTypeUpdateRequest,
  fieldError,
  guidanceFieldsOf,
  type HospitalRules,
  type HospitalUpdate,
  hospitalRulesSchema,
  type roomCreateRequest,
  type roomUpdateRequest,
} from '@hospital/shared';
import type { z } from 'zod';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, notFound } from '../../core/errors';
import type { Db, DbClient } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import {
  presentDepartment,
  presentDoctor,
  presentExamType,
  presentHospital,
  presentRoom,
} from './catalog.presenter';
import { type CatalogRepository, catalogRepository } from './catalog.repository';
import { searchCatalog } from './catalog-search';
import { assertGuidanceConsistent } from './exam-guidance';

/** The hospital's identity and rules, as other domains need them. */
export interface HospitalContext {
  id: string;
  timeZone: string;
  rules: HospitalRules;
}

/** How long a parsed hospital context is reused (other instances see a rule change within this). */
export const CONTEXT_TTL_MS = 5_000;

export function createCatalogService(deps: {
  db: Db;
  audit: AuditService;
  clock: Clock;
  hospitalCode?: string;
}) {
  const { db, audit, clock } = deps;
  const repo = catalogRepository(db);

  /** `client`: the caller's transaction, when it has one (PGlite has a single connection to share). */
  async function hospitalRow(client: DbClient = db) {
    const h = await catalogRepository(client).currentHospital(deps.hospitalCode);
    if (!h)
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        '医院信息尚未初始化，请先运行 npm run seed 或在管理后台创建医院',
      );
    return h;
  }

  /** Runs a catalog change and its audit record in one transaction. */
  function audited<Row extends { id: string }>(
    actor: Actor,
    entityType: string,
    work: (repo: CatalogRepository) => Promise<{ before: Row | null; after: Row }>,
  ): Promise<Row> {
    return db.$transaction(async (tx) => {
      const { before, after } = await work(catalogRepository(tx));
      // Only the record's own columns: not joined names or computed counts.
      const snapshot = ({
        department: _d,
        doctorCount: _c,
        ...rest
      }: Row & { department?: unknown; doctorCount?: unknown }) => rest;
      await audit.record(tx, actor, {
        action: `${entityType}.${before ? 'update' : 'create'}`,
        entityType,
        entityId: after.id,
        before: before ? snapshot(before) : null,
        after: snapshot(after),
      });
      return after;
    });
  }

  /** Loads the row to change or answers 404. */
  async function existing<Row>(row: Promise<Row | null>, what: string): Promise<Row> {
    const found = await row;
    if (!found) throw notFound(what);
    return found;
  }

  async function registrationFees() {
    return (await hospitalContext()).rules.fees.registrationFen;
  }

  /** The pediatric age and the like, which the answers' `restrictions` are resolved with. */
  async function eligibilityRules() {
    return (await hospitalContext()).rules.eligibility;
  }

  /** A changed age range must stay a range with what is stored (a create is checked by its schema). */
  function checkAgeRange(
    before: { minAge: number | null; maxAge: number | null },
    input: { minAge?: number | null; maxAge?: number | null },
  ) {
    const minAge = input.minAge !== undefined ? input.minAge : before.minAge;
    const maxAge = input.maxAge !== undefined ? input.maxAge : before.maxAge;
    if (minAge !== null && maxAge !== null && minAge > maxAge) {
      const message = fieldError('ageRange');
      throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.maxAge', message }]);
    }
  }

  /**
   * The hospital's id, zone and parsed rules — read on every booking and listing, changed a few times a year —
   * kept for CONTEXT_TTL_MS. A change made here is seen at once (the cache is dropped after its commit); one
   * made on another instance within CONTEXT_TTL_MS.
   */
  let cached: { until: number; value: HospitalContext } | undefined;
  async function hospitalContext(client?: DbClient): Promise<HospitalContext> {
    if (cached && performance.now() < cached.until) return cached.value;
    const h = await hospitalRow(client);
    const value = { id: h.id, timeZone: h.timeZone, rules: hospitalRulesSchema.parse(h.rules ?? {}) };
    cached = { until: performance.now() + CONTEXT_TTL_MS, value };
    return value;
  }

  return {
    hospitalContext,

    async getHospital() {
      return presentHospital(await hospitalRow());
    },

    async updateHospital(actor: Actor, patch: HospitalUpdate) {
      const { id } = await hospitalRow();
      const updated = await audited(actor, 'hospital', async (r) => {
        await r.lockHospital(id); // two admins editing rules at once must not lose each other's change
        const before = await existing(r.currentHospital(deps.hospitalCode), '医院');
        const { rules: rulesPatch, ...fields } = patch;
        const merged = deepMerge(hospitalRulesSchema.parse(before.rules ?? {}), rulesPatch);
        const rules = hospitalRulesSchema.safeParse(merged);
        if (!rules.success) {
          const details = rules.error.issues.map((i) => ({
            path: ['body', 'rules', ...i.path].join('.'),
            message: i.message,
          }));
          throw new AppError('VALIDATION_FAILED', details[0]?.message, details);
        }
        const after = await r.updateHospital(id, { ...fields, rules: rules.data });
        return { before, after };
      });
      cached = undefined;
      return presentHospital(updated);
    },

    async notices() {
      const { id } = await hospitalRow();
      const rows = await repo.activeNotices(id, clock.now());
      return rows.map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        publishedAt: n.publishedAt.toISOString(),
      }));
    },

    /** The home page's search box (catalog-search.ts). */
    async search(q: string) {
      return searchCatalog(repo, (await hospitalContext()).id, q);
    },

    // ---- departments
    async listDepartments(includeInactive = false) {
      const { id } = await hospitalRow();
      const eligibility = await eligibilityRules();
      return (await repo.listDepartments(id, includeInactive)).map((d) => presentDepartment(d, eligibility));
    },
    async getDepartment(id: string) {
      return presentDepartment(await existing(repo.findDepartment(id), '科室'), await eligibilityRules());
    },
    async createDepartment(actor: Actor, input: z.output<typeof departmentCreateRequest>) {
      const { id: hospitalId } = await hospitalRow();
      const row = await audited(actor, 'department', async (r) => ({
        before: null,
        after: await r.createDepartment({ ...input, hospitalId }),
      }));
      return presentDepartment({ ...row, doctorCount: 0 }, await eligibilityRules());
    },
    async updateDepartment(actor: Actor, id: string, input: z.output<typeof departmentUpdateRequest>) {
      await audited(actor, 'department', async (r) => {
        const before = await existing(r.findDepartment(id), '科室');
        checkAgeRange(before, input);
        return { before, after: await r.updateDepartment(id, input) };
      });
      return this.getDepartment(id);
    },

    // ---- doctors
    async listDoctors(opts: { departmentId?: string; includeInactive?: boolean } = {}) {
      if (opts.departmentId) {
        const department = await existing(repo.findDepartment(opts.departmentId), '科室');
        if (!department.active && !opts.includeInactive) throw notFound('科室');
      }
      const fees = await registrationFees();
      const rows = await repo.listDoctors({
        departmentId: opts.departmentId,
        includeInactive: !!opts.includeInactive,
      });
      const eligibility = await eligibilityRules();
      return rows.map((d) => presentDoctor(d, fees, eligibility));
    },
    async getDoctor(id: string, opts: { includeInactive?: boolean } = {}) {
      const row = await existing(repo.findDoctor(id), '医生');
      if (!(row.active && row.department.active) && !opts.includeInactive) throw notFound('医生');
      return presentDoctor(row, await registrationFees(), await eligibilityRules());
    },
    async createDoctor(actor: Actor, input: z.output<typeof doctorCreateRequest>) {
      const row = await audited(actor, 'doctor', async (r) => ({
        before: null,
        after: await r.createDoctor(input),
      }));
      return presentDoctor(row, await registrationFees(), await eligibilityRules());
    },
    async updateDoctor(actor: Actor, id: string, input: z.output<typeof doctorUpdateRequest>) {
      const row = await audited(actor, 'doctor', async (r) => {
        const before = await existing(r.findDoctor(id), '医生');
        checkAgeRange(before, input);
        return { before, after: await r.updateDoctor(id, input) };
      });
      return presentDoctor(row, await registrationFees(), await eligibilityRules());
    },

    // ---- rooms
    async listRooms(includeInactive = false) {
      return (await repo.listRooms(includeInactive)).map(presentRoom);
    },
    async createRoom(actor: Actor, input: z.output<typeof roomCreateRequest>) {
      return presentRoom(
        await audited(actor, 'room', async (r) => ({ before: null, after: await r.createRoom(input) })),
      );
    },
    async updateRoom(actor: Actor, id: string, input: z.output<typeof roomUpdateRequest>) {
      const row = await audited(actor, 'room', async (r) => ({
        before: await existing(r.findRoom(id), '诊室/窗口'),
        after: await r.updateRoom(id, input),
      }));
      return presentRoom(row);
    },

    // ---- exam types
    async listExamTypes(includeInactive = false) {
      const eligibility = await eligibilityRules();
      return (await repo.listExamTypes(includeInactive)).map((e) => presentExamType(e, eligibility));
    },
    async getExamType(code: string, opts: { includeInactive?: boolean } = {}) {
      const row = await existing(repo.findExamTypeByCode(code), '检查项目');
      if (!row.active && !opts.includeInactive) throw notFound('检查项目');
      return presentExamType(row, await eligibilityRules());
    },
    async createExamType(actor: Actor, input: z.output<typeof examTypeCreateRequest>) {
      assertGuidanceConsistent(input);
      const row = await audited(actor, 'exam_type', async (r) => ({
        before: null,
        after: await r.createExamType(input),
      }));
      return presentExamType(row, await eligibilityRules());
    },
    async updateExamType(actor: Actor, id: string, input: z.output<typeof examTypeUpdateRequest>) {
      const row = await audited(actor, 'exam_type', async (r) => {
        const before = await existing(r.findExamType(id), '检查项目');
        checkAgeRange(before, input);
        const water = {
          waterMl: input.waterMl !== undefined ? input.waterMl : before.waterMl,
          minutes:
            input.waterMinutesBefore !== undefined ? input.waterMinutesBefore : before.waterMinutesBefore,
        };
        if ((water.waterMl === null) !== (water.minutes === null)) {
          const message = fieldError('waterTogether');
          throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.waterMinutesBefore', message }]);
        }
        assertGuidanceConsistent(guidanceFieldsOf(before, input));
        return { before, after: await r.updateExamType(id, input) };
      });
      return presentExamType(row, await eligibilityRules());
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
