import type { Clock } from '../../../core/clock';
import type { PayConfig } from './config';
import { createLocalPayProvider, type DeliverNotification, type LocalPayProvider } from './local-pay';
import { createWechatPayProvider, type WechatPayProvider } from './wechat-pay';

export { loadPayConfig, type PayConfig, PayConfigError } from './config';
export {
  createLocalPayProvider,
  type DeliverNotification,
  type LocalPayProvider,
  type LocalPayProviderOptions,
} from './local-pay';
export * from './types';
export {
  createWechatPayProvider,
  WECHAT_PAY_BASE_URL,
  type WechatPayProvider,
  type WechatPayProviderOptions,
} from './wechat-pay';

/**
 * The provider a configuration asks for; narrow on `kind` to reach the local controls (`simulatePayment`). `deliver` is only used by the local stand-in: it should hand the
 * notification to the same handler WeChat's POST reaches (which calls `parseNotification`).
 */
export function createPayProvider(
  config: PayConfig,
  deps: {
    clock: Clock;
    deliver: DeliverNotification;
    /** Local only: see LocalPayProviderOptions.refundSettleAfterMs. */
    refundSettleAfterMs?: number | 'manual';
    onDeliveryError?: (error: unknown) => void;
  },
): WechatPayProvider | LocalPayProvider {
  if (config.kind === 'local') {
    return createLocalPayProvider({
      appId: config.appId,
      mchId: config.mchId,
      clock: deps.clock,
      deliver: deps.deliver,
      ...(deps.refundSettleAfterMs !== undefined ? { refundSettleAfterMs: deps.refundSettleAfterMs } : {}),
      ...(deps.onDeliveryError ? { onDeliveryError: deps.onDeliveryError } : {}),
    });
  }
  return createWechatPayProvider({ ...config, clock: deps.clock });
}
