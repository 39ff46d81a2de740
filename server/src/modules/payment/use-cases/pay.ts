import { labelsFor } from '@hospital/shared';
import { AppError } from '../../../core/errors';
import { DEFAULT_LOCALE } from '../../../i18n';
import { PayProviderError } from '../../../integrations/wechat/pay';
import { type PaymentDeps, RECONCILE_AFTER_MS } from '../payment.deps';
import { presentOrder } from '../payment.presenter';
import { paymentRepository } from '../payment.repository';
import { moveOrder, newNumber } from './order-state';

/**
 * Starts (or resumes) paying a held booking: the order and the signed wx.requestPayment parameters. The
 * booking is locked first, so a cancel or an expiry cannot slip between its check and the new order.
 */
export async function pay(deps: PaymentDeps, accountId: string, bookingId: string) {
  const { uow, provider, booking, logger } = deps;
  const b = await booking.get(bookingId, { kind: 'patient', accountId });
  return uow.run(async ({ tx, now, hospital: h }) => {
    const status = await booking.lockForPayment(tx, bookingId);
    if (status === 'EXPIRED') throw new AppError('HOLD_EXPIRED');
    if (status !== 'PENDING_PAYMENT') throw new AppError('PAYMENT_NOT_NEEDED');
    const r = paymentRepository(tx);
    let order = await r.findOpenOrder(bookingId);
    if (order?.clientParams)
      return {
        order: presentOrder(order),
        provider: provider.kind,
        clientParams: order.clientParams as never,
      };
    if (!order) {
      // Stored and shown on the patient's WeChat Pay bill: always in the hospital's language, whatever the
      // locale of the request that started paying.
      const title = b.doctor ? labelsFor(DEFAULT_LOCALE).doctorTitle[b.doctor.title] : '';
      const item = b.examType
        ? b.examType.name
        : `${b.department.name} ${b.doctor?.name ?? ''} ${title}`.trim();
      await r.createOrder({
        orderNo: newNumber('P', now, h.timeZone),
        bookingId,
        accountId,
        kind: b.examType ? 'EXAM' : 'REGISTRATION',
        description: `${b.examType ? '检查费' : '挂号费'}-${item}`.slice(0, 127),
        amountFen: b.feeFen,
        status: 'CREATED',
        provider: provider.kind,
        expiresAt: new Date(b.holdExpiresAt!),
      });
      order = (await r.findOpenOrder(bookingId))!;
    }
    const account = await r.accountOpenid(accountId);
    try {
      const clientParams = await provider.prepay({
        outTradeNo: order.orderNo,
        description: order.description,
        amountFen: order.amountFen,
        payerOpenid: account!.openid,
        expiresAt: order.expiresAt,
        notifyUrl: deps.notifyUrl,
      });
      order = await moveOrder(tx, order, 'PAYING', {
        clientParams: clientParams as never,
        checkAfter: new Date(now.getTime() + RECONCILE_AFTER_MS),
      });
      return { order: presentOrder(order), provider: provider.kind, clientParams };
    } catch (error) {
      if (error instanceof PayProviderError) {
        logger.error({ orderNo: order.orderNo, code: error.code }, 'prepay failed');
        throw new AppError('PAYMENT_UNAVAILABLE', undefined, { providerCode: error.code });
      }
      throw error;
    }
  });
}
