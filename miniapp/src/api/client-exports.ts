// The platform-free half of the API client (no Taro imports): what tests and other tools may use directly.
export * from './client';
export * from './endpoints';
export * from './errors';
export * from './idempotency';
export * from './transport';
