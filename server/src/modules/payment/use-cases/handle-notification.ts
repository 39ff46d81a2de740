import { AppError } from '../../../core/errors';
import { NotificationRejected, type PayNotification } from '../../../integrations/wechat/pay';
import type { PaymentDeps } from '../payment.deps';
import { paymentRepository } from '../payment.repository';
import { moveRefund } from './refunds';
import { settlePaid } from './settle-payment';

/**
 * A notification from WeChat (or the local stand-in): verified, recorded by its id in the same transaction as
 * its effect (a duplicate changes nothing) and answered so WeChat retries only what was not handled.
 */
export async function handleNotification(
  deps: PaymentDeps,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
) {
  const { db, uow, clock, provider, logger } = deps;
  let n: PayNotification;
  try {
    n = await provider.parseNotification(headers, rawBody, clock.now());
  } catch (error) {
    if (error instanceof NotificationRejected) {
      logger.warn({ reason: error.reason }, 'payment notification rejected');
      throw new AppError('NOTIFICATION_REJECTED', `支付通知验证失败：${error.reason}`);
    }
    throw error;
  }
  if (await paymentRepository(db).notificationSeen(n.id)) return { outcome: 'DUPLICATE' };
  const res = n.resource;
  if (res.type === 'transaction') {
    if (res.tradeState !== 'SUCCESS') {
      await paymentRepository(db).recordNotification({
        id: n.id,
        eventType: n.eventType,
        orderNo: res.outTradeNo,
        outcome: 'IGNORED',
      });
      return { outcome: 'IGNORED' };
    }
    return { outcome: await settlePaid(deps, res.outTradeNo, res, n.id) };
  }
  const outcome = await uow.run(async ({ tx }) => {
    const r = paymentRepository(tx);
    const result =
      res.status === 'SUCCESS'
        ? (await moveRefund(deps, tx, res.outRefundNo, 'SUCCEEDED', {
            providerRefundId: res.refundId ?? null,
            succeededAt: res.successTime ?? clock.now(),
            lastError: null,
          })) === 'MOVED'
          ? 'REFUNDED'
          : 'DUPLICATE'
        : (await moveRefund(deps, tx, res.outRefundNo, 'FAILED', {
              lastError: `微信退款结果：${res.status}`,
            })) === 'MOVED'
          ? 'REFUND_FAILED'
          : 'DUPLICATE';
    await r.recordNotification({
      id: n.id,
      eventType: n.eventType,
      refundNo: res.outRefundNo,
      orderNo: res.outTradeNo,
      outcome: result,
    });
    return result;
  });
  return { outcome };
}
