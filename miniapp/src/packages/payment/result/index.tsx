import { type BookingDetail, formatYuan, shownBookingStatus } from '@hospital/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { BookingSummary } from '../../../components/booking-card';
import { PageShell } from '../../../components/page-shell';
import { label, useI18n } from '../../../i18n';
import { go, ROUTES, replace, usePageParams } from '../../../lib/nav';
import { useAsync } from '../../../lib/use-async';
import './index.css';

const POLL_MS = 1000;
const POLL_TRIES = 20;

/** Polls the booking until the payment notification has confirmed it (usually within a second or two). */
export default function ResultPage() {
  const { t } = useI18n();
  const { bookingId = '' } = usePageParams();
  const state = useAsync(() => api.call('booking.get', { params: { id: bookingId } }), [bookingId]);
  const tries = useRef(0);
  const [gaveUp, setGaveUp] = useState(false);
  const { data, setData } = state;
  useEffect(() => {
    if (data?.status !== 'PENDING_PAYMENT') return;
    if (tries.current >= POLL_TRIES) {
      setGaveUp(true);
      return;
    }
    const timer = setTimeout(() => {
      tries.current += 1;
      api.call('booking.get', { params: { id: bookingId } }).then(setData, () => setData({ ...data }));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [data, bookingId, setData]);

  return (
    <PageShell title={t('result.title')}>
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload}>
          {(b: BookingDetail) => (
            <>
              <View className="card result-head" data-testid="result" data-status={b.status}>
                <View
                  className={`result-head__icon${b.status === 'CONFIRMED' ? '' : ' result-head__icon--wait'}`}
                >
                  {b.status === 'CONFIRMED' ? '✓' : '…'}
                </View>
                <Text className="result-head__title">
                  {b.status === 'CONFIRMED'
                    ? t('result.confirmed')
                    : gaveUp
                      ? t('result.pending')
                      : b.status === 'PENDING_PAYMENT'
                        ? t('result.waiting')
                        : label('bookingStatus', shownBookingStatus(b))}
                </Text>
                {b.status === 'CONFIRMED' ? <Text className="muted">{t('result.confirmedLine')}</Text> : null}
                {b.payment ? (
                  <View className="result-paid" data-testid="paid-amount">
                    <Text className="muted">{t('result.paid')}</Text>
                    <Text className="result-paid__value">{formatYuan(b.payment.paidFen)}</Text>
                  </View>
                ) : null}
              </View>
              <BookingSummary booking={b} showPlace />
              {b.examType && b.status === 'CONFIRMED' ? (
                <Button
                  type="primary"
                  size="large"
                  block
                  onClick={() => go(ROUTES.guidanceTimeline, { bookingId: b.id })}
                  className="result-button"
                >
                  {t('result.guidance')}
                </Button>
              ) : null}
              <Button
                type="primary"
                fill="outline"
                size="large"
                block
                onClick={() => replace(ROUTES.bookingDetail, { id: b.id })}
                className="result-button"
              >
                {t('result.viewBooking')}
              </Button>
              <Button size="large" block onClick={() => go(ROUTES.home)} className="result-button">
                {t('result.home')}
              </Button>
            </>
          )}
        </AsyncView>
      </View>
    </PageShell>
  );
}
