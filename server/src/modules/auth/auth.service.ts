import { permissionsOf, type StaffSummary } from '@hospital/shared';
import type { Actor } from '../../core/actor';
import { AppError } from '../../core/errors';
import type { WechatLoginClient } from '../../integrations/wechat/login';
import { burnPasswordCheck, verifyPassword } from '../../security/passwords';
import type { AuthDeps } from './auth.deps';
import { authRepository } from './auth.repository';
import { sessionRepository } from './session.repository';
import { smsRepository } from './sms.repository';
import { changeStaffPassword, type PasswordChange } from './use-cases/change-password';
import { patientAccount, signInPatient } from './use-cases/patient-sign-in';
import { sendSmsCode } from './use-cases/send-sms-code';
import { signInBySms } from './use-cases/sign-in-by-sms';

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

export function createAuthService(deps: AuthDeps & { wechat: WechatLoginClient }) {
  const repo = authRepository(deps.db);
  const account = (id: string) => patientAccount(deps.db, id);

  return {
    /** wx.login() code → account (created on first sign-in) and tokens. */
    async wechatLogin(code: string) {
      const identity = await deps.wechat.exchangeCode(code);
      return signInPatient(deps, identity.openid, identity.unionid);
    },

    /** H5: texts a sign-in code to a mobile number (use-cases/send-sms-code.ts). */
    smsSend: (mobile: string, privacyVersion: string | undefined) =>
      sendSmsCode(deps, mobile, privacyVersion),

    /** H5: mobile number and texted code → account (created on first sign-in) and tokens. */
    smsLogin: (mobile: string, code: string, privacyVersion: string | undefined, requestId: string | null) =>
      signInBySms(deps, mobile, code, privacyVersion, requestId),

    /** Forgets sign-in codes a day old: long expired, past every limit and lockout window. */
    purgeSmsCodes: () =>
      smsRepository(deps.db).purgeCreatedBefore(new Date(deps.clock.now().getTime() - 86_400_000)),

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

    /** The member's own password (use-cases/change-password.ts): their other sign-ins end. */
    changePassword: (actor: Actor, staffId: string, sessionId: string, change: PasswordChange) =>
      changeStaffPassword(deps, actor, staffId, sessionId, change),

    async staffMe(id: string) {
      const staff = await repo.findStaff(id);
      if (!staff?.active) throw new AppError('TOKEN_INVALID');
      const me = presentStaff(staff);
      return { ...me, permissions: permissionsOf({ kind: 'staff', ...me }) };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
