import { dateString, LIVE_BOOKING_STATUSES, releaseAt, type WaitlistEntryView } from '@hospital/shared';
import type { Actor } from '../../core/actor';
import { AppError, notFound } from '../../core/errors';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { HospitalContext } from '../catalog/catalog.service';
import type { EventLog } from '../events/event-log';
import { bookingRepository, type WaitlistRow } from './booking.repository';
import type { BookingService } from './booking.service';
import { checkEligibility } from './use-cases/limits';

/** 候补: waiting for a place in a full session, first come first served. */
export function createWaitlistService(deps: {
  db: Db;
  uow: UnitOfWork<HospitalContext>;
  events: EventLog;
  booking: BookingService;
}) {
  const { db, uow, events, booking } = deps;

  async function view(id: string): Promise<WaitlistEntryView> {
    return present((await bookingRepository(db).findWaitlistView(id))!);
  }

  async function present(e: WaitlistRow): Promise<WaitlistEntryView> {
    const position =
      e.status === 'WAITING'
        ? (await bookingRepository(db).waitingAhead(e.sessionId, e.createdAt, e.id)) + 1
        : null;
    return {
      id: e.id,
      status: e.status,
      sessionId: e.sessionId,
      date: dateString(e.session.date),
      period: e.session.period,
      profile: e.profile,
      departmentName: e.session.department.name,
      departmentNameEn: e.session.department.nameEn,
      doctorName: e.session.doctor?.name ?? null,
      doctorNameEn: e.session.doctor?.nameEn ?? null,
      examTypeName: e.session.examType?.name ?? null,
      examTypeNameEn: e.session.examType?.nameEn ?? null,
      position,
      bookingId: e.bookingId,
      createdAt: e.createdAt.toISOString(),
    };
  }

  return {
    async join(actor: Actor, accountId: string, input: { sessionId: string; profileId: string }) {
      const id = await uow.run(async ({ tx, now, hospital: h }) => {
        const r = bookingRepository(tx);
        const profile = await r.lockProfile(input.profileId);
        if (!profile || profile.accountId !== accountId) throw notFound('就诊人');
        const session = await r.findSession(input.sessionId);
        if (!session?.department.active) throw notFound('出诊');
        if (session.suspendedAt) throw new AppError('SESSION_SUSPENDED');
        if (now >= session.endsAt) throw new AppError('SLOT_PAST');
        if (now < releaseAt(dateString(session.date), h.rules, h.timeZone))
          throw new AppError('SLOT_NOT_RELEASED');
        checkEligibility(h.rules, profile, session);
        if ((await r.futureSlots(session.id, now)).length === 0) throw new AppError('SLOT_PAST');
        if ((await r.freeFutureSlots(session.id, now)).length > 0) throw new AppError('WAITLIST_NOT_FULL');
        if (await r.countLive({ profileId: profile.id, sessionId: session.id }, LIVE_BOOKING_STATUSES)) {
          throw new AppError('ALREADY_BOOKED');
        }
        if (await r.openWaitlistEntry(session.id, profile.id)) throw new AppError('WAITLIST_DUPLICATE');
        if ((await r.countOpenWaitlist(profile.id)) >= h.rules.waitlist.maxPerProfile) {
          throw AppError.with('WAITLIST_LIMIT', { max: h.rules.waitlist.maxPerProfile });
        }
        const entry = await r.createWaitlistEntry({
          sessionId: session.id,
          profileId: profile.id,
          accountId,
          status: 'WAITING',
        });
        await events.record(tx, actor, {
          type: 'waitlist.joined',
          aggregate: { type: 'waitlist_entry', id: entry.id },
          payload: { entryId: entry.id, accountId, profileId: profile.id, sessionId: session.id },
        });
        return entry.id;
      });
      return view(id);
    },

    async listMine(accountId: string) {
      const rows = await bookingRepository(db).listWaitlistForAccount(accountId);
      return Promise.all(rows.map(present));
    },

    /**
     * Leaving the waitlist; an offer already made is declined, which cancels its held booking. An offer made
     * at the very moment the patient leaves is declined the same way: leaving always works.
     */
    async leave(actor: Actor, accountId: string, id: string) {
      const entry = await bookingRepository(db).findWaitlistEntry(id);
      if (!entry || entry.accountId !== accountId) throw notFound('候补');
      const offered = await uow.run(async ({ tx, now }) => {
        const r = bookingRepository(tx);
        await r.lockWaitlistEntry(id); // an offer may be made for it at this very moment
        const fresh = (await r.findWaitlistEntry(id))!;
        if (fresh.status === 'OFFERED' && fresh.bookingId) return fresh.bookingId;
        if (fresh.status !== 'WAITING') throw new AppError('INVALID_STATE', '该候补已结束');
        await r.updateWaitlistEntry(id, { status: 'CANCELLED', closedAt: now });
        await events.record(tx, actor, {
          type: 'waitlist.cancelled',
          aggregate: { type: 'waitlist_entry', id },
          payload: {
            entryId: id,
            accountId,
            profileId: fresh.profileId,
            sessionId: fresh.sessionId,
            cause: 'patient',
            reason: '患者退出候补',
          },
        });
        return null;
      });
      if (offered) await booking.cancel(actor, offered, { kind: 'patient', accountId }, '放弃候补号源');
    },
  };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
