/**
 * Sends the H5 sign-in codes by text message. Two implementations: the real one calls Aliyun SMS (dysmsapi
 * SendSms, aliyun.ts); the local one (the embedded default when no AccessKey is configured) only logs the code.
 */
export interface SmsSender {
  /**
   * Sends `code` to the mainland mobile number `mobile` (11 digits). Throws AppError:
   * - `SMS_MOBILE_INVALID` (422) when the provider says the number cannot receive it;
   * - `RATE_LIMITED` (429) when the provider throttles the number (its own per-number limits);
   * - `SMS_UNAVAILABLE` (503) when the provider is busy, unreachable, times out or answers garbage, and — with
   *   the operator told through `onMisconfigured` — when our account, signature or template is wrong.
   */
  sendCode(mobile: string, code: string): Promise<void>;
  /** `local` answers the code to the caller (see `auth.smsSend`'s `demoCode`): never in production. */
  readonly kind: 'aliyun' | 'local';
}
