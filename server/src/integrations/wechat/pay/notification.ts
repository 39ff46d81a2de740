import type { KeyObject } from 'node:crypto';
import {
  checkWechatpaySignature,
  decryptResource,
  headerValue,
  type KeyInput,
  RESOURCE_ALGORITHM,
  ResourceDecryptError,
  type SignedMessageProblem,
  toApiV3Key,
  toPublicKey,
} from './crypto';
import {
  NotificationRejected,
  type NotificationResource,
  type PayEventType,
  type PayNotification,
} from './types';
import {
  describeIssues,
  notificationEnvelopeWire,
  refundNotificationWire,
  toRefundState,
  toTradeState,
  transactionWire,
} from './wire';

/** WeChat's documented tolerance, and ours, between a signed timestamp and our clock. */
export const MAX_SIGNATURE_SKEW_SECONDS = 5 * 60;

const EVENTS: Record<PayEventType, 'transaction' | 'refund'> = {
  'TRANSACTION.SUCCESS': 'transaction',
  'REFUND.SUCCESS': 'refund',
  'REFUND.ABNORMAL': 'refund',
  'REFUND.CLOSED': 'refund',
};

/** Serial → verification key; PEM public keys, PEM certificates and KeyObjects are accepted. */
export function toPlatformKeys(keys: Record<string, KeyInput>): Map<string, KeyObject> {
  const map = new Map<string, KeyObject>();
  for (const [serial, key] of Object.entries(keys)) {
    const parsed = toPublicKey(key, `WeChat Pay key ${serial}`);
    // Certificate serials are hex, which WeChat writes in upper case; accept configuration in either case.
    map.set(serial, parsed);
    map.set(serial.toUpperCase(), parsed);
  }
  return map;
}

/**
 * The one notification check both providers use, in this order: signature headers, timestamp within five
 * minutes, key chosen by `Wechatpay-Serial`, signature over the raw body, envelope shape, AES-256-GCM
 * decryption with the APIv3 key, resource shape, event type matching the resource, and mchid/appid equal to
 * ours. Nothing is parsed before the signature verifies.
 */
export function createNotificationParser(opts: {
  mchId: string;
  appId: string;
  apiV3Key: KeyInput;
  platformKeys: ReadonlyMap<string, KeyObject>;
}): (
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now: Date,
) => Promise<PayNotification> {
  const apiV3Key = toApiV3Key(opts.apiV3Key);

  return async (headers, rawBody, now) => {
    const problem = checkWechatpaySignature({
      headers,
      body: rawBody,
      keys: opts.platformKeys,
      now,
      maxSkewSeconds: MAX_SIGNATURE_SKEW_SECONDS,
    });
    if (problem) {
      // The serial is public (it names a key, it is not one) and tells the operator which key to add.
      const serial = problem === 'UNKNOWN_SERIAL' ? ` (${headerValue(headers, 'Wechatpay-Serial')})` : '';
      throw new NotificationRejected(problem, `${REJECT_MESSAGES[problem]}${serial}`);
    }

    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new NotificationRejected('MALFORMED', 'notification body is not JSON');
    }
    const envelope = notificationEnvelopeWire.safeParse(json);
    if (!envelope.success) {
      throw new NotificationRejected('MALFORMED', `notification envelope: ${describeIssues(envelope.error)}`);
    }
    const { event_type: eventType, resource } = envelope.data;
    const expectedType = EVENTS[eventType as PayEventType] as 'transaction' | 'refund' | undefined;
    if (!expectedType) {
      throw new NotificationRejected('UNSUPPORTED_EVENT', `event type ${eventType} is not handled`);
    }
    if (resource.original_type !== expectedType) {
      throw new NotificationRejected(
        'MALFORMED',
        `event ${eventType} carries a ${resource.original_type} resource`,
      );
    }
    if (resource.algorithm !== RESOURCE_ALGORITHM) {
      throw new NotificationRejected(
        'UNDECRYPTABLE',
        `resource algorithm ${resource.algorithm} is not supported`,
      );
    }

    let plaintext: string;
    try {
      plaintext = decryptResource(
        { ciphertext: resource.ciphertext, nonce: resource.nonce, associatedData: resource.associated_data },
        apiV3Key,
      );
    } catch (err) {
      if (err instanceof ResourceDecryptError) throw new NotificationRejected('UNDECRYPTABLE', err.message);
      throw err;
    }
    let decrypted: unknown;
    try {
      decrypted = JSON.parse(plaintext);
    } catch {
      throw new NotificationRejected('MALFORMED', 'decrypted resource is not JSON');
    }

    let parsed: NotificationResource;
    if (expectedType === 'transaction') {
      const tx = transactionWire.safeParse(decrypted);
      if (!tx.success)
        throw new NotificationRejected('MALFORMED', `transaction: ${describeIssues(tx.error)}`);
      parsed = { type: 'transaction', ...toTradeState(tx.data) };
      if (parsed.mchId !== opts.mchId || parsed.appId !== opts.appId) {
        throw new NotificationRejected('MERCHANT_MISMATCH', 'transaction is for another merchant or app');
      }
    } else {
      const refund = refundNotificationWire.safeParse(decrypted);
      if (!refund.success)
        throw new NotificationRejected('MALFORMED', `refund: ${describeIssues(refund.error)}`);
      parsed = {
        type: 'refund',
        mchId: refund.data.mchid,
        ...toRefundState({ ...refund.data, status: refund.data.refund_status }),
      };
      if (parsed.mchId !== opts.mchId) {
        throw new NotificationRejected('MERCHANT_MISMATCH', 'refund is for another merchant');
      }
    }

    return {
      id: envelope.data.id,
      createTime: new Date(envelope.data.create_time),
      eventType: eventType as PayEventType,
      summary: envelope.data.summary,
      resource: parsed,
    };
  };
}

const REJECT_MESSAGES: Record<SignedMessageProblem, string> = {
  MISSING_HEADERS: 'Wechatpay-Timestamp, -Nonce, -Signature and -Serial headers are required',
  UNSUPPORTED_SIGNATURE_TYPE: 'Wechatpay-Signature-Type is not WECHATPAY2-SHA256-RSA2048',
  STALE_TIMESTAMP: 'Wechatpay-Timestamp is more than 5 minutes away from now',
  UNKNOWN_SERIAL: 'Wechatpay-Serial names no configured WeChat Pay key',
  BAD_SIGNATURE: 'Wechatpay-Signature does not verify over the body',
};
