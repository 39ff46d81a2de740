import type { DbClient } from '../../db/client';

export interface RefundInput {
  bookingId: string;
  amountFen: number;
  reason: string;
}

/**
 * What booking needs from payments: "refund this booking's payment", inside the cancelling transaction so a
 * cancellation and its refund request stand or fall together. The payment module implements it with real
 * refunds; until then the recording provider keeps the request for it.
 */
export interface RefundRequester {
  requestRefund(tx: DbClient, input: RefundInput): Promise<void>;
}

/** Records the request (one per booking: a retried cancellation cannot ask twice). */
export const recordingRefundRequester: RefundRequester = {
  async requestRefund(tx, input) {
    await tx.refundRequest.upsert({
      where: { bookingId: input.bookingId },
      create: { bookingId: input.bookingId, amountFen: input.amountFen, reason: input.reason },
      update: {},
    });
  },
};
