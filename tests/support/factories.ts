import type { Database } from '../../server/src/db/client';
import { zonedInstant } from '../../shared/src/time';
import type { TestApp } from './app';

const ZONE = 'Asia/Shanghai';

/**
 * A clinic session with consecutive slots, written straight to the database (the scheduling module has its
 * own tests; booking tests need precise, small fixtures). Times are hospital-local.
 */
export async function createSession(
  db: Database,
  opts: {
    doctorCode?: string;
    examCode?: string;
    date: string;
    start?: string;
    slots?: number;
    slotMinutes?: number;
    capacity?: number;
    feeFen?: number;
    period?: 'AM' | 'PM' | 'EVENING';
  },
) {
  const prisma = db.prisma;
  const doctor = opts.doctorCode
    ? await prisma.doctor.findUniqueOrThrow({ where: { code: opts.doctorCode } })
    : null;
  const exam = opts.examCode
    ? await prisma.examType.findUniqueOrThrow({ where: { code: opts.examCode } })
    : null;
  const departmentId = (doctor?.departmentId ?? exam?.departmentId)!;
  const slotMinutes = opts.slotMinutes ?? 30;
  const count = opts.slots ?? 4;
  const first = zonedInstant(opts.date, opts.start ?? '08:00', ZONE);
  const end = new Date(first.getTime() + count * slotMinutes * 60_000);
  const session = await prisma.clinicSession.create({
    data: {
      departmentId,
      doctorId: doctor?.id ?? null,
      examTypeId: exam?.id ?? null,
      date: new Date(`${opts.date}T00:00:00Z`),
      period: opts.period ?? 'AM',
      startsAt: first,
      endsAt: end,
      feeFen: opts.feeFen ?? 3000,
    },
  });
  const slots = [];
  for (let i = 0; i < count; i++) {
    const startsAt = new Date(first.getTime() + i * slotMinutes * 60_000);
    slots.push(
      await prisma.slot.create({
        data: {
          sessionId: session.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + slotMinutes * 60_000),
          capacity: opts.capacity ?? 2,
        },
      }),
    );
  }
  return { session, slots, departmentId, doctorId: doctor?.id ?? null };
}

/** Valid resident ID numbers, generated with the GB 11643 check digit. */
export function residentId(n: number, birth = '19800101'): string {
  const body = `110101${birth}${String(n % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A signed-in patient with one profile, through the API. */
export async function patientWithProfile(t: TestApp, name: string, n: number) {
  const token = await t.patientToken(name);
  const res = await t.http
    .post('/api/v1/me/profiles')
    .set('Authorization', `Bearer ${token}`)
    .send({
      name: '测试患者',
      idType: 'RESIDENT_ID',
      idNumber: residentId(n),
      phone: '13800138000',
      relationship: 'SELF',
    })
    .expect(201);
  return { token, profileId: res.body.id as string, auth: { Authorization: `Bearer ${token}` } };
}

/**
 * Many patients at once, written straight to the database (one account and one profile each) with tokens
 * issued by the app's own token service — for concurrency tests and benchmarks.
 */
export async function bulkPatients(t: TestApp, count: number, tag: string) {
  const accounts = Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    openid: `bulk-${tag}-${i}`,
  }));
  await t.db.prisma.patientAccount.createMany({ data: accounts });
  const profiles = accounts.map((a, i) => ({
    id: crypto.randomUUID(),
    accountId: a.id,
    name: `患者${i}`,
    idType: 'RESIDENT_ID' as const,
    idNumberHash: `bulk-${tag}-${i}`,
    idNumberEnc: 'x',
    idNumberMasked: '1101**********0000',
    phoneEnc: 'x',
    phoneMasked: '138****0000',
    birthDate: new Date('1980-01-01T00:00:00Z'),
    sex: 'MALE' as const,
    relationship: 'SELF' as const,
  }));
  await t.db.prisma.profile.createMany({ data: profiles });
  return accounts.map((a, i) => ({
    accountId: a.id,
    profileId: profiles[i]!.id,
    token: t.tokens.issue({ kind: 'patient', accountId: a.id }).accessToken,
  }));
}

/** Pays a held booking the way the H5 app does with the local stand-in: pay, then confirm. */
export async function payBooking(t: TestApp, auth: Record<string, string>, bookingId: string) {
  const pay = await t.http.post(`/api/v1/bookings/${bookingId}/pay`).set(auth).expect(200);
  await t.http.post(`/api/v1/payments/local/${pay.body.order.orderNo}/confirm`).set(auth).expect(200);
  return pay.body.order.orderNo as string;
}

/** The refunds asked for a booking's orders. */
export function refundsOf(t: TestApp, bookingId: string) {
  return t.db.prisma.paymentRefund.findMany({ where: { order: { bookingId } } });
}

/** Sends requested refunds and lets the local stand-in settle them (it waits for this in tests). */
export async function settleRefunds(t: TestApp) {
  await t.services.payment.processRefunds();
  const provider = t.services.payProvider;
  if (provider.kind === 'local') await provider.flushRefunds();
}
