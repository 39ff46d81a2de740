// `@hospital/shared/api`: the endpoint table and the typed API client, free of zod and luxon at run time (the
// mini-program's main package and the console load it; the types come from the zod contracts, type-only).
export * from './client';
export * from './endpoints';
export * from './errors';
export * from './idempotency';
export * from './sign-in';
export * from './transport';
export * from './types';
export * from './url';
