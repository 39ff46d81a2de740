import {
  billsResponse,
  feesResponse,
  idParams,
  orderNoParams,
  orderSchema,
  orderSearchQuery,
  pageOf,
  payResponse,
  staffRefundRequest,
} from '@hospital/shared';
import { z } from 'zod';
import { actorOf, viewerOf } from '../../http/actor';
import { route } from '../../http/route';
import type { Services } from '../services';

export function paymentRoutes({ payment }: Services) {
  const routes = [
    route({
      method: 'post',
      path: '/api/v1/bookings/:id/pay',
      summary:
        'Pay a held booking: creates (or resumes) its order and returns signed wx.requestPayment parameters',
      tags: ['payment'],
      access: 'patient',
      params: idParams,
      response: payResponse,
      idempotent: true,
      errors: ['HOLD_EXPIRED', 'PAYMENT_NOT_NEEDED', 'PAYMENT_UNAVAILABLE'],
      handler: ({ principal, params }) => payment.pay(principal.accountId, params.id),
    }),
    route({
      method: 'post',
      path: '/api/v1/payments/wechat/notify',
      summary:
        'WeChat Pay notification (payment or refund). Verified over the raw body; 204 when handled or a known duplicate, 4xx otherwise so WeChat retries',
      tags: ['payment'],
      access: 'public',
      body: z.looseObject({}),
      errors: ['NOTIFICATION_REJECTED', 'NOTIFICATION_UNKNOWN_ORDER', 'NOTIFICATION_MISMATCH'],
      handler: async ({ ctx }) => {
        await payment.handleNotification(ctx.headers, ctx.request.rawBody ?? '');
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/orders/:orderNo',
      summary: 'One order with its refunds (its owner, or the window, complaints and quality offices)',
      tags: ['payment'],
      access: 'order.read',
      params: orderNoParams,
      response: orderSchema,
      handler: ({ principal, params }) => payment.getOrder(params.orderNo, viewerOf(principal)),
    }),
    route({
      method: 'get',
      path: '/api/v1/fees',
      summary: 'Published prices: registration fee per category and exam fees',
      tags: ['payment'],
      access: 'public',
      response: feesResponse,
      handler: () => payment.fees(),
    }),
    route({
      method: 'get',
      path: '/api/v1/me/bills',
      summary: 'My bills, itemised per visit: orders, refunds and the net paid',
      tags: ['payment'],
      access: 'patient',
      response: billsResponse,
      handler: async ({ principal }) => ({ items: await payment.bills(principal.accountId) }),
    }),
    route({
      method: 'get',
      path: '/api/v1/staff/orders',
      summary: 'Search orders by status, number or day',
      tags: ['staff'],
      access: 'order.list',
      query: orderSearchQuery,
      response: pageOf(orderSchema).meta({ id: 'OrderPage' }),
      handler: ({ query }) => payment.search(query),
    }),
    route({
      method: 'post',
      path: '/api/v1/staff/orders/:orderNo/refund',
      summary: 'Refund an order in part or in full, with a reason (audited)',
      tags: ['staff'],
      access: 'order.refund',
      params: orderNoParams,
      body: staffRefundRequest,
      response: orderSchema,
      errors: ['REFUND_EXCEEDS_PAID', 'ORDER_NOT_REFUNDABLE'],
      handler: ({ params, body, ctx }) => payment.staffRefund(actorOf(ctx), params.orderNo, body),
    }),
  ];
  // The stand-in's "I paid" button exists only when no WeChat merchant is configured.
  if (payment.providerKind === 'local') {
    routes.push(
      route({
        method: 'post',
        path: '/api/v1/payments/local/:orderNo/confirm',
        summary:
          'Local stand-in only: pay an order; the signed notification goes through the real verification path',
        tags: ['payment'],
        access: 'patient',
        params: orderNoParams,
        response: orderSchema,
        errors: ['HOLD_EXPIRED', 'PAYMENT_NOT_NEEDED'],
        handler: ({ principal, params }) => payment.confirmLocal(params.orderNo, principal),
      }),
    );
  }
  return routes;
}
