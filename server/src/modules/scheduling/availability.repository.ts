import type { SessionPeriod } from '@hospital/shared';
import { dateValue } from '@hospital/shared';
import type { DbClient } from '../../db/client';
import { Prisma } from '../../db/generated/client';

/** One row of the availability listing (snake_case straight from SQL). */
export interface AvailableSlotRow {
  id: string;
  session_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
  /** YYYY-MM-DD (formatted in SQL, so both drivers return the same). */
  date: string;
  period: SessionPeriod;
  fee_fen: number;
  suspended_at: Date | null;
  suspend_reason: string | null;
  department_id: string;
  doctor_id: string | null;
  doctor_name: string | null;
  doctor_name_en: string | null;
  exam_type_id: string | null;
  exam_type_name: string | null;
  exam_type_name_en: string | null;
  /** PENDING_PAYMENT bookings of the slot whose hold ran out but that the expiry job has not closed yet. */
  lapsed_holds: number;
  waiting: number;
}

const sessionListInclude = {
  department: { select: { name: true } },
  doctor: { select: { name: true, nameEn: true } },
  examType: { select: { name: true, nameEn: true } },
  room: { select: { name: true } },
} as const;
export type SessionListRow = Prisma.ClinicSessionGetPayload<{ include: typeof sessionListInclude }>;

/** The read side of scheduling: the patients' availability listing and the staff's day of sessions. */
export function availabilityRepository(db: DbClient) {
  return {
    /**
     * Every slot of active departments, doctors and exam types in a date range, with what the availability
     * rule needs, in one statement: lapsed holds and waitlist length are correlated sub-queries served by the
     * booking (slot_id, profile_id) partial index and the waitlist (session_id, status, created_at) index.
     */
    availableSlots(filter: {
      from: string;
      to: string;
      now: Date;
      departmentId?: string;
      doctorId?: string;
      examTypeCode?: string;
    }): Promise<AvailableSlotRow[]> {
      const conditions = [
        Prisma.sql`cs.date BETWEEN ${filter.from}::date AND ${filter.to}::date`,
        Prisma.sql`dep.active`,
        Prisma.sql`(cs.doctor_id IS NULL OR d.active)`,
        Prisma.sql`(cs.exam_type_id IS NULL OR e.active)`,
      ];
      if (filter.departmentId) conditions.push(Prisma.sql`cs.department_id = ${filter.departmentId}::uuid`);
      if (filter.doctorId) conditions.push(Prisma.sql`cs.doctor_id = ${filter.doctorId}::uuid`);
      if (filter.examTypeCode) conditions.push(Prisma.sql`e.code = ${filter.examTypeCode}`);
      return db.$queryRaw<AvailableSlotRow[]>`
        SELECT s.id, s.session_id, s.starts_at, s.ends_at, s.capacity, s.booked,
               to_char(cs.date, 'YYYY-MM-DD') AS date, cs.period::text AS period, cs.fee_fen, cs.suspended_at, cs.suspend_reason,
               cs.department_id, cs.doctor_id, d.name AS doctor_name, d.name_en AS doctor_name_en,
               cs.exam_type_id, e.name AS exam_type_name, e.name_en AS exam_type_name_en,
               (SELECT count(*) FROM booking b
                 WHERE b.slot_id = s.id AND b.status = 'PENDING_PAYMENT'
                   AND b.hold_expires_at <= ${filter.now})::int AS lapsed_holds,
               (SELECT count(*) FROM waitlist_entry w
                 WHERE w.session_id = cs.id AND w.status = 'WAITING')::int AS waiting
          FROM slot s
          JOIN clinic_session cs ON cs.id = s.session_id
          JOIN department dep ON dep.id = cs.department_id
          LEFT JOIN doctor d ON d.id = cs.doctor_id
          LEFT JOIN exam_type e ON e.id = cs.exam_type_id
         WHERE ${Prisma.join(conditions, ' AND ')}
         ORDER BY s.starts_at, cs.department_id, d.name NULLS LAST, e.name NULLS LAST, s.id`;
    },

    // ---- sessions (staff view)
    async sessionsOn(filter: {
      date: string;
      departmentId?: string;
      doctorId?: string;
      examTypeId?: string;
    }) {
      const sessions = await db.clinicSession.findMany({
        where: {
          date: dateValue(filter.date),
          departmentId: filter.departmentId,
          doctorId: filter.doctorId,
          examTypeId: filter.examTypeId,
        },
        include: sessionListInclude,
        orderBy: [{ startsAt: 'asc' }, { departmentId: 'asc' }, { id: 'asc' }],
      });
      const ids = sessions.map((s) => s.id);
      const [totals, waiting] = ids.length
        ? await Promise.all([
            db.slot.groupBy({
              by: ['sessionId'],
              where: { sessionId: { in: ids } },
              _count: { _all: true },
              _sum: { capacity: true, booked: true, extra: true },
            }),
            db.waitlistEntry.groupBy({
              by: ['sessionId'],
              where: { sessionId: { in: ids }, status: 'WAITING' },
              _count: { _all: true },
            }),
          ])
        : [[], []];
      return { sessions, totals, waiting };
    },
    /**
     * One session, its slots, and per slot the live bookings by kind: booked (paid or free, in the slot's
     * capacity), held (unpaid, hold still running) and 加号 (beyond capacity). A hold that has lapsed is not
     * counted: its place is free again for the patients (the expiry job closes it).
     */
    async sessionDetail(id: string, now: Date) {
      const session = await db.clinicSession.findUnique({ where: { id }, include: sessionListInclude });
      if (!session) return null;
      const [slots, live, waiting] = await Promise.all([
        db.slot.findMany({
          where: { sessionId: id },
          orderBy: { startsAt: 'asc' },
          select: { id: true, startsAt: true, endsAt: true, capacity: true },
        }),
        db.booking.groupBy({
          by: ['slotId', 'status', 'isExtra'],
          where: {
            sessionId: id,
            OR: [
              { status: { in: ['CONFIRMED', 'CHECKED_IN', 'COMPLETED'] } },
              { status: 'PENDING_PAYMENT', holdExpiresAt: { gt: now } },
            ],
          },
          _count: { _all: true },
        }),
        db.waitlistEntry.count({ where: { sessionId: id, status: 'WAITING' } }),
      ]);
      return { session, slots, live, waiting };
    },
  };
}
