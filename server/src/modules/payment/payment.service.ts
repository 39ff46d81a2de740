import type { Actor, Viewer } from '../../core/actor';
import type { PaymentDeps } from './payment.deps';
import { confirmLocal } from './use-cases/confirm-local';
import { handleNotification } from './use-cases/handle-notification';
import { pay } from './use-cases/pay';
import { paymentPort } from './use-cases/payment-port';

export { paymentPort as createPaymentPort };

import { processRefunds } from './use-cases/process-refunds';
import { bills, fees, getOrder, type OrderSearch, search } from './use-cases/queries';
import { reconcile } from './use-cases/reconcile';
import { type StaffRefundInput, staffRefund } from './use-cases/staff-refund';
import { collectAtWindow, type WindowPaymentMethod } from './use-cases/window-payment';

/**
 * Orders and their money, exactly once. Every state change of an order happens in one transaction with the
 * booking change it implies; notifications are verified, matched against the order, recorded by id (a
 * duplicate changes nothing) and answered so WeChat retries only what was not handled.
 *
 * A façade: each function is a use case in use-cases/, which takes these dependencies first.
 */
export function createPaymentService(deps: PaymentDeps) {
  return {
    port: paymentPort(deps),
    providerKind: deps.provider.kind,
    handleNotification: (headers: Record<string, string | string[] | undefined>, rawBody: string) =>
      handleNotification(deps, headers, rawBody),
    pay: (accountId: string, bookingId: string) => pay(deps, accountId, bookingId),
    getOrder: (orderNo: string, who: Viewer) => getOrder(deps, orderNo, who),
    confirmLocal: (orderNo: string, who: Viewer) => confirmLocal(deps, orderNo, who),
    fees: () => fees(deps),
    bills: (accountId: string) => bills(deps, accountId),
    search: (q: OrderSearch) => search(deps, q),
    staffRefund: (actor: Actor, orderNo: string, input: StaffRefundInput) =>
      staffRefund(deps, actor, orderNo, input),
    collectAtWindow: (actor: Actor, who: Viewer, bookingId: string, method: WindowPaymentMethod) =>
      collectAtWindow(deps, actor, who, bookingId, method),
    processRefunds: (limit?: number) => processRefunds(deps, limit),
    reconcile: (limit?: number) => reconcile(deps, limit),
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;
