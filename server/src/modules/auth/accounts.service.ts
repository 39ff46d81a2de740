import type { AdminPatientAccount, StaffAccount } from '@hospital/shared';
import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, notFound } from '../../core/errors';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { AuditService } from '../audit/audit.service';
import type { HospitalContext } from '../catalog/catalog.service';
import { presentStaff } from './auth.service';
import { sessionRepository } from './session.repository';
import type { SessionService } from './session.service';

type StaffRow = NonNullable<Awaited<ReturnType<ReturnType<typeof sessionRepository>['findStaff']>>>;

function presentStaffAccount(s: StaffRow, activeSessions: number): StaffAccount {
  return {
    ...presentStaff(s),
    active: s.active,
    lastLoginAt: s.lastLoginAt?.toISOString() ?? null,
    activeSessions,
  };
}

/**
 * The admin's levers on sign-ins: disable a patient account, disable or re-enable a member of staff, end a
 * member of staff's sessions. Each change, the sessions it ends and its audit row commit together; the
 * ended sessions' access tokens are refused from the commit on (SessionService.ended).
 */
export function createAccountsService(deps: {
  /** Each operation's transaction (core/unit-of-work.ts). */
  uow: UnitOfWork<HospitalContext>;
  db: Db;
  clock: Clock;
  audit: AuditService;
  sessions: SessionService;
}) {
  const { db, uow, clock, audit, sessions } = deps;

  async function patient(id: string): Promise<AdminPatientAccount> {
    const repo = sessionRepository(db);
    const row = await repo.findAccount(id);
    if (!row) throw notFound('患者账号');
    return {
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
      disabledAt: row.disabledAt?.toISOString() ?? null,
      disabledReason: row.disabledReason,
      profileCount: row._count.profiles,
      activeSessions: await repo.countLive({ kind: 'patient', accountId: id }, clock.now()),
    };
  }

  async function staffAccount(id: string): Promise<StaffAccount> {
    const repo = sessionRepository(db);
    const row = await repo.findStaff(id);
    if (!row) throw notFound('工作人员账号');
    return presentStaffAccount(row, await repo.countLive({ kind: 'staff', staffId: id }, clock.now()));
  }

  const notSelf = (actor: Actor, staffId: string) => {
    if (actor.type === 'staff' && actor.id === staffId) {
      throw new AppError('FORBIDDEN', {
        zh: '不能停用自己的账号',
        en: 'You cannot disable your own account',
      });
    }
  };

  return {
    patient,

    /** Disables a patient account: no sign-in, no refresh, and its current tokens are refused at once. */
    async disablePatient(actor: Actor, id: string, reason: string): Promise<AdminPatientAccount> {
      const ended = await uow.run(async ({ tx }) => {
        const repo = sessionRepository(tx);
        // Sign-in takes the same row lock, so no session can start between the flag and the revocation.
        const [locked] = await repo.lockAccount(id);
        if (!locked) throw notFound('患者账号');
        if (locked.disabled_at) return [];
        const now = clock.now();
        await repo.setAccountDisabled(id, now, reason);
        const ids = await sessions.endAll(tx, { kind: 'patient', accountId: id }, 'ACCOUNT_DISABLED');
        await audit.record(tx, actor, {
          action: 'patient_account.disable',
          entityType: 'patient_account',
          entityId: id,
          before: { disabledAt: null, disabledReason: null },
          after: { disabledAt: now, disabledReason: reason, endedSessions: ids.length },
        });
        return ids;
      });
      await sessions.ended(ended);
      return patient(id);
    },

    async enablePatient(actor: Actor, id: string): Promise<AdminPatientAccount> {
      await uow.run(async ({ tx }) => {
        const repo = sessionRepository(tx);
        const [locked] = await repo.lockAccount(id);
        if (!locked) throw notFound('患者账号');
        if (!locked.disabled_at) return;
        const before = await repo.findAccount(id);
        await repo.setAccountDisabled(id, null, null);
        await audit.record(tx, actor, {
          action: 'patient_account.enable',
          entityType: 'patient_account',
          entityId: id,
          before: { disabledAt: before?.disabledAt ?? null, disabledReason: before?.disabledReason ?? null },
          after: { disabledAt: null, disabledReason: null },
        });
      });
      return patient(id);
    },

    async listStaff(): Promise<StaffAccount[]> {
      const repo = sessionRepository(db);
      const [rows, live] = [await repo.listStaff(), await repo.liveByStaff(clock.now())];
      return rows.map((s) => presentStaffAccount(s, live.get(s.id) ?? 0));
    },

    /** Disables a member of staff: sign-in refused (as a wrong password), every session ended at once. */
    async disableStaff(actor: Actor, id: string, reason: string): Promise<StaffAccount> {
      notSelf(actor, id);
      const ended = await uow.run(async ({ tx }) => {
        const repo = sessionRepository(tx);
        const [locked] = await repo.lockStaff(id);
        if (!locked) throw notFound('工作人员账号');
        if (!locked.active) return [];
        await repo.setStaffActive(id, false);
        const ids = await sessions.endAll(tx, { kind: 'staff', staffId: id }, 'ACCOUNT_DISABLED');
        await audit.record(tx, actor, {
          action: 'staff.disable',
          entityType: 'staff',
          entityId: id,
          before: { active: true },
          after: { active: false, reason, endedSessions: ids.length },
        });
        return ids;
      });
      await sessions.ended(ended);
      return staffAccount(id);
    },

    async enableStaff(actor: Actor, id: string): Promise<StaffAccount> {
      await uow.run(async ({ tx }) => {
        const repo = sessionRepository(tx);
        const [locked] = await repo.lockStaff(id);
        if (!locked) throw notFound('工作人员账号');
        if (locked.active) return;
        await repo.setStaffActive(id, true);
        await audit.record(tx, actor, {
          action: 'staff.enable',
          entityType: 'staff',
          entityId: id,
          before: { active: false },
          after: { active: true },
        });
      });
      return staffAccount(id);
    },

    /** Ends every session of a member of staff (a lost phone, a shared password): they sign in again. */
    async revokeStaffSessions(actor: Actor, id: string): Promise<{ revoked: number }> {
      const ended = await uow.run(async ({ tx }) => {
        const repo = sessionRepository(tx);
        const [locked] = await repo.lockStaff(id);
        if (!locked) throw notFound('工作人员账号');
        const ids = await sessions.endAll(tx, { kind: 'staff', staffId: id }, 'ADMIN_REVOKED');
        await audit.record(tx, actor, {
          action: 'staff.sessions_revoke',
          entityType: 'staff',
          entityId: id,
          before: { endedSessions: null },
          after: { endedSessions: ids.length },
        });
        return ids;
      });
      await sessions.ended(ended);
      return { revoked: ended.length };
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
