import { type HttpHandler, HttpResponse, http } from 'msw';

/**
 * The server's sign-in endpoints as msw handlers, rotating refresh tokens as the real server does: every
 * refresh answers a new refresh token and refuses the one used from then on; an old one coming back ends the
 * sign-in (its newest tokens refused too, SESSION_REVOKED); sign-out ends it. Access tokens are
 * `access-<n>`, refresh tokens `refresh-<n>`, numbered in the order they were issued.
 */
export interface FakeAuthServer {
  handlers: HttpHandler[];
  /** Whether an access token would be accepted now (expire one with `expire`). */
  accepts(accessToken: string | null): boolean;
  expire(accessToken: string): void;
  /** The refresh tokens the client sent, in order. */
  readonly refreshesSeen: string[];
  readonly logoutsSeen: string[];
}

export function fakeAuthServer(
  base: string,
  account = { id: 'acc-1', createdAt: '2026-01-01T00:00:00.000Z', profileCount: 0 },
): FakeAuthServer {
  let n = 0;
  /** Sign-in id → its one valid refresh token (undefined once ended). */
  const families = new Map<number, string | undefined>();
  const familyOfRefresh = new Map<string, number>();
  const familyOfAccess = new Map<string, number>();
  const expired = new Set<string>();
  const refreshesSeen: string[] = [];
  const logoutsSeen: string[] = [];
  const error = (code: string, status = 401) =>
    HttpResponse.json({ error: { code, message: code, requestId: 'r' } }, { status });

  const issue = (family: number) => {
    n++;
    const tokens = {
      tokenType: 'Bearer',
      accessToken: `access-${n}`,
      refreshToken: `refresh-${n}`,
      expiresIn: 1800,
    };
    families.set(family, tokens.refreshToken);
    familyOfRefresh.set(tokens.refreshToken, family);
    familyOfAccess.set(tokens.accessToken, family);
    return tokens;
  };

  return {
    refreshesSeen,
    logoutsSeen,
    expire: (token) => void expired.add(token),
    accepts(token) {
      if (!token) return false;
      const family = familyOfAccess.get(token);
      return family !== undefined && families.get(family) !== undefined && !expired.has(token);
    },
    handlers: [
      http.post(`${base}/api/v1/auth/wechat`, () =>
        HttpResponse.json({ ...issue(families.size + 1), account }),
      ),
      http.post(`${base}/api/v1/auth/refresh`, async ({ request }) => {
        const { refreshToken } = (await request.json()) as { refreshToken: string };
        refreshesSeen.push(refreshToken);
        const family = familyOfRefresh.get(refreshToken);
        if (family === undefined) return error('TOKEN_INVALID');
        const current = families.get(family);
        if (current === undefined) return error('SESSION_REVOKED');
        if (current !== refreshToken) {
          families.set(family, undefined); // reuse: the whole sign-in ends
          return error('SESSION_REVOKED');
        }
        return HttpResponse.json(issue(family));
      }),
      http.post(`${base}/api/v1/auth/logout`, async ({ request }) => {
        const { refreshToken } = (await request.json()) as { refreshToken: string };
        logoutsSeen.push(refreshToken);
        const family = familyOfRefresh.get(refreshToken);
        if (family === undefined) return error('TOKEN_INVALID');
        families.set(family, undefined);
        return new HttpResponse(null, { status: 204 });
      }),
    ],
  };
}
