import type { Database } from '../db/client';
import type { WechatLoginClient } from '../integrations/wechat/login';
import type { Clock } from '../lib/clock';
import type { PiiCipher } from '../security/pii';
import type { TokenService } from '../security/tokens';
import { createAuditService } from './audit/audit.service';
import { createAuthService } from './auth/auth.service';
import { createCatalogService } from './catalog/catalog.service';
import { createProfileService } from './profile/profile.service';

/** Everything the services need from outside; tests pass their own (clock, WeChat stand-ins). */
export interface ServiceDeps {
  database: Database;
  clock: Clock;
  tokens: TokenService;
  pii: PiiCipher;
  wechatLogin: WechatLoginClient;
  hospitalCode?: string;
}

/** Wires the domain services once; routes receive this object. */
export function createServices(deps: ServiceDeps) {
  const db = deps.database.prisma;
  const { clock } = deps;
  const audit = createAuditService(db);
  const catalog = createCatalogService({ db, audit, clock, hospitalCode: deps.hospitalCode });
  return {
    database: deps.database,
    audit,
    catalog,
    auth: createAuthService({ db, clock, tokens: deps.tokens, wechat: deps.wechatLogin }),
    profiles: createProfileService({ db, clock, pii: deps.pii, audit, catalog }),
  };
}

export type Services = ReturnType<typeof createServices>;
