import { zonedInstant } from '../../shared/src/time';
import type { Database } from '../../server/src/db/client';
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
  const doctor = opts.doctorCode ? await prisma.doctor.findUniqueOrThrow({ where: { code: opts.doctorCode } }) : null;
  const exam = opts.examCode ? await prisma.examType.findUniqueOrThrow({ where: { code: opts.examCode } }) : null;
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
    .send({ name: '测试患者', idType: 'RESIDENT_ID', idNumber: residentId(n), phone: '13800138000', relationship: 'SELF' })
    .expect(201);
  return { token, profileId: res.body.id as string, auth: { Authorization: `Bearer ${token}` } };
}
