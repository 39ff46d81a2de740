import { SERVER_REASONS } from '@hospital/shared';
import { PayProviderError } from '../../../integrations/wechat/pay';
import { type PaymentDeps, RETRY_AFTER_MS } from '../payment.deps';
import { paymentRepository } from '../payment.repository';
import { moveOrder } from './order-state';
import { settlePaid } from './settle-payment';

/**
 * Job: orders paying for 5 minutes with no notification are asked about — paid ones are settled exactly
 * like a notification, unpaid ones past their hold are closed; orders closed here are closed at the
 * provider too (a payment that slipped in is settled, and refunded if its booking is gone).
 */
export async function reconcile(deps: PaymentDeps, limit = 50): Promise<number> {
  const { uow, clock, provider, logger } = deps;
  const now = clock.now();
  const due = await uow.run(({ tx }) =>
    paymentRepository(tx).claimOrdersToReconcile(now, new Date(now.getTime() + RETRY_AFTER_MS), limit),
  );
  for (const order of due) {
    try {
      const trade = await provider.queryOrder(order.orderNo).catch((error) => {
        if (error instanceof PayProviderError && error.code === 'ORDER_NOT_EXIST') return null;
        throw error;
      });
      if (trade && (trade.tradeState === 'SUCCESS' || trade.tradeState === 'REFUND')) {
        await settlePaid(deps, order.orderNo, trade);
        continue;
      }
      if (order.status === 'PAYING' && order.expiresAt > now) continue; // still within the hold
      if (trade) await provider.closeOrder(order.orderNo);
      await uow.run(async ({ tx }) => {
        const r = paymentRepository(tx);
        const locked = await r.lockOrder(order.orderNo);
        if (!locked || !['PAYING', 'CLOSED'].includes(locked.status)) return;
        await moveOrder(tx, locked, 'CLOSED', {
          providerClosed: true,
          closedAt: locked.closedAt ?? now,
          closeReason: locked.closeReason ?? SERVER_REASONS.paymentTimedOut.zh,
        });
      });
    } catch (error) {
      logger.warn({ orderNo: order.orderNo, err: error }, 'reconciliation failed; will retry');
    }
  }
  return due.length;
}
