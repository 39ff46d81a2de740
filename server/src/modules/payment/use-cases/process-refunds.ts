import { PayProviderError } from '../../../integrations/wechat/pay';
import { type PaymentDeps, RETRY_AFTER_MS } from '../payment.deps';
import { paymentRepository } from '../payment.repository';
import { moveRefund } from './refunds';

const MAX_REFUND_ATTEMPTS = 20;

/** Job: send requested refunds and ask about those in flight; the same refund number every time. */
export async function processRefunds(deps: PaymentDeps, limit = 50): Promise<number> {
  const { uow, clock, provider } = deps;
  const now = clock.now();
  const due = await uow.run(({ tx }) =>
    paymentRepository(tx).claimRefunds(now, new Date(now.getTime() + RETRY_AFTER_MS), limit),
  );
  for (const refund of due) {
    try {
      const state =
        refund.status === 'REQUESTED'
          ? await provider.refund({
              outTradeNo: refund.order.orderNo,
              outRefundNo: refund.refundNo,
              refundFen: refund.amountFen,
              totalFen: refund.order.amountFen,
              reason: refund.reason,
              notifyUrl: deps.notifyUrl,
            })
          : await provider.queryRefund(refund.refundNo);
      await uow.run(async ({ tx }) => {
        if (state.status === 'SUCCESS')
          await moveRefund(deps, tx, refund.refundNo, 'SUCCEEDED', {
            providerRefundId: state.refundId ?? null,
            succeededAt: state.successTime ?? clock.now(),
            lastError: null,
          });
        else if (state.status === 'PROCESSING')
          await moveRefund(deps, tx, refund.refundNo, 'PROCESSING', {
            providerRefundId: state.refundId ?? null,
          });
        else
          await moveRefund(deps, tx, refund.refundNo, 'FAILED', {
            lastError: `微信退款结果：${state.status}`,
          });
      });
    } catch (error) {
      const why = error instanceof PayProviderError ? `${error.code}: ${error.message}` : String(error);
      const giveUp =
        (error instanceof PayProviderError && !error.retryable) || refund.attempts + 1 >= MAX_REFUND_ATTEMPTS;
      await uow.run(async ({ tx }) => {
        if (giveUp) await moveRefund(deps, tx, refund.refundNo, 'FAILED', { lastError: why });
        else await paymentRepository(tx).noteRefundError(refund.id, why);
      });
    }
  }
  return due.length;
}
