import Taro from '@tarojs/taro';
import { ApiError, api, type PayResult } from '../api';
import { translate } from '../i18n';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** How a payment attempt ended. Errors (HOLD_EXPIRED, network …) are thrown as ApiError / Error. */
export type PayOutcome =
  /** Paid, or nothing to pay: open the result page. */
  | { kind: 'done' }
  /** The patient closed WeChat's sheet: the hold stays, they may pay again. */
  | { kind: 'cancelled' }
  /** An order the page must finish itself (H5: the local stand-in's confirm button). */
  | { kind: 'order'; order: PayResult };

/**
 * Starts paying a held booking: POST /bookings/:id/pay with the action's Idempotency-Key (kept across a
 * network failure, so a retry reuses it), then WeChat's payment sheet on weapp. Used by the pay page and by
 * the elderly-mode one-tap confirm page.
 */
export async function payBooking(bookingId: string): Promise<PayOutcome> {
  let result: PayResult;
  try {
    result = await api.call('payment.pay', { params: { id: bookingId } });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'PAYMENT_NOT_NEEDED') return { kind: 'done' };
    throw e;
  }
  if (result.provider === 'wechat' && IS_WEAPP) {
    const { appId: _appId, ...params } = result.clientParams;
    try {
      await Taro.requestPayment(params);
    } catch (e) {
      // WeChat reports the patient closing the sheet as "requestPayment:fail cancel". Anything else is a
      // failure to show; either way the hold stays and paying again resumes the same order.
      const errMsg = String((e as { errMsg?: unknown } | null)?.errMsg ?? '');
      if (/cancel/i.test(errMsg)) return { kind: 'cancelled' };
      throw new ApiError({
        code: 'WECHAT_PAY_FAILED',
        status: 0,
        message: translate('pay.wechatFailed'),
      });
    }
    return { kind: 'done' };
  }
  return { kind: 'order', order: result };
}

/** The local payment stand-in (H5 / development): marks the order paid. */
export async function confirmLocalOrder(orderNo: string): Promise<void> {
  await api.call('payment.confirmLocal', { params: { orderNo: orderNo } });
}
