import type {
  AdminPatientAccount,
  StaffAccount,
  StaffAccountQuery,
  StaffCreate,
  StaffUpdate,
} from '@hospital/shared';
import type { Actor } from '../../core/actor';
import { notFound } from '../../core/errors';
import type { AccountsDeps } from './accounts.deps';
import { sessionRepository } from './session.repository';
import { createStaff } from './use-cases/create-staff';
import { listStaff, staffAccount } from './use-cases/list-staff';
import { resetStaffPassword } from './use-cases/reset-staff-password';
import { assertNotSelfLockout } from './use-cases/staff-rules';
import { updateStaff } from './use-cases/update-staff';

/**
 * The admin's levers on accounts: disable a patient account; open, change, disable or re-enable a member of
 * staff's account, set a temporary password, end their sessions. Each change, the sessions it ends and its audit row commit together; the
 * ended sessions' access tokens are refused from the commit on (SessionService.ended).
 */
export function createAccountsService(deps: AccountsDeps) {
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

    listStaff: (query: StaffAccountQuery) => listStaff(deps, query),
    createStaff: (actor: Actor, input: StaffCreate) => createStaff(deps, actor, input),
    updateStaff: (actor: Actor, id: string, input: StaffUpdate) => updateStaff(deps, actor, id, input),
    resetStaffPassword: (actor: Actor, id: string, password: string) =>
      resetStaffPassword(deps, actor, id, password),

    /** Disables a member of staff: sign-in refused (as a wrong password), every session ended at once. */
    async disableStaff(actor: Actor, id: string, reason: string): Promise<StaffAccount> {
      assertNotSelfLockout(actor, id, { disable: true });
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
      return staffAccount(deps, id);
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
      return staffAccount(deps, id);
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
