import type { SessionPeriod } from '@hospital/shared';
import { dateValue } from '@hospital/shared';
import { withLocks } from '../../core/unit-of-work';
import type { DbClient } from '../../db/client';
import type { Prisma } from '../../db/generated/client';

/** Whose rosters a regeneration looks at: one doctor, one exam service, or (undefined) everyone. */
export type OwnerScope =
  | { doctorId: string; examTypeId?: undefined }
  | { examTypeId: string; doctorId?: undefined };

const ownerNames = {
  doctor: { select: { name: true } },
  examType: { select: { name: true } },
} as const;

export type TemplateRow = Prisma.RosterTemplateGetPayload<{ include: typeof ownerNames }>;
export type ExceptionRow = Prisma.RosterExceptionGetPayload<object>;

const existingSessionSelect = {
  id: true,
  doctorId: true,
  examTypeId: true,
  departmentId: true,
  roomId: true,
  templateId: true,
  date: true,
  period: true,
  startsAt: true,
  endsAt: true,
  feeFen: true,
  suspendedAt: true,
  slots: {
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      booked: true,
      // Any booking row at all, cancelled or not, pins a slot: its times are part of someone's record.
      _count: { select: { bookings: true } },
    },
    orderBy: { startsAt: 'asc' },
  },
} as const;
export type ExistingSessionRow = Prisma.ClinicSessionGetPayload<{ select: typeof existingSessionSelect }>;

/** A calendar day as Prisma's @db.Date wants it (midnight UTC of that day). */

function ownerWhere(scope?: OwnerScope) {
  if (!scope) return {};
  return scope.doctorId ? { doctorId: scope.doctorId } : { examTypeId: scope.examTypeId };
}

/** Rosters and generation; with availability.repository.ts, the only places scheduling touches Prisma. */
function schedulingRows(db: DbClient) {
  return {
    /**
     * Serialises slot generation across server instances for the rest of the transaction: the job on two
     * instances, or the job and an admin's roster change, never plan against each other's half-written rows.
     */
    async lockGeneration(): Promise<void> {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('scheduling.generate-window'))`;
    },

    // ---- owners
    findDoctor(id: string) {
      return db.doctor.findUnique({ where: { id }, select: { id: true, name: true, departmentId: true } });
    },
    findExamType(id: string) {
      return db.examType.findUnique({
        where: { id },
        select: { id: true, name: true, departmentId: true, roomId: true },
      });
    },
    findRoom(id: string) {
      return db.room.findUnique({ where: { id }, select: { id: true } });
    },
    /** Doctors and exam types whose clinics are generated: active, in an active department. */
    async activeOwners(scope?: OwnerScope) {
      const doctors =
        scope?.examTypeId !== undefined
          ? []
          : await db.doctor.findMany({
              where: { active: true, department: { active: true }, ...(scope ? { id: scope.doctorId } : {}) },
              select: { id: true, departmentId: true, feeCategory: true, feeFenOverride: true },
            });
      const examTypes =
        scope?.doctorId !== undefined
          ? []
          : await db.examType.findMany({
              where: {
                active: true,
                department: { active: true },
                ...(scope ? { id: scope.examTypeId } : {}),
              },
              select: { id: true, departmentId: true, roomId: true, feeFen: true },
            });
      return { doctors, examTypes };
    },

    // ---- templates
    listTemplates(filter: { doctorId?: string; examTypeId?: string; departmentId?: string }) {
      return db.rosterTemplate.findMany({
        where: filter,
        include: ownerNames,
        orderBy: [
          { departmentId: 'asc' },
          { doctorId: 'asc' },
          { examTypeId: 'asc' },
          { weekday: 'asc' },
          { period: 'asc' },
        ],
      });
    },
    templatesFor(scope?: OwnerScope) {
      return db.rosterTemplate.findMany({ where: { active: true, ...ownerWhere(scope) } });
    },
    findTemplate(id: string) {
      return db.rosterTemplate.findUnique({ where: { id }, include: ownerNames });
    },
    findTemplateAt(
      owner: { doctorId: string | null; examTypeId: string | null },
      weekday: number,
      period: SessionPeriod,
    ) {
      return db.rosterTemplate.findFirst({
        where: { doctorId: owner.doctorId, examTypeId: owner.examTypeId, weekday, period },
        select: { id: true },
      });
    },
    createTemplate(data: Prisma.RosterTemplateUncheckedCreateInput) {
      return db.rosterTemplate.create({ data, include: ownerNames });
    },
    updateTemplate(id: string, data: Prisma.RosterTemplateUncheckedUpdateInput) {
      return db.rosterTemplate.update({ where: { id }, data, include: ownerNames });
    },

    // ---- exceptions
    listExceptions(filter: { doctorId?: string; examTypeId?: string; from?: string; to?: string }) {
      return db.rosterException.findMany({
        where: {
          doctorId: filter.doctorId,
          examTypeId: filter.examTypeId,
          date: {
            ...(filter.from ? { gte: dateValue(filter.from) } : {}),
            ...(filter.to ? { lte: dateValue(filter.to) } : {}),
          },
        },
        orderBy: [{ date: 'asc' }, { createdAt: 'asc' }],
      });
    },
    exceptionsBetween(from: string, to: string, scope?: OwnerScope) {
      return db.rosterException.findMany({
        where: { date: { gte: dateValue(from), lte: dateValue(to) }, ...ownerWhere(scope) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
    },
    findException(id: string) {
      return db.rosterException.findUnique({ where: { id } });
    },
    findExtraSession(owner: OwnerScope, date: string, period: SessionPeriod) {
      return db.rosterException.findFirst({
        where: { ...ownerWhere(owner), date: dateValue(date), period, kind: 'EXTRA_SESSION' },
        select: { id: true },
      });
    },
    createException(data: Prisma.RosterExceptionUncheckedCreateInput) {
      return db.rosterException.create({ data });
    },
    deleteException(id: string) {
      return db.rosterException.delete({ where: { id } });
    },

    // ---- generated sessions and slots
    sessionsBetween(from: string, to: string, scope?: OwnerScope): Promise<ExistingSessionRow[]> {
      return db.clinicSession.findMany({
        where: { date: { gte: dateValue(from), lte: dateValue(to) }, ...ownerWhere(scope) },
        select: existingSessionSelect,
      });
    },
    sessionKeysBetween(from: string, to: string, scope?: OwnerScope) {
      return db.clinicSession.findMany({
        where: { date: { gte: dateValue(from), lte: dateValue(to) }, ...ownerWhere(scope) },
        select: { id: true, doctorId: true, examTypeId: true, date: true, period: true },
      });
    },
    /** Unique (owner, date, period) makes a concurrent or repeated insert a no-op rather than a duplicate. */
    async createSessions(data: Prisma.ClinicSessionCreateManyInput[]): Promise<number> {
      if (!data.length) return 0;
      return (await db.clinicSession.createMany({ data, skipDuplicates: true })).count;
    },
    updateSession(id: string, data: Prisma.ClinicSessionUncheckedUpdateInput) {
      return db.clinicSession.update({ where: { id }, data, select: { id: true } });
    },
    async createSlots(data: Prisma.SlotCreateManyInput[]): Promise<number> {
      if (!data.length) return 0;
      return (await db.slot.createMany({ data, skipDuplicates: true })).count;
    },
    slotsAt(sessionId: string, startsAt: Date[]) {
      return db.slot.findMany({
        where: { sessionId, startsAt: { in: startsAt } },
        select: { id: true, capacity: true },
      });
    },
    /** Changes a slot only while no booking refers to it; false when one appeared meanwhile. */
    async updateSlotIfUnbooked(id: string, data: { endsAt: Date; capacity: number }): Promise<boolean> {
      const { count } = await db.slot.updateMany({ where: { id, bookings: { none: {} } }, data });
      return count === 1;
    },
    /** More places on a slot that has bookings; never fewer than it has. */
    async raiseCapacity(id: string, capacity: number): Promise<boolean> {
      const { count } = await db.slot.updateMany({
        where: { id, capacity: { lt: capacity } },
        data: { capacity },
      });
      return count === 1;
    },
    /** Deletes the slots no booking refers to; returns the ids that could not go (a booking appeared). */
    async deleteSlotsIfUnbooked(ids: string[]): Promise<string[]> {
      if (!ids.length) return [];
      const { count } = await db.slot.deleteMany({ where: { id: { in: ids }, bookings: { none: {} } } });
      if (count === ids.length) return [];
      return (await db.slot.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id);
    },
    /** Removes the sessions nothing refers to any more (no slots, bookings or waitlist entries). */
    async deleteSessionsIfEmpty(ids: string[]): Promise<number> {
      if (!ids.length) return 0;
      const { count } = await db.clinicSession.deleteMany({
        where: { id: { in: ids }, slots: { none: {} }, bookings: { none: {} }, waitlist: { none: {} } },
      });
      return count;
    },
  };
}

/** Scheduling's access to the database; the generation lock only on a unit of work's transaction. */
export const schedulingRepository = withLocks(schedulingRows, ['lockGeneration'] as const);
export type SchedulingRepository = ReturnType<typeof schedulingRows>;
