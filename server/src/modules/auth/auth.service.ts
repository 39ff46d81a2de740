import { type PatientAccount, permissionsOf, type StaffSummary } from '@hospital/shared';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import type { WechatLoginClient } from '../../integrations/wechat/login';
import { burnPasswordCheck, verifyPassword } from '../../security/passwords';
import type { TokenService } from '../../security/tokens';
import type { HospitalContext } from '../catalog/catalog.service';
import { authRepository } from './auth.repository';
import { sessionRepository } from './session.repository';
import type { SessionService } from './session.service';

type StaffRow = NonNullable<Awaited<ReturnType<ReturnType<typeof authRepository>['findStaff']>>>;

/** A member of staff as every answer names them (the admin's account list adds to it). */
export function presentStaff(
  s: Pick<StaffRow, 'id' | 'username' | 'displayName' | 'roles' | 'departmentId'>,
): StaffSummary {
  return {
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    roles: s.roles,
    departmentId: s.departmentId,
  };
}

export function createAuthService(deps: {
  /** Each operation's transaction (core/unit-of-work.ts). */
  uow: UnitOfWork<HospitalContext>;
  db: Db;
  clock: Clock;
  tokens: TokenService;
  wechat: WechatLoginClient;
  sessions: SessionService;
}) {
  const repo = authRepository(deps.db);

  async function account(id: string): Promise<PatientAccount> {
    const summary = await repo.accountSummary(id);
    if (!summary) throw new AppError('TOKEN_INVALID');
    return { ...summary, createdAt: summary.createdAt.toISOString() };
  }

  return {
    /** wx.login() code → account (created on first sign-in) and tokens. */
    async wechatLogin(code: string) {
      const identity = await deps.wechat.exchangeCode(code);
      // The upsert takes the account's row lock, which disabling it also takes: a sign-in racing an admin
      // either sees the account disabled or starts a session the admin's revocation then ends.
      const { accountId, session } = await deps.uow.run(async ({ tx }) => {
        const row = await authRepository(tx).upsertAccount(
          identity.openid,
          identity.unionid,
          deps.clock.now(),
        );
        if (row.disabledAt) throw new AppError('ACCOUNT_DISABLED');
        return {
          accountId: row.id,
          session: await deps.sessions.start(tx, { kind: 'patient', accountId: row.id }),
        };
      });
      return {
        ...deps.tokens.issue({ kind: 'patient', accountId }, session),
        account: await account(accountId),
      };
    },

    async staffLogin(username: string, password: string) {
      const staff = await repo.findStaffByUsername(username);
      if (!staff?.active) {
        await burnPasswordCheck(password);
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (!(await verifyPassword(staff.passwordHash, password))) throw new AppError('INVALID_CREDENTIALS');
      // As for patients: the row lock orders this sign-in against an admin disabling the account.
      const { row, session } = await deps.uow.run(async ({ tx }) => {
        const row = await authRepository(tx).touchStaffLogin(staff.id, deps.clock.now());
        if (!row.active) throw new AppError('INVALID_CREDENTIALS');
        return { row, session: await deps.sessions.start(tx, { kind: 'staff', staffId: row.id }) };
      });
      const tokens = deps.tokens.issue(
        {
          kind: 'staff',
          staffId: row.id,
          username: row.username,
          roles: row.roles,
          departmentId: row.departmentId,
        },
        session,
      );
      return { ...tokens, staff: presentStaff(row) };
    },

    /** A refresh re-reads the subject: a disabled account, changed roles or department take effect here. */
    /** Rotates the refresh token (see SessionService.refresh): the one presented cannot be used again. */
    refresh(refreshToken: string) {
      return deps.sessions.refresh(refreshToken, async (tx, claims) => {
        if (claims.kind === 'patient') {
          const row = await sessionRepository(tx).findAccount(claims.subject);
          if (!row) throw new AppError('TOKEN_INVALID');
          if (row.disabledAt) throw new AppError('ACCOUNT_DISABLED');
          return { kind: 'patient', accountId: row.id };
        }
        const staff = await authRepository(tx).findStaff(claims.subject);
        if (!staff?.active) throw new AppError('TOKEN_INVALID');
        return {
          kind: 'staff',
          staffId: staff.id,
          username: staff.username,
          roles: staff.roles,
          departmentId: staff.departmentId,
        };
      });
    },

    /** Signs out: the refresh token's session ends, and with it every access token it gave. */
    logout(refreshToken: string) {
      return deps.sessions.logout(refreshToken);
    },

    account,

    async staffMe(id: string) {
      const staff = await repo.findStaff(id);
      if (!staff?.active) throw new AppError('TOKEN_INVALID');
      const me = presentStaff(staff);
      return { ...me, permissions: permissionsOf({ kind: 'staff', ...me }) };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
