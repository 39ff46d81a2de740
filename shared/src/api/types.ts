// Request and answer types of every endpoint, read from the zod contracts with `import type` only: nothing
// here exists at run time, so a client that uses them does not load zod.
import type { z } from 'zod';
import type { EndpointContractTable } from '../contracts/endpoints';
import type { EndpointKey } from './endpoints';

type Schema<
  K extends EndpointKey,
  Part extends 'params' | 'query' | 'body' | 'response',
> = EndpointContractTable[K] extends { readonly [P in Part]: infer S extends z.ZodType } ? S : undefined;

/** What a client sends as the path parameters (undefined: the path has none). */
export type RequestParams<K extends EndpointKey> =
  Schema<K, 'params'> extends z.ZodType ? z.input<Schema<K, 'params'>> : undefined;
/** What a client sends as the query string (undefined: it takes none). */
export type RequestQuery<K extends EndpointKey> =
  Schema<K, 'query'> extends z.ZodType ? z.input<Schema<K, 'query'>> : undefined;
/** What a client sends as the JSON body (undefined: it takes none). */
export type RequestBody<K extends EndpointKey> =
  Schema<K, 'body'> extends z.ZodType ? z.input<Schema<K, 'body'>> : undefined;
/** What the endpoint answers (undefined: 204, no body). */
export type ResponseOf<K extends EndpointKey> =
  Schema<K, 'response'> extends z.ZodType ? z.output<Schema<K, 'response'>> : undefined;

/** The error codes an endpoint lists besides the generic ones. */
export type ErrorCodeOf<K extends EndpointKey> = EndpointContractTable[K] extends {
  readonly errors: readonly (infer C)[];
}
  ? C
  : never;

/** A part the endpoint takes: required unless every field of it is optional, absent when it takes none. */
type Part<Name extends string, T> = [T] extends [undefined]
  ? { [P in Name]?: never }
  : object extends T
    ? { [P in Name]?: T }
    : { [P in Name]: T };

/** The options of `client.call(key, options)`: exactly the parts the endpoint takes. */
export type CallOptions<K extends EndpointKey> = Part<'params', RequestParams<K>> &
  Part<'query', RequestQuery<K>> &
  Part<'body', RequestBody<K>> & {
    /**
     * For an idempotent endpoint: the key to send instead of the one the client keeps for the action (the
     * same endpoint, path and body), e.g. one the caller stored across a restart.
     */
    idempotencyKey?: string;
  };

/** `call(key)` may leave out its options when none of them is required. */
export type CallArgs<K extends EndpointKey> =
  object extends CallOptions<K> ? [options?: CallOptions<K>] : [options: CallOptions<K>];
