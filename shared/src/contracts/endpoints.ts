import type { z } from 'zod';
import type { EndpointKey, Endpoints, PathParamNames } from '../api/endpoints';
import type { ErrorCode } from '../errors';
import { auditEndpoints } from './audit';
import { accountEndpoints, authEndpoints } from './auth';
import { bookingEndpoints } from './booking';
import { catalogEndpoints } from './catalog';
import { deskEndpoints } from './desk';
import { paymentEndpoints } from './payment';
import { privacyEndpoints } from './privacy';
import { profileEndpoints } from './profile';
import { schedulingEndpoints } from './scheduling';

/**
 * The zod half of an endpoint's contract, keyed like `ENDPOINTS` (shared/src/api/endpoints.ts, which holds
 * its method, path, access, status and idempotency). The server validates requests and parses answers
 * through these schemas and writes the OpenAPI document from them; clients take their types from them with
 * `import type` only, so no client pays for zod at run time.
 */
interface ContractFields {
  summary: string;
  tags: readonly string[];
  query?: z.ZodType;
  body?: z.ZodType;
  /** The answer's schema; the server parses its result through it, so fields outside it never leak. None: 204. */
  response?: z.ZodType;
  /** Codes the endpoint can answer besides the generic ones (validation, rate limit, auth, not found). */
  errors?: readonly ErrorCode[];
}

type ParamsField<Path extends string> = [PathParamNames<Path>] extends [never]
  ? { params?: never }
  : { params: z.ZodType<{ [N in PathParamNames<Path>]: unknown }> };

/** The contract of one endpoint: a params schema exactly when its path has `:params`, covering each of them. */
export type EndpointContract<K extends EndpointKey> = ContractFields & ParamsField<Endpoints[K]['path']>;

/** Some endpoints' contracts (a domain's), each checked against its key. */
export type EndpointContracts = { readonly [K in EndpointKey]?: EndpointContract<K> };

/** Every endpoint's contract: a key missing here, or one `ENDPOINTS` does not have, fails to compile. */
export const ENDPOINT_CONTRACTS = {
  ...authEndpoints,
  ...accountEndpoints,
  ...profileEndpoints,
  ...privacyEndpoints,
  ...catalogEndpoints,
  ...auditEndpoints,
  ...bookingEndpoints,
  ...deskEndpoints,
  ...paymentEndpoints,
  ...schedulingEndpoints,
} satisfies { readonly [K in EndpointKey]: EndpointContract<K> };

export type EndpointContractTable = typeof ENDPOINT_CONTRACTS;
