import { actorOf, viewerOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

export function paymentRoutes({ payment }: Services) {
  const routes = [
    route('payment.pay', { handler: ({ principal, params }) => payment.pay(principal.accountId, params.id) }),
    route('payment.wechatNotify', {
      // The parsed body is not believed: the notification is verified over the raw body it came in.
      handler: async ({ ctx }) => {
        await payment.handleNotification(ctx.headers, ctx.request.rawBody ?? '');
      },
    }),
    route('payment.order', {
      handler: ({ principal, params }) => payment.getOrder(params.orderNo, viewerOf(principal)),
    }),
    route('payment.fees', { handler: () => payment.fees() }),
    route('payment.bills', {
      handler: async ({ principal }) => ({ items: await payment.bills(principal.accountId) }),
    }),
    route('payment.searchOrders', { handler: ({ query }) => payment.search(query) }),
    route('payment.refund', {
      handler: ({ params, body, ctx }) => payment.staffRefund(actorOf(ctx), params.orderNo, body),
    }),
  ];
  // The stand-in's "I paid" button exists only when no WeChat merchant is configured.
  if (payment.providerKind === 'local') {
    routes.push(
      route('payment.confirmLocal', {
        handler: ({ principal, params }) => payment.confirmLocal(params.orderNo, principal),
      }),
    );
  }
  return routes;
}
