import { DEFAULT_HOSPITAL_RULES, type GenerationReport, type StaffRole } from '@hospital/shared';
import { fixedClock } from '../../core/clock';
import { createUnitOfWork } from '../../core/unit-of-work';
import { createAuditService } from '../../modules/audit/audit.service';
import { createCatalogService } from '../../modules/catalog/catalog.service';
import { createSchedulingService } from '../../modules/scheduling/scheduling.service';
import { hashPassword } from '../../security/passwords';
import type { PiiCipher } from '../../security/pii';
import type { Db } from '../client';
import { seedDemoActivity } from './demo-activity';
import * as demo from './demo-hospital';

/** One demo account per role; the README lists them. */
export const DEMO_STAFF: {
  username: string;
  displayName: string;
  roles: StaffRole[];
  departmentCode?: string;
}[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
  { username: 'scheduler', displayName: '门诊部排班员', roles: ['scheduler'] },
  { username: 'clerk', displayName: '挂号窗口 林晓', roles: ['clerk'] },
  { username: 'doctor', displayName: '心内科 医生', roles: ['doctor'], departmentCode: 'CARDIO' },
  { username: 'complaints', displayName: '医患办 周敏', roles: ['complaints_officer'] },
  { username: 'quality', displayName: '质控办 吴涛', roles: ['quality_officer'] },
];

export interface SeedResult {
  created: Record<string, number>;
  /** What generating the booking window did (absent when `generateWindow: false`). */
  window?: GenerationReport;
}

/**
 * Adds the demo hospital. Idempotent: every record is keyed by its code and only inserted when missing,
 * so a second run changes nothing and an admin's edits to demo data survive a re-seed.
 */
export async function seedDemoHospital(
  db: Db,
  opts: {
    demoPassword: string;
    /** The seed's "now" for generating the booking window; the real time unless given. */
    now?: Date;
    /** Generate the booking window's slots after inserting the rosters (default true). */
    generateWindow?: boolean;
    /** With it, demo patients book tomorrow's small evening clinic full and join its waitlist. */
    pii?: PiiCipher;
  },
): Promise<SeedResult> {
  const created: Record<string, number> = {};
  const count = (what: string, n: number) => {
    created[what] = (created[what] ?? 0) + n;
  };

  const existing = await db.hospital.findUnique({ where: { code: demo.hospital.code } });
  const hospital =
    existing ??
    (await db.hospital.create({
      data: { ...demo.hospital, timeZone: 'Asia/Shanghai', rules: DEFAULT_HOSPITAL_RULES },
    }));
  count('hospital', existing ? 0 : 1);

  const notices = await db.notice.createMany({
    data: demo.notices.map((n, i) => ({ ...n, hospitalId: hospital.id, sortOrder: (i + 1) * 10 })),
    skipDuplicates: true,
  });
  count('notices', notices.count);

  const departments = await db.department.createMany({
    data: demo.departments.map((d) => ({ ...d, hospitalId: hospital.id })),
    skipDuplicates: true,
  });
  count('departments', departments.count);
  const departmentIds = new Map(
    (await db.department.findMany({ where: { hospitalId: hospital.id } })).map((d) => [d.code, d.id]),
  );
  const departmentId = (code: string) => {
    const id = departmentIds.get(code);
    if (!id) throw new Error(`demo data: unknown department ${code}`);
    return id;
  };

  const doctors = await db.doctor.createMany({
    data: demo.doctors.map(({ departmentCode, ...d }) => ({
      ...d,
      departmentId: departmentId(departmentCode),
    })),
    skipDuplicates: true,
  });
  count('doctors', doctors.count);

  const rooms = await db.room.createMany({
    data: demo.rooms.map(({ departmentCode, ...r }) => ({
      ...r,
      departmentId: departmentCode ? departmentId(departmentCode) : null,
    })),
    skipDuplicates: true,
  });
  count('rooms', rooms.count);
  const roomIds = new Map((await db.room.findMany()).map((r) => [r.code, r.id]));

  const exams = await db.examType.createMany({
    data: demo.examTypes.map(({ departmentCode, roomCode, ...e }) => ({
      ...e,
      departmentId: departmentId(departmentCode),
      roomId: roomCode ? (roomIds.get(roomCode) ?? null) : null,
    })),
    skipDuplicates: true,
  });
  count('examTypes', exams.count);

  for (const s of DEMO_STAFF) {
    if (await db.staff.findUnique({ where: { username: s.username } })) continue;
    await db.staff.create({
      data: {
        username: s.username,
        displayName: s.displayName,
        roles: s.roles,
        departmentId: s.departmentCode ? departmentId(s.departmentCode) : null,
        passwordHash: await hashPassword(opts.demoPassword),
      },
    });
    count('staff', 1);
  }
  // Rosters, keyed by (doctor | exam type, weekday, period): the unique constraints make a second run a no-op.
  const doctorRows = new Map((await db.doctor.findMany()).map((d) => [d.code, d]));
  const examRows = new Map((await db.examType.findMany()).map((e) => [e.code, e]));
  const rosters = await db.rosterTemplate.createMany({
    data: demo.rosters.map(({ doctorCode, examTypeCode, roomCode, ...r }) => {
      const owner = doctorCode ? doctorRows.get(doctorCode) : examRows.get(examTypeCode ?? '');
      if (!owner) throw new Error(`demo data: unknown roster owner ${doctorCode ?? examTypeCode}`);
      const roomId = roomIds.get(roomCode);
      if (!roomId) throw new Error(`demo data: unknown room ${roomCode}`);
      return {
        ...r,
        departmentId: owner.departmentId,
        doctorId: doctorCode ? owner.id : null,
        examTypeId: doctorCode ? null : owner.id,
        roomId,
      };
    }),
    skipDuplicates: true,
  });
  count('rosters', rosters.count);

  if (opts.generateWindow === false) return { created };
  // Slots come from the same generator the job runner calls, so the demo starts with a bookable window.
  const now = opts.now ?? new Date();
  const clock = fixedClock(now);
  const audit = createAuditService(db);
  const catalog = createCatalogService({ db, audit, clock, hospitalCode: hospital.code });
  const uow = createUnitOfWork({ db, clock, hospital: (tx) => catalog.hospitalContext(tx) });
  const scheduling = createSchedulingService({ uow, db, clock, audit, catalog });
  const window = await scheduling.generateWindow(now);
  if (opts.pii) {
    const activity = await seedDemoActivity(db, { now, pii: opts.pii, hospitalCode: hospital.code });
    count('demoBookings', activity.bookings);
    count('demoWaitlist', activity.waiting);
  }
  return { created, window };
}

/** True when the database has no hospital yet (an empty embedded database on first start). */
export async function isEmpty(db: Db): Promise<boolean> {
  return (await db.hospital.count()) === 0;
}
