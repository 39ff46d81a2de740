import { randomUUID } from 'node:crypto';
import type { Principal } from '../../core/actor';
import { SYSTEM_ACTOR } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { Tx, UnitOfWork } from '../../core/unit-of-work';
import type { Db } from '../../db/client';
import {
  type IssuedTokens,
  type RefreshClaims,
  type SessionRef,
  TokenError,
  type TokenService,
} from '../../security/tokens';
import type { AuditService } from '../audit/audit.service';
import type { HospitalContext } from '../catalog/catalog.service';
import type { Revocations } from './revocations';
import { type RevokeReason, type SessionOwner, sessionRepository } from './session.repository';

/**
 * Sign-ins as rows (auth_session): one per sign-in, the family of every refresh token descended from it.
 *
 * - A refresh token is exchanged once: the exchange moves the session on to a new token id (one conditional
 *   UPDATE), so of two requests with the same token exactly one succeeds.
 * - A token that was already exchanged coming back means a copy is in someone else's hands: the whole session
 *   is ended (REFRESH_REUSED), the legitimate holder included, and an audit row says so — unless it is the
 *   token replaced moments ago (ROTATION_RACE_MS), which is two requests of one client racing.
 * - Ending a session (sign-out, an admin disabling the account or revoking sessions) refuses its refresh token
 *   at once (the row) and its access tokens at once (the in-memory revocations, told to other instances).
 */
/**
 * The token a refresh has just replaced, sent again within this long of it, is refused without ending the
 * sign-in: two requests racing from one client (two tabs sharing storage) are not a theft. The loser signs
 * in again (or retries with the token the winner stored); the winner's tokens keep working.
 */
export const ROTATION_RACE_MS = 10_000;

export function createSessionService(deps: {
  /** Each operation's transaction (core/unit-of-work.ts). */
  uow: UnitOfWork<HospitalContext>;
  db: Db;
  clock: Clock;
  tokens: TokenService;
  audit: AuditService;
  revocations: Revocations;
  logger: Logger;
  /** Tells the other instances that sessions were ended (PostgreSQL NOTIFY); best effort. */
  announce?: () => Promise<void>;
}) {
  const { db, uow, clock, tokens } = deps;
  const ttlMs = tokens.refreshTtlSeconds * 1000;

  function verify(token: string, ignoreExpiry = false): RefreshClaims {
    try {
      return tokens.verifyRefresh(token, { ignoreExpiry });
    } catch (error) {
      if (error instanceof TokenError) throw new AppError(error.reason);
      throw error;
    }
  }

  /** After the commit that ended them: refused here at once, and the other instances are told. */
  async function ended(ids: string[]): Promise<void> {
    if (!ids.length) return;
    deps.revocations.add(ids);
    await deps.announce?.().catch((err) => deps.logger.warn({ err }, 'could not announce ended sessions'));
  }

  /** Why a refresh token was not exchanged; ends the session when it was an old one come back. */
  async function refusal(claims: RefreshClaims): Promise<AppError> {
    const session = await sessionRepository(db).find(claims.sessionId);
    const now = clock.now();
    if (!session) return new AppError('TOKEN_INVALID');
    if (session.revokedAt) return new AppError('SESSION_REVOKED');
    if (session.expiresAt <= now) return new AppError('TOKEN_EXPIRED');
    if (session.tokenId === claims.tokenId) return new AppError('TOKEN_INVALID'); // not reached: it would rotate
    if (
      session.previousTokenId === claims.tokenId &&
      session.refreshedAt &&
      now.getTime() - session.refreshedAt.getTime() < ROTATION_RACE_MS
    ) {
      deps.logger.info(
        { sessionId: session.id },
        'a refresh lost a race with another refresh of the same token',
      );
      return new AppError('TOKEN_INVALID', {
        zh: '登录凭证已更新，请重试',
        en: 'The sign-in token was just renewed; retry',
      });
    }
    const ids = await uow.run(async ({ tx }) => {
      const revoked = await sessionRepository(tx).revoke({ id: session.id }, 'REFRESH_REUSED', now);
      if (revoked.length) {
        // Filed under the account, so its history shows it; the session's id is in the change.
        await deps.audit.record(tx, SYSTEM_ACTOR, {
          action: 'auth_session.refresh_reused',
          entityType: session.accountId ? 'patient_account' : 'staff',
          entityId: session.accountId ?? session.staffId,
          before: { endedSession: null },
          after: { endedSession: session.id, reason: 'REFRESH_REUSED' },
        });
      }
      return revoked;
    });
    deps.logger.warn(
      { sessionId: session.id, accountId: session.accountId, staffId: session.staffId },
      'a refresh token was used twice: the session is ended',
    );
    await ended(ids);
    return new AppError('SESSION_REVOKED');
  }

  return {
    /** Starts a sign-in in the caller's transaction; sign the tokens with the answer. */
    async start(tx: Tx, owner: SessionOwner): Promise<SessionRef> {
      const now = clock.now();
      const refreshTokenId = randomUUID();
      const row = await sessionRepository(tx).create(
        owner,
        refreshTokenId,
        now,
        new Date(now.getTime() + ttlMs),
      );
      return { sessionId: row.id, refreshTokenId };
    },

    /**
     * Exchanges a refresh token for new tokens. `principalOf` re-reads the subject in the same transaction
     * (and throws to refuse: a disabled account, a member of staff no longer active), so roles and
     * departments changed since the sign-in take effect here.
     */
    async refresh(
      refreshToken: string,
      principalOf: (tx: Tx, claims: RefreshClaims) => Promise<Principal>,
    ): Promise<IssuedTokens> {
      const claims = verify(refreshToken);
      const now = clock.now();
      const next = randomUUID();
      const principal = await uow.run(async ({ tx }) => {
        const moved = await sessionRepository(tx).rotate(claims.sessionId, claims.tokenId, {
          tokenId: next,
          now,
          expiresAt: new Date(now.getTime() + ttlMs),
        });
        return moved ? principalOf(tx, claims) : null;
      });
      if (!principal) throw await refusal(claims);
      return tokens.issue(principal, { sessionId: claims.sessionId, refreshTokenId: next });
    },

    /** Signs out: ends the token's session (also with an expired token; again is fine). */
    async logout(refreshToken: string): Promise<void> {
      const claims = verify(refreshToken, true);
      await ended(await sessionRepository(db).revoke({ id: claims.sessionId }, 'LOGOUT', clock.now()));
    },

    /** Ends every live session of an account in the caller's transaction; call `ended` after the commit. */
    endAll(tx: Tx, owner: SessionOwner, reason: RevokeReason): Promise<string[]> {
      return sessionRepository(tx).revoke(owner, reason, clock.now());
    },
    /** Ends every live session of an account but `keep` (the caller's), in the caller's transaction. */
    endOthers(tx: Tx, owner: SessionOwner, keep: string, reason: RevokeReason): Promise<string[]> {
      return sessionRepository(tx).revokeOthers(owner, keep, reason, clock.now());
    },
    ended,

    /** Deletes sessions whose last refresh token expired over a day ago. */
    async purgeExpired(): Promise<number> {
      const { count } = await sessionRepository(db).purgeExpired(
        new Date(clock.now().getTime() - 86_400_000),
      );
      return count;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
