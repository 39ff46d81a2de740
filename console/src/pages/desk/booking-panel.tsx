import {
  type BookingDetail,
  bookingLocation,
  cancelRequest,
  canTransition,
  formatYuan,
  localDate,
  localName,
  shownBookingStatus,
  staffRefundRequest,
  windowPaymentRequest,
} from '@hospital/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Spin,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { submitChecked } from '../../lib/forms';
import { hospitalDateTime } from '../../lib/time';
import { useCan } from '../../session/session';
import { LoadError } from '../results';
import { useHospital } from './hooks';
import { checkInState, refundableFen, yuanToFen } from './logic';

type Asking = 'collect' | 'cancel' | 'refund' | null;

/** Status colours: what needs the window (unpaid) stands out; what is over is grey. */
export const STATUS_COLOR: Record<string, string> = {
  PENDING_PAYMENT: 'orange',
  CONFIRMED: 'blue',
  CHECKED_IN: 'green',
  COMPLETED: 'default',
  CANCELLED: 'default',
  EXPIRED: 'default',
  NO_SHOW: 'red',
  STOPPED: 'magenta',
};

/** Invalidates what a change at the window alters: the booking, the day's list and counts, the last search. */
export function useDeskRefresh() {
  const queries = useQueryClient();
  return () =>
    Promise.all(
      ['booking.get', 'booking.search', 'desk.day', 'desk.find'].map((key) =>
        queries.invalidateQueries({ queryKey: [key] }),
      ),
    );
}

/**
 * One booking at the window: what it is, what was paid, and the actions its state and the clerk's permissions
 * allow — check in (on its day), take the fee at the counter, cancel (refunding what was paid), refund, the slip.
 */
export function BookingPanel({ bookingId }: { bookingId: string | null }) {
  const { t, labels, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const hospital = useHospital();
  const zone = hospital.data?.timeZone;
  const refresh = useDeskRefresh();
  const [asking, setAsking] = useState<Asking>(null);
  const [acting, setActing] = useState(false);
  const booking = useQuery({
    queryKey: ['booking.get', bookingId],
    queryFn: () => api.call('booking.get', { params: { id: bookingId! } }),
    enabled: !!bookingId,
  });

  if (!bookingId) {
    return (
      <Card title={t('desk.booking')} size="small">
        <Empty description={t('desk.pickBooking')} />
      </Card>
    );
  }
  if (booking.error) return <LoadError error={booking.error} onRetry={() => booking.refetch()} />;
  const b = booking.data;
  if (!b) {
    return (
      <Card title={t('desk.booking')} size="small">
        <Spin />
      </Card>
    );
  }
  const today = zone ? localDate(new Date(), zone) : '';
  const check = checkInState(b, today);
  const shown = shownBookingStatus(b);
  const left = refundableFen(b.payment);
  const owner = b.doctor ? localName(b.doctor, locale) : b.examType ? localName(b.examType, locale) : '';

  const checkIn = async () => {
    setActing(true);
    try {
      await api.call('booking.arrive', { params: { id: b.id } });
      message.success(t('desk.checkedInByScan', { name: b.profile.name, visit: b.visitNumber }));
      await refresh();
    } catch (error) {
      message.error(messageOf(error, locale));
    } finally {
      setActing(false);
    }
  };

  return (
    <Card
      title={t('desk.booking')}
      size="small"
      className="desk-panel"
      data-testid="desk-booking"
      extra={<Tag color={STATUS_COLOR[shown]}>{labels.bookingStatus[shown]}</Tag>}
    >
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('slip.patient')}>{b.profile.name}</Descriptions.Item>
        <Descriptions.Item label={t('desk.visitNumber')}>
          <strong className="desk-visit">{b.visitNumber}</strong>
          {b.isExtra && <Tag color="purple">{t('desk.extra')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.when')}>
          {b.date} {b.startTime}–{b.endTime}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.clinic')}>
          {localName(b.department, locale)} {owner}
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.where')}>{bookingLocation(b)}</Descriptions.Item>
        <Descriptions.Item label={t('desk.fee')}>
          <FeeState b={b} zone={zone} />
        </Descriptions.Item>
        {b.cancelReason && (
          <Descriptions.Item label={t('desk.cancelReason')}>
            {b.stopReason ?? b.cancelReason}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('desk.bookingNo')}>
          <code className="desk-id">{b.id}</code>
        </Descriptions.Item>
      </Descriptions>
      {check === 'notToday' && (
        <Alert type="info" showIcon title={t('desk.checkInNotToday', { date: b.date })} />
      )}
      <Flex wrap gap={8} className="desk-actions">
        {can('booking.checkIn') && check === 'ready' && (
          <Button type="primary" loading={acting} onClick={checkIn} data-testid="desk-check-in">
            {t('desk.checkIn')}
          </Button>
        )}
        {can('booking.bookOnBehalf') && b.status === 'PENDING_PAYMENT' && (
          <Button type="primary" onClick={() => setAsking('collect')} data-testid="desk-collect">
            {t('desk.collect')}
          </Button>
        )}
        {(b.status === 'CONFIRMED' || b.status === 'CHECKED_IN' || b.status === 'COMPLETED') && (
          <Link to={`/desk/slip/${b.id}`} data-testid="desk-slip">
            <Button>{t('desk.slip')}</Button>
          </Link>
        )}
        {can('order.refund') && left > 0 && (
          <Button onClick={() => setAsking('refund')}>{t('desk.refund')}</Button>
        )}
        {can('booking.cancel') && canTransition(b.status, 'CANCELLED') && (
          <Button danger onClick={() => setAsking('cancel')}>
            {t('desk.cancel')}
          </Button>
        )}
      </Flex>
      <ActionModal b={b} asking={asking} left={left} onClose={() => setAsking(null)} onDone={refresh} />
    </Card>
  );
}

function FeeState({ b, zone }: { b: BookingDetail; zone: string | undefined }) {
  const { t } = useI18n();
  if (b.feeFen === 0) return <>{t('desk.free')}</>;
  if (b.payment) {
    return b.payment.refundedFen > 0
      ? t('desk.paidRefunded', {
          amount: formatYuan(b.payment.paidFen),
          refunded: formatYuan(b.payment.refundedFen),
        })
      : t('desk.paid', { amount: formatYuan(b.payment.paidFen), orderNo: b.payment.orderNo });
  }
  if (b.status === 'PENDING_PAYMENT' && b.holdExpiresAt) {
    return (
      <Tag color="orange">
        {t('desk.unpaid', {
          amount: formatYuan(b.feeFen),
          until: hospitalDateTime(b.holdExpiresAt, zone).slice(11),
        })}
      </Tag>
    );
  }
  return <>{`${formatYuan(b.feeFen)} · ${t('desk.notPaid')}`}</>;
}

/** Take the fee, cancel, or refund: each a short form checked by the shared schema before it is sent. */
function ActionModal({
  b,
  asking,
  left,
  onClose,
  onDone,
}: {
  b: BookingDetail;
  asking: Asking;
  left: number;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!asking) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(asking === 'collect' ? { method: 'CASH' } : { reason: '', amount: '' });
  }, [asking, form]);

  const send = async (values: Record<string, string>) => {
    setError(null);
    setSending(true);
    let sent = false;
    let failure: unknown = null;
    if (asking === 'collect') {
      failure = await submitChecked(form, windowPaymentRequest, values, locale, async (body) => {
        await api.call('desk.collect', { params: { id: b.id }, body });
        message.success(t('desk.collected', { amount: formatYuan(b.feeFen) }));
        sent = true;
      });
    } else if (asking === 'cancel') {
      const reason = values.reason?.trim() || undefined;
      failure = await submitChecked(form, cancelRequest, { reason }, locale, async (body) => {
        await api.call('booking.cancel', { params: { id: b.id }, body });
        message.success(t('desk.cancelled'));
        sent = true;
      });
    } else if (asking === 'refund' && b.payment) {
      const amountText = values.amount?.trim() ?? '';
      const amountFen = amountText ? (yuanToFen(amountText) ?? -1) : undefined;
      const orderNo = b.payment.orderNo;
      failure = await submitChecked(
        form,
        staffRefundRequest,
        { reason: values.reason ?? '', ...(amountFen === undefined ? {} : { amountFen }) },
        locale,
        async (body) => {
          await api.call('payment.refund', { params: { orderNo }, body });
          message.success(t('desk.refunded'));
          sent = true;
        },
      );
      // The schema names the amount `amountFen`; the field shows yuan.
      const amountErrors = form.getFieldError('amountFen');
      if (amountErrors.length) form.setFields([{ name: 'amount', errors: amountErrors }]);
    }
    setSending(false);
    if (failure) setError(messageOf(failure, locale));
    if (sent) {
      onClose();
      await onDone();
    }
  };

  const title =
    asking === 'collect'
      ? t('desk.collectTitle', { amount: formatYuan(b.feeFen) })
      : asking === 'cancel'
        ? t('desk.cancelTitle', { name: b.profile.name })
        : t('desk.refundTitle', { orderNo: b.payment?.orderNo ?? '' });
  const body =
    asking === 'collect'
      ? t('desk.collectBody')
      : asking === 'cancel'
        ? t('desk.cancelBody')
        : t('desk.refundBody', { left: formatYuan(left) });

  return (
    <Modal
      open={asking !== null}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('desk.confirm')}
      cancelText={t('desk.close')}
      okButtonProps={{ danger: asking !== 'collect', loading: sending }}
      forceRender
    >
      <p>{body}</p>
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form form={form} name="desk-action" layout="vertical" onFinish={send} requiredMark={false}>
        {asking === 'collect' ? (
          <Form.Item name="method" label={t('desk.method')}>
            <Radio.Group
              options={[
                { value: 'CASH', label: t('desk.method.CASH') },
                { value: 'CARD', label: t('desk.method.CARD') },
              ]}
            />
          </Form.Item>
        ) : (
          <>
            {asking === 'refund' && (
              <Form.Item name="amount" label={t('desk.refundAmount')}>
                <Input inputMode="decimal" placeholder={(left / 100).toFixed(2)} autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name="amountFen" hidden>
              <Input />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t(asking === 'refund' ? 'desk.refundReason' : 'desk.cancelReason')}
            >
              <Input autoComplete="off" maxLength={200} autoFocus />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
