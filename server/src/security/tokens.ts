import { createSecretKey, randomUUID } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '@hospital/shared';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { Principal } from '../core/actor';

const ISSUER = 'hospital-api';

const claimsSchema = z.object({
  sub: z.string().min(1),
  typ: z.enum(['access', 'refresh']),
  kind: z.enum(['patient', 'staff']),
  roles: z.array(z.enum(STAFF_ROLES)).optional(),
  username: z.string().optional(),
  /** Staff: their department (null when none). Tokens issued before it existed reach no department. */
  dept: z.string().nullable().optional(),
  /** The sign-in (auth_session row) the token belongs to; tokens issued before sessions existed have none. */
  sid: z.string().min(1),
  jti: z.string().min(1),
});

export class TokenError extends Error {
  constructor(readonly reason: 'TOKEN_EXPIRED' | 'TOKEN_INVALID') {
    super(reason);
  }
}

export interface IssuedTokens {
  tokenType: 'Bearer';
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
}

/** The sign-in a pair of tokens belongs to: the auth_session row and the jti its refresh token must carry. */
export interface SessionRef {
  sessionId: string;
  refreshTokenId: string;
}

export interface RefreshClaims {
  kind: 'patient' | 'staff';
  subject: string;
  sessionId: string;
  /** The refresh token's jti: only the session's newest may be exchanged. */
  tokenId: string;
}

export interface TokenService {
  /**
   * Signs an access and a refresh token for a sign-in. Without `session` (tests and tools that mint access
   * tokens for accounts they made themselves) the tokens name a session that does not exist, so the refresh
   * token cannot be exchanged.
   */
  issue(principal: Principal, session?: SessionRef): IssuedTokens;
  /** Verifies an access token and names its session (checked against ended sessions); throws TokenError. */
  verifyAccess(token: string): { principal: Principal; sessionId: string };
  /**
   * Verifies a refresh token's signature and kind and returns whom it was issued to; the caller checks the
   * session. `ignoreExpiry` for signing out, which must work with an expired token too.
   */
  verifyRefresh(token: string, opts?: { ignoreExpiry?: boolean }): RefreshClaims;
  readonly accessTtlSeconds: number;
  readonly refreshTtlSeconds: number;
}

/**
 * HS256 JWTs, each naming its sign-in (`sid`, an auth_session row): refresh tokens are checked against that
 * row (rotation, reuse, sign-out) and access tokens against the in-memory list of ended sessions
 * (modules/auth/revocations.ts), so ending a session takes effect at once without a query per request.
 * The rest is stateless. Access tokens are short-lived and carry the roles (and a staff member's department);
 * refresh tokens live longer and only name the subject, so role and department changes take effect at the
 * next refresh. The algorithm is pinned on
 * verify: without it, tokens signed with HS384 or `alg: none` tricks get through some libraries.
 */
export function createTokenService(opts: {
  secret: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}): TokenService {
  // A KeyObject rather than the string: given a string, jsonwebtoken first tries to parse it as a PEM public
  // key on every verify and fails (an exception per request: 15 % of the server's CPU in the booking bench).
  const key = createSecretKey(Buffer.from(opts.secret, 'utf8'));
  const sign = (claims: object, ttl: number, jwtid: string = randomUUID()) =>
    jwt.sign(claims, key, {
      algorithm: 'HS256',
      expiresIn: ttl,
      issuer: ISSUER,
      jwtid,
    });

  function verify(token: string, typ: 'access' | 'refresh', ignoreExpiration = false) {
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, key, { algorithms: ['HS256'], issuer: ISSUER, ignoreExpiration });
    } catch (error) {
      throw new TokenError(error instanceof jwt.TokenExpiredError ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success || claims.data.typ !== typ) throw new TokenError('TOKEN_INVALID');
    return claims.data;
  }

  return {
    accessTtlSeconds: opts.accessTtlSeconds,
    refreshTtlSeconds: opts.refreshTtlSeconds,
    issue(principal, session) {
      const sid = session?.sessionId ?? randomUUID();
      const base =
        principal.kind === 'patient'
          ? { sub: principal.accountId, kind: 'patient', sid }
          : {
              sub: principal.staffId,
              kind: 'staff',
              sid,
              roles: principal.roles,
              username: principal.username,
              dept: principal.departmentId,
            };
      return {
        tokenType: 'Bearer',
        accessToken: sign({ ...base, typ: 'access' }, opts.accessTtlSeconds),
        expiresIn: opts.accessTtlSeconds,
        refreshToken: sign(
          { sub: base.sub, kind: base.kind, sid, typ: 'refresh' },
          opts.refreshTtlSeconds,
          session?.refreshTokenId,
        ),
      };
    },
    verifyAccess(token) {
      const c = verify(token, 'access');
      const principal: Principal =
        c.kind === 'patient'
          ? { kind: 'patient', accountId: c.sub }
          : {
              kind: 'staff',
              staffId: c.sub,
              username: c.username ?? '',
              roles: (c.roles ?? []) as StaffRole[],
              departmentId: c.dept ?? null,
            };
      return { principal, sessionId: c.sid };
    },
    verifyRefresh(token, verifyOpts) {
      const c = verify(token, 'refresh', verifyOpts?.ignoreExpiry);
      return { kind: c.kind, subject: c.sub, sessionId: c.sid, tokenId: c.jti };
    },
  };
}
