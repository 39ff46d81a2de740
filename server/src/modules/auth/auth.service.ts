import type { PatientAccount, StaffSummary } from '@hospital/shared';
import type { Db } from '../../db/client';
import { AppError } from '../../http/errors';
import type { WechatLoginClient } from '../../integrations/wechat/login';
import type { Clock } from '../../lib/clock';
import { burnPasswordCheck, verifyPassword } from '../../security/passwords';
import { TokenError, type TokenService } from '../../security/tokens';
import { authRepository } from './auth.repository';

type StaffRow = NonNullable<Awaited<ReturnType<ReturnType<typeof authRepository>['findStaff']>>>;

function presentStaff(s: StaffRow): StaffSummary {
  return {
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    roles: s.roles,
    departmentId: s.departmentId,
  };
}

export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  tokens: TokenService;
  wechat: WechatLoginClient;
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
      const session = await deps.wechat.exchangeCode(code);
      const row = await repo.upsertAccount(session.openid, session.unionid, deps.clock.now());
      return { ...deps.tokens.issue({ kind: 'patient', accountId: row.id }), account: await account(row.id) };
    },

    async staffLogin(username: string, password: string) {
      const staff = await repo.findStaffByUsername(username);
      if (!staff?.active) {
        await burnPasswordCheck(password);
        throw new AppError('INVALID_CREDENTIALS');
      }
      if (!(await verifyPassword(staff.passwordHash, password))) throw new AppError('INVALID_CREDENTIALS');
      await repo.touchStaffLogin(staff.id, deps.clock.now());
      const tokens = deps.tokens.issue({
        kind: 'staff',
        staffId: staff.id,
        username: staff.username,
        roles: staff.roles,
      });
      return { ...tokens, staff: presentStaff(staff) };
    },

    /** A refresh re-reads the subject, so a disabled staff member or changed roles take effect here. */
    async refresh(refreshToken: string) {
      let claims: ReturnType<TokenService['verifyRefresh']>;
      try {
        claims = deps.tokens.verifyRefresh(refreshToken);
      } catch (error) {
        if (error instanceof TokenError) throw new AppError(error.reason);
        throw error;
      }
      if (claims.kind === 'patient') {
        await account(claims.subject);
        return deps.tokens.issue({ kind: 'patient', accountId: claims.subject });
      }
      const staff = await repo.findStaff(claims.subject);
      if (!staff?.active) throw new AppError('TOKEN_INVALID');
      return deps.tokens.issue({
        kind: 'staff',
        staffId: staff.id,
        username: staff.username,
        roles: staff.roles,
      });
    },

    account,

    async staffMe(id: string) {
      const staff = await repo.findStaff(id);
      if (!staff?.active) throw new AppError('TOKEN_INVALID');
      return presentStaff(staff);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
