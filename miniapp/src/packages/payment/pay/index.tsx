import { formatYuan } from '@hospital/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, api, type Booking, messageOf, type PayResult } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { BookingSummary, useHoldLeft } from '../../../components/booking-card';
import { PageShell } from '../../../components/page-shell';
import { useI18n } from '../../../i18n';
import { go, ROUTES, replace, usePageParams } from '../../../lib/nav';
import { confirmLocalOrder, payBooking } from '../../../lib/payment';
import { countdown } from '../../../lib/time';
import { useAsync } from '../../../lib/use-async';
import './index.css';

export default function PayPage() {
  const { t, locale } = useI18n();
  const { bookingId = '' } = usePageParams();
  const state = useAsync(() => api.call('booking.get', { params: { id: bookingId } }), [bookingId]);
  const [order, setOrder] = useState<PayResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const holdLeft = useHoldLeft(state.data?.status === 'PENDING_PAYMENT' ? state.data.holdExpiresAt : null);

  const fail = (e: unknown) =>
    setError(
      e instanceof ApiError
        ? e
        : new ApiError({ code: 'INTERNAL', status: 500, message: messageOf(e, locale) }),
    );

  const pay = async (booking: Booking) => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await payBooking(booking.id);
      if (outcome.kind === 'done') replace(ROUTES.result, { bookingId: booking.id });
      else if (outcome.kind === 'cancelled') void Taro.showToast({ title: t('pay.cancelled'), icon: 'none' });
      else setOrder(outcome.order);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const simulate = async (booking: Booking, orderNo: string) => {
    setBusy(true);
    setError(null);
    try {
      await confirmLocalOrder(orderNo);
      replace(ROUTES.result, { bookingId: booking.id });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell title={t('pay.title')}>
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload} rows={5}>
          {(b) => {
            const expired =
              b.status === 'EXPIRED' ||
              (holdLeft !== null && holdLeft <= 0) ||
              error?.code === 'HOLD_EXPIRED';
            return (
              <>
                <View className="card pay-amount">
                  <Text className="muted">{t('pay.amount')}</Text>
                  <Text className="pay-amount__value">{formatYuan(b.feeFen)}</Text>
                  {b.status === 'PENDING_PAYMENT' && holdLeft !== null && !expired ? (
                    <Text className="pay-amount__hold" data-testid="hold-countdown">
                      {t('pay.countdown', { time: countdown(holdLeft) })}
                    </Text>
                  ) : null}
                </View>
                <BookingSummary booking={b} />
                {error && !expired ? (
                  <View className="card pay-error" role="alert">
                    <Text className="error-text">{error.message}</Text>
                  </View>
                ) : null}
                {expired ? (
                  <View className="card pay-error" role="alert">
                    <Text className="error-text">
                      {error?.code === 'HOLD_EXPIRED' ? error.message : t('pay.expired')}
                    </Text>
                    <Button
                      type="primary"
                      fill="outline"
                      className="pay-rebook"
                      onClick={() =>
                        b.doctor
                          ? go(ROUTES.schedule, { doctorId: b.doctor.id })
                          : go(ROUTES.schedule, { examTypeCode: b.examType?.code })
                      }
                    >
                      {t('pay.rebook')}
                    </Button>
                  </View>
                ) : b.status !== 'PENDING_PAYMENT' ? (
                  <Button type="primary" block onClick={() => replace(ROUTES.result, { bookingId: b.id })}>
                    {t('result.title')}
                  </Button>
                ) : order && order.provider === 'local' ? (
                  <View className="card pay-local">
                    <Text className="card__title">{t('pay.local')}</Text>
                    <Text className="muted pay-local__line">{t('pay.localLine')}</Text>
                    <Button
                      type="primary"
                      size="large"
                      block
                      loading={busy}
                      disabled={busy}
                      onClick={() => void simulate(b, order.order.orderNo)}
                    >
                      {t('pay.local')} {formatYuan(order.order.amountFen)}
                    </Button>
                  </View>
                ) : (
                  <Button
                    type="primary"
                    size="large"
                    block
                    loading={busy}
                    disabled={busy}
                    onClick={() => void pay(b)}
                  >
                    {t('pay.submit')} {formatYuan(b.feeFen)}
                  </Button>
                )}
              </>
            );
          }}
        </AsyncView>
      </View>
    </PageShell>
  );
}
