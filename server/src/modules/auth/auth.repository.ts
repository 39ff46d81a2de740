import type { StaffRole } from '@hospital/shared';
import type { DbClient } from '../../db/client';

export function authRepository(db: DbClient) {
  return {
    /** Find-or-create by openid in one statement, so two first logins at once make one account. */
    upsertAccount(openid: string, unionid: string | null, now: Date) {
      return db.patientAccount.upsert({
        where: { openid },
        create: { openid, unionid, lastLoginAt: now },
        update: { lastLoginAt: now, ...(unionid ? { unionid } : {}) },
      });
    },
    async accountSummary(id: string) {
      const row = await db.patientAccount.findUnique({
        where: { id },
        include: { _count: { select: { profiles: { where: { deletedAt: null } } } } },
      });
      return row && { id: row.id, createdAt: row.createdAt, profileCount: row._count.profiles };
    },
    findStaffByUsername(username: string) {
      return db.staff.findUnique({ where: { username } });
    },
    findStaff(id: string) {
      return db.staff.findUnique({ where: { id } });
    },
    setStaffPassword(id: string, passwordHash: string) {
      return db.staff.update({ where: { id }, data: { passwordHash }, select: { id: true } });
    },
    createStaff(data: {
      username: string;
      passwordHash: string;
      displayName: string;
      roles: StaffRole[];
      departmentId: string | null;
    }) {
      return db.staff.create({ data, select: { id: true } });
    },
    updateStaff(
      id: string,
      data: { displayName?: string; roles?: StaffRole[]; departmentId?: string | null },
    ) {
      return db.staff.update({ where: { id }, data, select: { id: true } });
    },
    touchStaffLogin(id: string, now: Date) {
      return db.staff.update({ where: { id }, data: { lastLoginAt: now } });
    },
    upsertStaff(data: {
      username: string;
      passwordHash: string;
      displayName: string;
      roles: StaffRole[];
      departmentId: string | null;
    }) {
      return db.staff.upsert({ where: { username: data.username }, create: data, update: {} });
    },
  };
}
