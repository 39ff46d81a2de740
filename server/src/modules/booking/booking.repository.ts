import { type BookingStatus, dateString, type Sex } from '@hospital/shared';
import { withLocks } from '../../core/unit-of-work';
import type { DbClient, Prisma } from '../../db/client';
import { paginate } from '../../db/paginate';
import {
  type BookingFacts,
  type BookingFactsRow,
  bookingFactsOf,
  type LimitCode,
  type LimitQuery,
  type PlaceInput,
  type PlaceOutcome,
} from './booking-facts';

export const bookingInclude = {
  // The identity columns say who the person is across accounts (profile/person.ts: no-show suspensions).
  profile: {
    select: {
      id: true,
      name: true,
      accountId: true,
      idNumberHash: true,
      guardianIdNumberHash: true,
      birthDate: true,
    },
  },
  session: {
    select: {
      period: true,
      suspendedAt: true,
      suspendReason: true,
      department: { select: { id: true, name: true, nameEn: true, location: true } },
      doctor: { select: { id: true, name: true, nameEn: true, title: true } },
      examType: {
        select: { id: true, code: true, name: true, nameEn: true, building: true, floor: true, room: true },
      },
    },
  },
} as const;
export type BookingRow = Prisma.BookingGetPayload<{ include: typeof bookingInclude }>;

const waitlistInclude = {
  profile: { select: { id: true, name: true } },
  session: {
    select: {
      date: true,
      period: true,
      department: { select: { name: true, nameEn: true } },
      doctor: { select: { name: true, nameEn: true } },
      examType: { select: { name: true, nameEn: true } },
    },
  },
} as const;
export type WaitlistRow = Prisma.WaitlistEntryGetPayload<{ include: typeof waitlistInclude }>;

/** Who may be booked (docs/decisions/018-eligibility.md): the session's department, doctor and exam. */
const eligibilitySelect = {
  name: true,
  nameEn: true,
  allowedSex: true,
  minAge: true,
  maxAge: true,
} as const;

const sessionForBooking = {
  department: { select: { active: true, pediatric: true, ...eligibilitySelect } },
  doctor: { select: eligibilitySelect },
  examType: { select: eligibilitySelect },
} as const;

function bookingRows(db: DbClient) {
  return {
    /** Serialises all booking decisions of one profile (limits, duplicates) across connections. */
    async lockProfile(profileId: string) {
      const rows = await db.$queryRaw<
        {
          id: string;
          accountId: string;
          name: string;
          idNumberHash: string | null;
          guardianIdNumberHash: string | null;
          sex: Sex;
          birthDate: string;
        }[]
      >`
        SELECT id, account_id AS "accountId", name, id_number_hash AS "idNumberHash",
               guardian_id_number_hash AS "guardianIdNumberHash", sex::text AS sex,
               to_char(birth_date, 'YYYY-MM-DD') AS "birthDate"
          FROM profile WHERE id = ${profileId}::uuid AND deleted_at IS NULL FOR UPDATE`;
      return rows[0] ?? null;
    },
    /**
     * The first per-profile limit a booking of this place would break (its error code), or null: counted by
     * the database's `booking_limit_refusal`, the one place these limits are counted. Under the profile lock.
     */
    async limitRefusal(p: LimitQuery): Promise<LimitCode | null> {
      const rows = await db.$queryRaw<{ refusal: LimitCode | null }[]>`
        SELECT booking_limit_refusal(${p.profileId}::uuid, ${p.slotId}::uuid, ${p.sessionId}::uuid,
                 ${p.departmentId}::uuid, ${dateString(p.date)}::date, ${p.hasDoctor}, ${p.now},
                 ${p.max.perDoctorSession}::int, ${p.max.perDepartmentDay}::int, ${p.max.active}::int) AS refusal`;
      return rows[0]?.refusal ?? null;
    },
    /**
     * Everything booking a slot decides before its one statement, in one read and no transaction: the slot,
     * its session, department, doctor and exam (for the rules, eligibility and the answer), whether it is full
     * with no lapsed hold to give back, the profile (identity and eligibility facts) and, for a profile with a
     * document, the person's no-show suspension. Null when the slot does not exist.
     */
    async bookingFacts(slotId: string, profileId: string, now: Date): Promise<BookingFacts | null> {
      const rows = await db.$queryRaw<BookingFactsRow[]>`
        SELECT s.id AS "slotId", s.session_id AS "sessionId", s.starts_at AS "startsAt", s.ends_at AS "endsAt",
               s.booked >= s.capacity AND NOT EXISTS (
                 SELECT 1 FROM booking h WHERE h.slot_id = s.id AND h.status = 'PENDING_PAYMENT'
                   AND h.hold_expires_at <= ${now}) AS full,
               to_char(cs.date, 'YYYY-MM-DD') AS date, cs.period::text AS period, cs.ends_at AS "sessionEndsAt",
               cs.fee_fen AS "feeFen", cs.suspended_at AS "suspendedAt", cs.suspend_reason AS "suspendReason",
               cs.department_id AS "departmentId", cs.doctor_id AS "doctorId", cs.exam_type_id AS "examTypeId",
               dep.active AS "departmentActive", dep.pediatric, dep.name AS "departmentName",
               dep.name_en AS "departmentNameEn", dep.location AS "departmentLocation",
               dep.allowed_sex::text AS "departmentSex", dep.min_age AS "departmentMinAge",
               dep.max_age AS "departmentMaxAge",
               doc.name AS "doctorName", doc.name_en AS "doctorNameEn", doc.title::text AS "doctorTitle",
               doc.allowed_sex::text AS "doctorSex", doc.min_age AS "doctorMinAge", doc.max_age AS "doctorMaxAge",
               ex.code AS "examCode", ex.name AS "examName", ex.name_en AS "examNameEn", ex.building AS "examBuilding",
               ex.floor AS "examFloor", ex.room AS "examRoom", ex.allowed_sex::text AS "examSex",
               ex.min_age AS "examMinAge", ex.max_age AS "examMaxAge",
               p.id AS "profileId", p.account_id AS "accountId", p.name AS "profileName", p.sex::text AS sex,
               to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", p.id_number_hash AS "idNumberHash",
               p.guardian_id_number_hash AS "guardianIdNumberHash",
               (SELECT max(bs.until) FROM booking_suspension bs
                 WHERE bs.id_number_hash = p.id_number_hash AND bs.until > ${now}) AS "suspendedUntil"
          FROM slot s
          JOIN clinic_session cs ON cs.id = s.session_id
          JOIN department dep ON dep.id = cs.department_id
          LEFT JOIN doctor doc ON doc.id = cs.doctor_id
          LEFT JOIN exam_type ex ON ex.id = cs.exam_type_id
          LEFT JOIN profile p ON p.id = ${profileId}::uuid AND p.deleted_at IS NULL
         WHERE s.id = ${slotId}::uuid`;
      return rows[0] ? bookingFactsOf(rows[0]) : null;
    },
    /**
     * Books a place in one statement (`book_place`, docs/decisions/031-booking-in-one-statement.md): the
     * profile's limits under its row lock, the place by the conditional update, the booking and its domain
     * event — or nothing, and the refusal's code. On the root client it commits by itself; inside a unit of work
     * (an idempotent request, a staff booking) it joins that transaction.
     */
    async place(p: PlaceInput): Promise<{ outcome: PlaceOutcome; createdAt: Date | null }> {
      const rows = await db.$queryRaw<{ outcome: PlaceOutcome; createdAt: Date | null }[]>`
        SELECT outcome, created_at AS "createdAt" FROM book_place(
          ${p.id}::uuid, ${p.slotId}::uuid, ${p.profileId}::uuid, ${p.accountId ?? null}::uuid,
          ${p.channel}::"BookingChannel", ${p.status}::"BookingStatus", ${p.feeFen}::int,
          ${p.holdExpiresAt}::timestamptz, ${p.now}::timestamptz, ${p.extraReason ?? null}::text,
          ${p.createdByStaff}::uuid, ${p.max.perDoctorSession}::int, ${p.max.perDepartmentDay}::int,
          ${p.max.active}::int, ${p.event.type}::text, ${JSON.stringify(p.event.payload)}::jsonb,
          ${p.event.actor.type}::"ActorType", ${p.event.actor.id}::text, ${p.event.actor.requestId}::text)`;
      return rows[0]!;
    },
    /** Whether the slot has an unpaid hold past its expiry (one probe of the hold index). */
    async hasLapsedHold(slotId: string, now: Date): Promise<boolean> {
      const rows = await db.$queryRaw<{ found: boolean }[]>`
        SELECT EXISTS (SELECT 1 FROM booking WHERE slot_id = ${slotId}::uuid AND status = 'PENDING_PAYMENT'
                         AND hold_expires_at <= ${now}) AS found`;
      return rows[0]?.found ?? false;
    },
    /** A profile's sex and birth date, for eligibility (they never change: a profile is one real-name ID). */
    async profileFacts(profileId: string) {
      const row = await db.profile.findUnique({
        where: { id: profileId },
        select: { sex: true, birthDate: true },
      });
      return row ? { sex: row.sex, birthDate: dateString(row.birthDate) } : null;
    },
    findSlot(id: string) {
      return db.slot.findUnique({ where: { id }, include: { session: { include: sessionForBooking } } });
    },
    findSession(id: string) {
      return db.clinicSession.findUnique({ where: { id }, include: sessionForBooking });
    },
    async lockSession(id: string) {
      await db.$queryRaw`SELECT id FROM clinic_session WHERE id = ${id}::uuid FOR UPDATE`;
    },
    /** Takes one place if one is free; false when the slot is full. The database decides. */
    async takePlace(slotId: string): Promise<boolean> {
      const n =
        await db.$executeRaw`UPDATE slot SET booked = booked + 1 WHERE id = ${slotId}::uuid AND booked < capacity`;
      return n === 1;
    },
    async releasePlace(slotId: string, extra: boolean) {
      await (extra
        ? db.$executeRaw`UPDATE slot SET extra = extra - 1 WHERE id = ${slotId}::uuid AND extra > 0`
        : db.$executeRaw`UPDATE slot SET booked = booked - 1 WHERE id = ${slotId}::uuid AND booked > 0`);
    },
    countLive(where: Prisma.BookingWhereInput, statuses: readonly BookingStatus[]) {
      return db.booking.count({ where: { ...where, status: { in: [...statuses] } } });
    },
    create(data: Prisma.BookingUncheckedCreateInput) {
      return db.booking.create({ data });
    },
    find(id: string) {
      return db.booking.findUnique({ where: { id }, include: bookingInclude });
    },
    /** 就诊序号: 1 + the bookings of the same session made before this one, cancelled ones included. */
    async visitNumber(b: { id: string; sessionId: string; createdAt: Date }) {
      const rows = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM booking WHERE session_id = ${b.sessionId}::uuid
          AND (created_at, id) <= (${b.createdAt}::timestamptz, ${b.id}::uuid)`;
      return rows[0]?.n ?? 1;
    },
    /** Locks the booking row for a state change. */
    async lock(id: string) {
      const rows = await db.$queryRaw<
        { id: string }[]
      >`SELECT id FROM booking WHERE id = ${id}::uuid FOR UPDATE`;
      return rows.length > 0;
    },
    /** The profile a booking belongs to (unlocked: to lock the profile before the booking). */
    profileOf(id: string) {
      return db.booking.findUnique({ where: { id }, select: { profileId: true } });
    },
    /** Locks the booking row and answers its status; null when it does not exist. */
    async lockStatus(id: string): Promise<BookingStatus | null> {
      const rows = await db.$queryRaw<{ status: BookingStatus }[]>`
        SELECT status::text AS status FROM booking WHERE id = ${id}::uuid FOR UPDATE`;
      return rows[0]?.status ?? null;
    },
    /** Locks a session's live bookings, all at once and in id order, before any of them changes. */
    async lockLiveInSession(sessionId: string) {
      await db.$queryRaw`
        SELECT id FROM booking WHERE session_id = ${sessionId}::uuid
          AND status IN ('PENDING_PAYMENT', 'CONFIRMED') ORDER BY id FOR UPDATE`;
    },
    /** Locks one lapsed hold for expiry; false when it is gone, no longer lapsed, or being handled elsewhere. */
    async lockLapsedHold(id: string, now: Date): Promise<boolean> {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM booking WHERE id = ${id}::uuid AND status = 'PENDING_PAYMENT'
          AND hold_expires_at <= ${now} FOR UPDATE SKIP LOCKED`;
      return rows.length > 0;
    },
    update(id: string, data: Prisma.BookingUncheckedUpdateInput) {
      return db.booking.update({ where: { id }, data, include: bookingInclude });
    },
    /** Unpaid holds of one slot past their expiry, locked for this transaction and skipped by anyone else's. */
    lapsedHolds(now: Date, limit: number, slotId: string) {
      return db.$queryRaw<{ id: string }[]>`
        SELECT id FROM booking WHERE status = 'PENDING_PAYMENT' AND hold_expires_at <= ${now}
          AND slot_id = ${slotId}::uuid
        ORDER BY hold_expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    },
    /** Every unpaid hold past its expiry, oldest first (unlocked: each is locked in its own transaction). */
    allLapsedHolds(now: Date, limit: number) {
      return db.$queryRaw<{ id: string }[]>`
        SELECT id FROM booking WHERE status = 'PENDING_PAYMENT' AND hold_expires_at <= ${now}
        ORDER BY hold_expires_at LIMIT ${limit}`;
    },
    /** Confirmed bookings whose slot ended more than `graceMinutes` ago without a check-in. */
    dueNoShows(now: Date, graceMinutes: number, limit: number) {
      return db.$queryRaw<{ id: string }[]>`
        SELECT id FROM booking WHERE status = 'CONFIRMED'
          AND ends_at + make_interval(mins => ${graceMinutes}::int) <= ${now}
        ORDER BY ends_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    },
    liveInSession(sessionId: string) {
      return db.booking.findMany({
        where: { sessionId, status: { in: ['PENDING_PAYMENT', 'CONFIRMED'] } },
        include: bookingInclude,
      });
    },
    listForAccount(accountId: string) {
      return db.booking.findMany({
        where: { accountId },
        include: bookingInclude,
        orderBy: { startsAt: 'desc' },
      });
    },
    search(where: Prisma.BookingWhereInput, page: number, pageSize: number) {
      return paginate(
        page,
        pageSize,
        (window) =>
          db.booking.findMany({ where, include: bookingInclude, orderBy: { startsAt: 'asc' }, ...window }),
        () => db.booking.count({ where }),
      );
    },
    /** No-shows since `since` of profiles that may be one person (profile/person.ts: personCandidates). */
    noShowsOfCandidates(person: Prisma.ProfileWhereInput, since: Date) {
      return db.booking.findMany({
        where: { status: 'NO_SHOW', noShowAt: { gte: since }, profile: person },
        select: {
          id: true,
          profile: {
            select: { name: true, idNumberHash: true, guardianIdNumberHash: true, birthDate: true },
          },
        },
      });
    },
    /** `personKey`: the person's key (profile/person.ts), kept in the column named for the ID hash it was. */
    activeSuspension(personKey: string, now: Date) {
      return db.bookingSuspension.findFirst({
        where: { idNumberHash: personKey, until: { gt: now } },
        orderBy: { until: 'desc' },
      });
    },
    createSuspension(data: Prisma.BookingSuspensionUncheckedCreateInput) {
      return db.bookingSuspension.create({ data });
    },
    suspendSession(id: string, reason: string, now: Date) {
      return db.clinicSession.update({ where: { id }, data: { suspendedAt: now, suspendReason: reason } });
    },

    // ---- waitlist
    /** The first waiting entry of a session, locked; entries being handled elsewhere are skipped. */
    async nextWaiting(sessionId: string) {
      const rows = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM waitlist_entry WHERE session_id = ${sessionId}::uuid AND status = 'WAITING'
        ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`;
      return rows[0] ? db.waitlistEntry.findUnique({ where: { id: rows[0].id } }) : null;
    },
    createWaitlistEntry(data: Prisma.WaitlistEntryUncheckedCreateInput) {
      return db.waitlistEntry.create({ data });
    },
    updateWaitlistEntry(id: string, data: Prisma.WaitlistEntryUncheckedUpdateInput) {
      return db.waitlistEntry.update({ where: { id }, data });
    },
    async lockWaitlistEntry(id: string) {
      await db.$queryRaw`SELECT id FROM waitlist_entry WHERE id = ${id}::uuid FOR UPDATE`;
    },
    findWaitlistEntry(id: string) {
      return db.waitlistEntry.findUnique({ where: { id } });
    },
    countOpenWaitlist(profileId: string) {
      return db.waitlistEntry.count({ where: { profileId, status: { in: ['WAITING', 'OFFERED'] } } });
    },
    openWaitlistEntry(sessionId: string, profileId: string) {
      return db.waitlistEntry.findFirst({
        where: { sessionId, profileId, status: { in: ['WAITING', 'OFFERED'] } },
      });
    },
    openWaitlistInSession(sessionId: string) {
      return db.waitlistEntry.findMany({ where: { sessionId, status: { in: ['WAITING', 'OFFERED'] } } });
    },
    listWaitlistForAccount(accountId: string) {
      return db.waitlistEntry.findMany({
        where: { accountId },
        orderBy: { createdAt: 'desc' },
        include: waitlistInclude,
      });
    },
    findWaitlistView(id: string) {
      return db.waitlistEntry.findUnique({ where: { id }, include: waitlistInclude });
    },
    waitingAhead(sessionId: string, createdAt: Date, id: string) {
      return db.waitlistEntry.count({
        where: {
          sessionId,
          status: 'WAITING',
          OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }],
        },
      });
    },
    /** Future slots of a session with a free place (places left, ignoring lapsed holds the job will free). */
    freeFutureSlots(sessionId: string, now: Date) {
      return db.$queryRaw<{ id: string }[]>`
        SELECT id FROM slot WHERE session_id = ${sessionId}::uuid AND starts_at > ${now} AND booked < capacity`;
    },
    futureSlots(sessionId: string, now: Date) {
      return db.slot.findMany({ where: { sessionId, startsAt: { gt: now } }, orderBy: { startsAt: 'asc' } });
    },
  };
}

/**
 * Booking's access to the database. Slot counters are changed only here, and only by conditional updates.
 * Row locks are taken in the order of docs/decisions/004-lock-order.md (session, profile, booking, its
 * payment order, slot), and only on a unit of work's transaction: `bookingRepository(db)` has no `lock…`.
 */
export const bookingRepository = withLocks(bookingRows, [
  'lockProfile',
  'lockSession',
  'lock',
  'lockStatus',
  'lockLiveInSession',
  'lockLapsedHold',
  'lapsedHolds',
  'dueNoShows',
  'nextWaiting',
  'lockWaitlistEntry',
] as const);
