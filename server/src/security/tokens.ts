import { createSecretKey, randomUUID } from 'node:crypto';
import { STAFF_ROLES, type StaffRole } from '@hospital/shared';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { Principal } from '../http/state';

const ISSUER = 'hospital-api';

const claimsSchema = z.object({
  sub: z.string().min(1),
  typ: z.enum(['access', 'refresh']),
  kind: z.enum(['patient', 'staff']),
  roles: z.array(z.enum(STAFF_ROLES)).optional(),
  username: z.string().optional(),
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

export interface TokenService {
  issue(principal: Principal): IssuedTokens;
  /** Verifies an access token; throws TokenError. */
  verifyAccess(token: string): Principal;
  /** Verifies a refresh token and returns whom it was issued to (the caller re-checks they still exist). */
  verifyRefresh(token: string): { kind: 'patient' | 'staff'; subject: string };
}

/**
 * Stateless HS256 JWTs. Access tokens are short-lived and carry the roles; refresh tokens live longer and
 * only name the subject, so role changes take effect at the next refresh. The algorithm is pinned on
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
  const sign = (claims: object, ttl: number) =>
    jwt.sign(claims, key, {
      algorithm: 'HS256',
      expiresIn: ttl,
      issuer: ISSUER,
      jwtid: randomUUID(),
    });

  function verify(token: string, typ: 'access' | 'refresh') {
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, key, { algorithms: ['HS256'], issuer: ISSUER });
    } catch (error) {
      throw new TokenError(error instanceof jwt.TokenExpiredError ? 'TOKEN_EXPIRED' : 'TOKEN_INVALID');
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success || claims.data.typ !== typ) throw new TokenError('TOKEN_INVALID');
    return claims.data;
  }

  return {
    issue(principal) {
      const base =
        principal.kind === 'patient'
          ? { sub: principal.accountId, kind: 'patient' }
          : { sub: principal.staffId, kind: 'staff', roles: principal.roles, username: principal.username };
      return {
        tokenType: 'Bearer',
        accessToken: sign({ ...base, typ: 'access' }, opts.accessTtlSeconds),
        expiresIn: opts.accessTtlSeconds,
        refreshToken: sign({ sub: base.sub, kind: base.kind, typ: 'refresh' }, opts.refreshTtlSeconds),
      };
    },
    verifyAccess(token) {
      const c = verify(token, 'access');
      if (c.kind === 'patient') return { kind: 'patient', accountId: c.sub };
      return {
        kind: 'staff',
        staffId: c.sub,
        username: c.username ?? '',
        roles: (c.roles ?? []) as StaffRole[],
      };
    },
    verifyRefresh(token) {
      const c = verify(token, 'refresh');
      return { kind: c.kind, subject: c.sub };
    },
  };
}
