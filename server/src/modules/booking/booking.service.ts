import {
  BOOKING_TRANSITIONS,
  type BookingChannel,
  type BookingStatus,
  buildGuidanceTimeline,
  cancelDeadline,
  canTransition,
  type HospitalRules,
  localDate,
  slotAvailability,
} from '@hospital/shared';
import type { Actor, Viewer as Principal } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, notFound } from '../../core/errors';
import { assertTransition } from '../../core/state-machine';
import type { Db, DbClient, DbTx } from '../../db/client';
import { currentLocale } from '../../i18n';
import { can, departmentScope, type Subject } from '../../policies';
import type { AuditService } from '../audit/audit.service';
import type { CatalogService, HospitalContext } from '../catalog/catalog.service';
import type { NotificationService, OutgoingNotification } from '../notification/notification.service';
import { presentBooking } from './booking.presenter';
import { type BookingRow, bookingRepository } from './booking.repository';
import type { PaymentPort } from './payment-port';

const MINUTE = 60_000;
const BOOKING = { zh: '预约', en: 'The booking' };

export interface BookInput {
  slotId: string;
  profileId: string;
  channel: BookingChannel;
  /** Patient bookings: the profile must belong to this account. Staff bookings: unset. */
  accountId?: string;
  /** 加号: a place beyond capacity (staff only). */
  extraReason?: string;
}

/**
 * Booking engine. Every decision that gives or takes a place happens in one transaction: the profile row is
 * locked (so a profile's limits and duplicates are decided one request at a time), the slot counter moves
 * by a conditional update (so capacity is decided by the database), and a freed place goes to the waitlist
 * before anyone else can see it.
 */
export function createBookingService(deps: {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  audit: AuditService;
  notifications: NotificationService;
  payments: PaymentPort;
}) {
  const { db, clock, catalog, audit, notifications, payments } = deps;
  // One set of options for every unit of work (core/unit-of-work.ts): at release time hundreds of requests
  // queue for the pool's connections and wait for one rather than fail.
  const transaction = <T>(fn: (tx: DbTx) => Promise<T>) => db.$transaction(fn);

  async function context() {
    const hospital = await catalog.hospitalContext();
    return { hospital, now: clock.now() };
  }

  /** An outbox notification about one booking, in the transaction that changed it. */
  const tellPatient = (
    tx: DbClient,
    kind: OutgoingNotification['kind'],
    b: Pick<BookingRow, 'id' | 'accountId' | 'profileId' | 'startsAt'>,
    more: Record<string, unknown> = {},
  ) =>
    notifications.enqueue(tx, {
      kind,
      accountId: b.accountId,
      profileId: b.profileId,
      bookingId: b.id,
      payload: { startsAt: b.startsAt.toISOString(), ...more },
    });

  const present = (b: BookingRow, h: HospitalContext, now: Date) =>
    presentBooking(b, { now, timeZone: h.timeZone, rules: h.rules });

  /** The per-profile limits of DOMAIN.md, each with its own error. */
  async function checkLimits(
    tx: DbClient,
    rules: HospitalRules,
    now: Date,
    p: {
      profileId: string;
      sessionId: string;
      departmentId: string;
      date: Date;
      isDoctorSession: boolean;
      slotId: string;
    },
  ) {
    const counts = await bookingRepository(tx).limitCounts({ ...p, now });
    if (counts.slot > 0) throw new AppError('ALREADY_BOOKED');
    if (p.isDoctorSession && counts.session >= rules.booking.maxPerProfilePerDoctorSession) {
      throw AppError.with('LIMIT_DOCTOR_SESSION', { max: rules.booking.maxPerProfilePerDoctorSession });
    }
    if (counts.departmentDay >= rules.booking.maxPerProfilePerDepartmentDay) {
      throw AppError.with('LIMIT_DEPARTMENT_DAY', { max: rules.booking.maxPerProfilePerDepartmentDay });
    }
    if (counts.active >= rules.booking.maxActivePerProfile) {
      throw AppError.with('LIMIT_ACTIVE_BOOKINGS', { max: rules.booking.maxActivePerProfile });
    }
  }

  /** Status and hold of a new booking: a fee needs payment within the hold; a free service confirms at once. */
  function initialState(feeFen: number, holdMinutes: number, now: Date) {
    return feeFen > 0
      ? { status: 'PENDING_PAYMENT' as const, holdExpiresAt: new Date(now.getTime() + holdMinutes * MINUTE) }
      : { status: 'CONFIRMED' as const, confirmedAt: now };
  }

  /**
   * Offers free places of a slot to its session's waitlist, first come first served: each offer takes a
   * place (conditional update) and becomes a held booking for the waiting profile. Entries whose profile
   * now breaks a limit are closed and skipped.
   */
  async function fillFromWaitlist(
    tx: DbClient,
    slotId: string,
    h: HospitalContext,
    now: Date,
  ): Promise<void> {
    const r = bookingRepository(tx);
    const slot = await r.findSlot(slotId);
    if (!slot || slot.session.suspendedAt || slot.startsAt <= now) return;
    for (;;) {
      const entry = await r.nextWaiting(slot.sessionId);
      if (!entry) return;
      try {
        await checkLimits(tx, h.rules, now, {
          profileId: entry.profileId,
          sessionId: slot.sessionId,
          departmentId: slot.session.departmentId,
          date: slot.session.date,
          isDoctorSession: !!slot.session.doctorId,
          slotId,
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        await r.updateWaitlistEntry(entry.id, { status: 'CANCELLED', closedAt: now });
        await notifications.enqueue(tx, {
          kind: 'waitlist.cancelled',
          accountId: entry.accountId,
          profileId: entry.profileId,
          payload: { sessionId: slot.sessionId, reason: error.message },
        });
        continue;
      }
      if (!(await r.takePlace(slotId))) return;
      const state = initialState(slot.session.feeFen, h.rules.waitlist.offerHoldMinutes, now);
      const booking = await r.create({
        slotId,
        sessionId: slot.sessionId,
        profileId: entry.profileId,
        accountId: entry.accountId,
        departmentId: slot.session.departmentId,
        doctorId: slot.session.doctorId,
        examTypeId: slot.session.examTypeId,
        date: slot.session.date,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        channel: 'MINIAPP',
        feeFen: slot.session.feeFen,
        waitlistEntryId: entry.id,
        ...state,
      });
      await r.updateWaitlistEntry(entry.id, {
        status: state.status === 'CONFIRMED' ? 'BOOKED' : 'OFFERED',
        bookingId: booking.id,
        offeredAt: now,
        ...(state.status === 'CONFIRMED' ? { closedAt: now } : {}),
      });
      await notifications.enqueue(tx, {
        kind: 'waitlist.offered',
        accountId: entry.accountId,
        profileId: entry.profileId,
        bookingId: booking.id,
        payload: {
          startsAt: slot.startsAt.toISOString(),
          holdExpiresAt: booking.holdExpiresAt?.toISOString() ?? null,
        },
      });
    }
  }

  /** A booking gives its place back: the counter drops, then the waitlist gets the first chance at it. */
  async function givePlaceBack(
    tx: DbClient,
    b: { slotId: string; isExtra: boolean },
    h: HospitalContext,
    now: Date,
  ) {
    await bookingRepository(tx).releasePlace(b.slotId, b.isExtra);
    if (!b.isExtra) await fillFromWaitlist(tx, b.slotId, h, now);
  }

  /** Ends a booking (cancel, expiry, stop-clinic) and closes the waitlist offer it came from. */
  async function endBooking(
    tx: DbClient,
    b: BookingRow,
    to: 'CANCELLED' | 'EXPIRED',
    h: HospitalContext,
    now: Date,
    opts: { reason?: string; releasePlace?: boolean; actorName?: string } = {},
  ) {
    const r = bookingRepository(tx);
    assertTransition(BOOKING_TRANSITIONS, b.status, to, BOOKING);
    const updated = await r.update(
      b.id,
      to === 'CANCELLED'
        ? { status: to, cancelledAt: now, cancelReason: opts.reason ?? null }
        : { status: to, expiredAt: now },
    );
    if (b.waitlistEntryId) {
      await r.updateWaitlistEntry(b.waitlistEntryId, {
        status: to === 'EXPIRED' ? 'LAPSED' : 'CANCELLED',
        closedAt: now,
      });
    }
    // A confirmed booking with a fee was paid: cancelling it asks for the money back. An unpaid one closes
    // its open order, so a payment can no longer start (one that lands anyway is refunded by payments).
    if (to === 'CANCELLED' && b.status === 'CONFIRMED' && b.feeFen > 0) {
      await payments.requestRefund(tx, {
        bookingId: b.id,
        reason: opts.reason ?? '患者取消预约',
        requestedBy: opts.actorName ?? 'system',
      });
    } else if (b.status === 'PENDING_PAYMENT') {
      await payments.bookingEnded(tx, b.id, to === 'EXPIRED' ? '支付超时' : (opts.reason ?? '预约已取消'));
    }
    if (opts.releasePlace !== false) await givePlaceBack(tx, b, h, now);
    return updated;
  }

  /** Expires one lapsed hold that the caller has locked. */
  async function expireOne(tx: DbClient, id: string, h: HospitalContext, now: Date) {
    const b = await bookingRepository(tx).find(id);
    if (b?.status !== 'PENDING_PAYMENT') return;
    await endBooking(tx, b, 'EXPIRED', h, now);
    await tellPatient(tx, 'booking.expired', b);
  }

  /** Expires this slot's lapsed holds, oldest first (on the booking path, so its answer is right). */
  async function expireLapsedOnSlot(tx: DbClient, h: HospitalContext, now: Date, slotId: string) {
    for (const { id } of await bookingRepository(tx).lapsedHolds(now, 200, slotId)) {
      await expireOne(tx, id, h, now);
    }
  }

  async function book(actor: Actor, input: BookInput) {
    const { hospital: h, now } = await context();
    // Most requests in a release-time rush lose: answer those without taking a connection for a transaction.
    // Only a refusal is decided here; a place is only ever given by the conditional update below.
    if (!input.extraReason && (await bookingRepository(db).looksFull(input.slotId, now))) {
      throw new AppError('SLOT_FULL');
    }
    const id = await transaction(async (tx) => {
      const r = bookingRepository(tx);
      // Locked for the rest of the transaction: one profile's limits and duplicates are decided one at a time.
      const profile = await r.lockProfile(input.profileId);
      if (!profile || (input.accountId && profile.accountId !== input.accountId)) throw notFound('就诊人');

      const slot = await r.findSlot(input.slotId);
      if (!slot?.session.department.active) throw notFound('号源');
      const session = slot.session;
      const availability = slotAvailability(
        {
          date: localDate(session.date, 'UTC'),
          startsAt: slot.startsAt,
          capacity: slot.capacity,
          taken: 0,
          suspended: !!session.suspendedAt,
        },
        now,
        h.rules,
        h.timeZone,
      );
      const extra = !!input.extraReason;
      if (availability.status === 'SUSPENDED') throw new AppError('SESSION_SUSPENDED');
      if (availability.status === 'NOT_RELEASED' && !extra) throw new AppError('SLOT_NOT_RELEASED');
      // 加号 is for patients in front of the desk: allowed until the session ends.
      if (extra ? now >= session.endsAt : availability.status === 'PAST') throw new AppError('SLOT_PAST');

      if (input.channel === 'MINIAPP') {
        const suspension = await r.activeSuspension(profile.idNumberHash, now);
        if (suspension) {
          throw AppError.with('BOOKING_SUSPENDED', { until: localDate(suspension.until, h.timeZone) });
        }
      }
      await checkLimits(tx, h.rules, now, {
        profileId: profile.id,
        sessionId: session.id,
        departmentId: session.departmentId,
        date: session.date,
        isDoctorSession: !!session.doctorId,
        slotId: slot.id,
      });

      // Holds that lapsed on this slot go back first (to the waitlist, if anyone waits).
      if (!extra) await expireLapsedOnSlot(tx, h, now, slot.id);
      const created = await r.create({
        slotId: slot.id,
        sessionId: session.id,
        profileId: profile.id,
        accountId: profile.accountId,
        departmentId: session.departmentId,
        doctorId: session.doctorId,
        examTypeId: session.examTypeId,
        date: session.date,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        channel: input.channel,
        feeFen: session.feeFen,
        isExtra: extra,
        extraReason: input.extraReason ?? null,
        createdByStaff: actor.type === 'staff' ? actor.id : null,
        ...initialState(session.feeFen, h.rules.booking.holdMinutes, now),
      });
      if (actor.type === 'staff') {
        await audit.record(tx, actor, {
          action: extra ? 'booking.create_extra' : 'booking.create',
          entityType: 'booking',
          entityId: created.id,
          after: {
            slotId: slot.id,
            profileId: profile.id,
            channel: input.channel,
            extraReason: input.extraReason ?? null,
          },
        });
      }
      // The place is taken last, just before the commit: the slot's row stays locked from this update to the
      // commit, and at release time every other booking of the slot queues on that lock. A refusal rolls the
      // booking written above back with everything else.
      if (extra) await r.addExtraPlace(slot.id);
      else if (!(await r.takePlace(slot.id))) throw new AppError('SLOT_FULL');
      return created.id;
    });
    return present((await bookingRepository(db).find(id))!, h, now);
  }

  async function loadVisible(id: string, who: Principal) {
    const b = await bookingRepository(db).find(id);
    if (!b || (who.kind === 'patient' && b.accountId !== who.accountId)) throw notFound('预约');
    return b;
  }

  return {
    book,

    /** Places were added to a slot (capacity raised): the waitlist gets them first, in the caller's transaction. */
    async placesAdded(tx: DbClient, slotId: string): Promise<void> {
      await fillFromWaitlist(tx, slotId, await catalog.hospitalContext(tx), clock.now());
    },

    async get(id: string, who: Principal) {
      const { hospital, now } = await context();
      return present(await loadVisible(id, who), hospital, now);
    },

    async listMine(accountId: string) {
      const { hospital, now } = await context();
      return (await bookingRepository(db).listForAccount(accountId)).map((b) => present(b, hospital, now));
    },

    /** Patients cancel their own bookings until the cutoff; staff any time (with a reason, audited). */
    async cancel(actor: Actor, id: string, who: Principal, reason?: string) {
      const { hospital: h, now } = await context();
      await loadVisible(id, who);
      const row = await transaction(async (tx) => {
        const r = bookingRepository(tx);
        await r.lock(id);
        const b = (await r.find(id))!;
        assertTransition(BOOKING_TRANSITIONS, b.status, 'CANCELLED', BOOKING);
        if (
          who.kind === 'patient' &&
          b.status === 'CONFIRMED' &&
          now >= cancelDeadline(b.startsAt, h.rules)
        ) {
          throw new AppError('CANCEL_CUTOFF_PASSED');
        }
        const updated = await endBooking(tx, b, 'CANCELLED', h, now, {
          reason: reason ?? (who.kind === 'patient' ? '患者取消预约' : '窗口取消预约'),
          actorName: actor.name ?? actor.type,
        });
        if (actor.type === 'staff') {
          await audit.record(tx, actor, {
            action: 'booking.cancel',
            entityType: 'booking',
            entityId: id,
            before: { status: b.status },
            after: { status: 'CANCELLED', cancelReason: updated.cancelReason },
          });
        }
        await tellPatient(tx, 'booking.cancelled', b, { reason: updated.cancelReason });
        return updated;
      });
      return present(row, h, now);
    },

    /**
     * Locks a booking for a payment change — its profile first, since a late payment checks the profile's
     * limits — in the lock order of docs/decisions/004-lock-order.md. Answers its status (null: no booking).
     * Payments call this before locking the booking's order.
     */
    async lockForPayment(tx: DbTx, id: string): Promise<BookingStatus | null> {
      const r = bookingRepository(tx);
      const owner = await r.profileOf(id);
      if (!owner) return null;
      await r.lockProfile(owner.profileId);
      return r.lockStatus(id);
    },

    /** Payment arrived for a held booking (the payment module calls this in its own transaction). */
    async confirmPaid(tx: DbClient, id: string): Promise<'CONFIRMED' | 'NOT_PENDING'> {
      const r = bookingRepository(tx);
      await r.lock(id);
      const b = await r.find(id);
      if (b?.status !== 'PENDING_PAYMENT') return 'NOT_PENDING';
      const now = clock.now();
      await r.update(id, { status: 'CONFIRMED', confirmedAt: now, holdExpiresAt: null });
      if (b.waitlistEntryId)
        await r.updateWaitlistEntry(b.waitlistEntryId, { status: 'BOOKED', closedAt: now });
      return 'CONFIRMED';
    },

    /**
     * Payment arrived after the hold expired. If the place can still be had (slot not started, session not
     * stopped, a place free, limits still kept) the booking is revived and confirmed; otherwise the caller
     * refunds. Runs in the payment's transaction, after `lockForPayment`.
     */
    async confirmLatePayment(tx: DbClient, id: string): Promise<boolean> {
      const r = bookingRepository(tx);
      await r.lock(id);
      const b = await r.find(id);
      if (!b || !canTransition(b.status, 'CONFIRMED') || b.status !== 'EXPIRED') return false;
      const now = clock.now();
      const h = await catalog.hospitalContext(tx);
      const slot = await r.findSlot(b.slotId);
      if (!slot || slot.session.suspendedAt || slot.startsAt <= now) return false;
      try {
        await checkLimits(tx, h.rules, now, {
          profileId: b.profileId,
          sessionId: b.sessionId,
          departmentId: b.departmentId,
          date: b.date,
          isDoctorSession: !!b.doctorId,
          slotId: b.slotId,
        });
      } catch (error) {
        if (error instanceof AppError) return false;
        throw error;
      }
      if (!(await r.takePlace(b.slotId))) return false;
      await r.update(id, { status: 'CONFIRMED', confirmedAt: now, holdExpiresAt: null, expiredAt: null });
      return true;
    },

    /**
     * Staff mark a patient as arrived (until the queue module's check-in replaces it), on the booking's own
     * day in the hospital's zone only: a booking of another day is refused, not checked in by mistake.
     */
    async markArrived(actor: Actor, id: string) {
      return transition(actor, id, 'CHECKED_IN', { checkedInAt: clock.now() }, (b, h, now) => {
        const day = localDate(b.date, 'UTC');
        if (localDate(now, h.timeZone) !== day) throw AppError.with('CHECK_IN_NOT_TODAY', { date: day });
      });
    },

    /** A visit is completed in the doctor's own department: another department's booking answers 404. */
    async markCompleted(actor: Actor, id: string, who: Subject) {
      return transition(actor, id, 'COMPLETED', { completedAt: clock.now() }, (b) => {
        if (!can(who, 'booking.complete', { departmentId: b.departmentId })) throw notFound('预约');
      });
    },

    /**
     * Background job: expire every lapsed hold, each in its own short transaction (a conflict costs one hold,
     * not a batch). Several instances may run it: a hold another one is expiring is skipped (SKIP LOCKED).
     */
    async expireHolds(limit = 200): Promise<number> {
      const { hospital, now } = await context();
      let expired = 0;
      for (const { id } of await bookingRepository(db).allLapsedHolds(now, limit)) {
        const done = await transaction(async (tx) => {
          if (!(await bookingRepository(tx).lockLapsedHold(id, now))) return false;
          await expireOne(tx, id, hospital, now);
          return true;
        });
        if (done) expired++;
      }
      return expired;
    },

    /**
     * Background job: confirmed bookings not checked in by slot end + grace become NO_SHOW; a person (by ID
     * hash, whichever account) with too many no-shows in the window is suspended from on-line booking.
     */
    async markNoShows(limit = 500): Promise<number> {
      const { hospital: h, now } = await context();
      return transaction(async (tx) => {
        const r = bookingRepository(tx);
        const due = await r.dueNoShows(now, h.rules.noShow.graceMinutes, limit);
        for (const { id } of due) {
          const b = (await r.find(id))!;
          await r.update(id, { status: 'NO_SHOW', noShowAt: now });
          await tellPatient(tx, 'booking.no_show', b);
          const since = new Date(now.getTime() - h.rules.noShow.windowDays * 86_400_000);
          const count = await r.countNoShows(b.profile.idNumberHash, since);
          if (count >= h.rules.noShow.limit && !(await r.activeSuspension(b.profile.idNumberHash, now))) {
            await r.createSuspension({
              idNumberHash: b.profile.idNumberHash,
              until: new Date(now.getTime() + h.rules.noShow.suspensionDays * 86_400_000),
              reason: `${h.rules.noShow.windowDays} 天内爽约 ${count} 次`,
            });
          }
        }
        return due.length;
      });
    },

    /**
     * 停诊: the session stops taking bookings; every live booking is cancelled (paid ones refunded), every
     * waiting patient told, all in one transaction.
     */
    async stopClinic(actor: Actor, sessionId: string, reason: string) {
      const { hospital: h, now } = await context();
      return transaction(async (tx) => {
        const r = bookingRepository(tx);
        const session = await r.findSession(sessionId);
        if (!session) throw notFound('出诊');
        await r.lockSession(sessionId);
        if ((await r.findSession(sessionId))!.suspendedAt)
          throw new AppError('INVALID_STATE', '该出诊已停诊');
        await r.suspendSession(sessionId, reason, now);
        // Every booking before any order or slot: a patient cancelling one of them at this moment waits here
        // rather than holding its booking while this transaction holds the slot it needs.
        await r.lockLiveInSession(sessionId);
        const bookings = await r.liveInSession(sessionId);
        for (const b of bookings) {
          await endBooking(tx, b, 'CANCELLED', h, now, {
            reason: `停诊：${reason}`,
            actorName: actor.name ?? 'system',
          });
          await tellPatient(tx, 'booking.stop_clinic', b, {
            reason,
            refundFen: b.status === 'CONFIRMED' ? b.feeFen : 0,
          });
        }
        for (const entry of await r.openWaitlistInSession(sessionId)) {
          if (entry.status !== 'WAITING') continue; // offered ones were closed with their booking above
          await r.updateWaitlistEntry(entry.id, { status: 'CANCELLED', closedAt: now });
          await notifications.enqueue(tx, {
            kind: 'waitlist.cancelled',
            accountId: entry.accountId,
            profileId: entry.profileId,
            payload: { sessionId, reason: `停诊：${reason}` },
          });
        }
        await audit.record(tx, actor, {
          action: 'session.stop_clinic',
          entityType: 'clinic_session',
          entityId: sessionId,
          before: { suspendedAt: null },
          after: {
            suspendedAt: now.toISOString(),
            suspendReason: reason,
            cancelledBookings: bookings.length,
          },
        });
        return {
          sessionId,
          cancelledBookings: bookings.length,
          refunds: bookings.filter((b) => b.status === 'CONFIRMED' && b.feeFen > 0).length,
        };
      });
    },

    /** The guidance timeline of an exam booking, anchored on its slot. */
    async guidance(id: string, who: Principal) {
      const b = await loadVisible(id, who);
      if (!b.session.examType) throw new AppError('NOT_FOUND', '该预约不是检查预约，没有检查指引');
      const { hospital } = await context();
      const exam = await catalog.getExamType(b.session.examType.code, { includeInactive: true });
      return buildGuidanceTimeline(
        exam,
        { startsAt: b.startsAt, endsAt: b.endsAt },
        hospital.timeZone,
        currentLocale(),
      );
    },

    /** Staff search, within the searcher's reach: a doctor's finds only their department's bookings. */
    async search(
      q: {
        date?: string;
        departmentId?: string;
        doctorId?: string;
        status?: BookingStatus;
        page: number;
        pageSize: number;
      },
      who: Subject,
    ) {
      const reach = departmentScope(who, 'booking.list');
      if (reach === null || (reach !== undefined && q.departmentId && q.departmentId !== reach)) {
        return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      }
      const { hospital, now } = await context();
      const { items, total } = await bookingRepository(db).search(
        {
          date: q.date ? new Date(`${q.date}T00:00:00Z`) : undefined,
          departmentId: reach ?? q.departmentId,
          doctorId: q.doctorId,
          status: q.status,
        },
        q.page,
        q.pageSize,
      );
      return {
        items: items.map((b) => present(b, hospital, now)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };

  /** A staff step of the lifecycle; `guard` refuses it for this booking (scope, day) before the state check. */
  async function transition(
    actor: Actor,
    id: string,
    to: BookingStatus,
    data: Record<string, Date>,
    guard?: (b: BookingRow, h: HospitalContext, now: Date) => void,
  ) {
    const { hospital, now } = await context();
    const row = await transaction(async (tx) => {
      const r = bookingRepository(tx);
      if (!(await r.lock(id))) throw notFound('预约');
      const b = (await r.find(id))!;
      guard?.(b, hospital, now);
      assertTransition(BOOKING_TRANSITIONS, b.status, to, BOOKING);
      const updated = await r.update(id, { status: to, ...data });
      await audit.record(tx, actor, {
        action: `booking.${to.toLowerCase()}`,
        entityType: 'booking',
        entityId: id,
        before: { status: b.status },
        after: { status: to },
      });
      return updated;
    });
    return present(row, hospital, now);
  }
}

export type BookingService = ReturnType<typeof createBookingService>;
