import { addDays, dateValue, localDate, residentIdCheckChar } from '@hospital/shared';
import type { Actor } from '../../core/actor';
import { fixedClock } from '../../core/clock';
import { createUnitOfWork } from '../../core/unit-of-work';
import { createLocalWechatLoginClient } from '../../integrations/wechat/login';
import { createAuditService } from '../../modules/audit/audit.service';
import { createBookingService } from '../../modules/booking/booking.service';
import { createWaitlistService } from '../../modules/booking/waitlist.service';
import { createCatalogService } from '../../modules/catalog/catalog.service';
import { createEventLog } from '../../modules/events/event-log';
import { createProfileService } from '../../modules/profile/profile.service';
import type { PiiCipher } from '../../security/pii';
import type { Db } from '../client';
import { demoPatients } from './demo-hospital';

const SEED_ACTOR: Actor = { type: 'system', id: null, name: 'demo-seed', requestId: null };

/**
 * A little life in the demo: a few patients (who can sign in with `dev:<name>`) have booked the next
 * 特需夜诊 of 周建国 (from tomorrow on) until it is full, and two more wait for a place. Everything goes through the real
 * booking and waitlist services, so the demo obeys the same rules as production. Runs once: it does nothing
 * when the demo patients already exist.
 */
export async function seedDemoActivity(db: Db, opts: { now: Date; pii: PiiCipher; hospitalCode: string }) {
  const login = createLocalWechatLoginClient();
  const identities = await Promise.all(demoPatients.map((p) => login.exchangeCode(`dev:${p.login}`)));
  if (await db.patientAccount.findUnique({ where: { openid: identities[0]!.openid } }))
    return { bookings: 0, waiting: 0 };

  const clock = fixedClock(opts.now);
  const audit = createAuditService(db);
  const catalog = createCatalogService({ db, audit, clock, hospitalCode: opts.hospitalCode });

  // Demo bookings are paid at the window: no payment orders exist for them.
  const payments = {
    requestRefund: async () => undefined,
    bookingEnded: async () => undefined,
    paymentOf: async () => null,
    paidAtWindow: async () => new Set<string>(),
  };
  const events = createEventLog({ clock, db });
  const uow = createUnitOfWork({ db, clock, hospital: (tx) => catalog.hospitalContext(tx) });
  const profiles = createProfileService({ uow, db, clock, pii: opts.pii, audit, catalog });
  const booking = createBookingService({
    uow,
    db,
    clock,
    catalog,
    audit,
    events,
    payments,
  });
  const waitlist = createWaitlistService({ db, uow, events, booking });

  const profileIds: { accountId: string; profileId: string }[] = [];
  for (const [i, p] of demoPatients.entries()) {
    const account = await db.patientAccount.create({ data: { openid: identities[i]!.openid } });
    const body = `330106${p.birth}${String(11 + i * 2).padStart(2, '0')}${p.sex === 'MALE' ? 1 : 2}`;
    const profile = await profiles.create(SEED_ACTOR, account.id, {
      name: p.name,
      idType: 'RESIDENT_ID',
      idNumber: body + residentIdCheckChar(body),
      phone: p.phone,
      relationship: 'SELF',
    });
    profileIds.push({ accountId: account.id, profileId: profile.id });
    // 王芳's daughter is too young for an ID of her own: registered on her mother's (docs/decisions/019).
    if (p.login === '王芳') {
      await profiles.create(SEED_ACTOR, account.id, {
        name: '王小雨',
        idType: 'CHILD_NO_ID',
        birthDate: '2023-06-18',
        sex: 'FEMALE',
        guardianName: p.name,
        guardianIdType: 'RESIDENT_ID',
        guardianIdNumber: body + residentIdCheckChar(body),
        phone: p.phone,
        relationship: 'CHILD',
      });
    }
  }

  const { timeZone } = await catalog.hospitalContext();
  const tomorrow = addDays(localDate(opts.now, timeZone), 1);
  const doctor = await db.doctor.findUnique({ where: { code: 'D001' } });
  const session = doctor
    ? await db.clinicSession.findFirst({
        where: { doctorId: doctor.id, date: { gte: dateValue(tomorrow) }, period: 'EVENING' },
        orderBy: { date: 'asc' },
        include: { slots: { orderBy: { startsAt: 'asc' } } },
      })
    : null;
  if (!session) return { bookings: 0, waiting: 0 };

  let bookings = 0;
  const places = session.slots.flatMap((s) => Array.from({ length: s.capacity }, () => s.id));
  for (const [i, slotId] of places.entries()) {
    const who = profileIds[i];
    if (!who) break;
    const b = await booking.book(SEED_ACTOR, { slotId, profileId: who.profileId, channel: 'WINDOW' });
    await uow.run(({ tx }) => booking.confirmPaid(tx, b.id));
    bookings++;
  }
  let waiting = 0;
  for (const who of profileIds.slice(places.length)) {
    await waitlist.join(SEED_ACTOR, who.accountId, { sessionId: session.id, profileId: who.profileId });
    waiting++;
  }
  return { bookings, waiting };
}
