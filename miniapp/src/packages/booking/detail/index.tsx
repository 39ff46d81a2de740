import {
  type BookingDetail,
  bookingLocation,
  checkInCode,
  formatYuan,
  shownBookingStatus,
} from '@hospital/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import {
  BookingHeading,
  BookingWhen,
  CancelBookingDialog,
  useHoldLeft,
} from '../../../components/booking-card';
import { InfoRow } from '../../../components/info-row';
import { PageShell } from '../../../components/page-shell';
import { QrCode } from '../../../components/qr-code';
import { label, localName, useI18n } from '../../../i18n';
import { go, ROUTES, usePageParams } from '../../../lib/nav';
import { countdown, hospitalClock, hospitalOffsetMinutes } from '../../../lib/time';
import { useAsync } from '../../../lib/use-async';
import './index.css';

/**
 * A booking's own page: its status (停诊 told apart), the visit number and the check-in QR code for the
 * registration window, what, when (with the weekday) and where, what was paid and refunded, guidance, and
 * paying or cancelling where the booking still allows it.
 */
export default function BookingDetailPage() {
  const { t } = useI18n();
  const { id = '' } = usePageParams();
  const state = useAsync(() => api.call('booking.get', { params: { id } }), [id]);
  const [cancelling, setCancelling] = useState<BookingDetail | null>(null);
  const [actionError, setActionError] = useState<string>();
  // Back from paying or from the guidance: show the latest state.
  useDidShow(() => {
    if (state.data) void state.reload();
  });
  return (
    <PageShell title={t('detail.title')}>
      <View className="page-body">
        {actionError ? (
          <View className="card detail-error" role="alert">
            <Text className="error-text">{actionError}</Text>
          </View>
        ) : null}
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {(b) => (
            <Detail
              booking={b}
              onCancel={() => {
                setActionError(undefined);
                setCancelling(b);
              }}
            />
          )}
        </AsyncView>
      </View>
      <CancelBookingDialog
        booking={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={() => void state.reload()}
        onError={setActionError}
      />
    </PageShell>
  );
}

function Detail({ booking: b, onCancel }: { booking: BookingDetail; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const holdLeft = useHoldLeft(b.status === 'PENDING_PAYMENT' ? b.holdExpiresAt : null);
  const offset = hospitalOffsetMinutes(b.startsAt, b.date, b.startTime);
  const at = (instant: string) => {
    const c = hospitalClock(instant, offset);
    return `${c.date} ${c.time}`;
  };
  const stopped = shownBookingStatus(b) === 'STOPPED';
  const place = bookingLocation(b);
  const live = b.status === 'PENDING_PAYMENT' || b.status === 'CONFIRMED';
  const visitNumber = t('detail.visitNumberValue', { n: b.visitNumber });
  const pay = b.payment;
  return (
    <>
      <View className="card">
        <BookingHeading booking={b} />
        {holdLeft !== null ? (
          <Text className="booking-card__hold">{t('bookings.hold', { time: countdown(holdLeft) })}</Text>
        ) : null}
      </View>

      {stopped ? (
        <View className="card detail-stopped" role="alert" data-testid="stopped">
          <Text className="card__title detail-stopped__title">{t('detail.stoppedTitle')}</Text>
          <Text className="detail-stopped__line">
            {t('detail.stoppedLine', { reason: b.stopReason ?? '' })}
          </Text>
        </View>
      ) : null}

      {b.status === 'CONFIRMED' ? (
        <View className="card detail-code" data-testid="check-in">
          <Text className="muted">{t('detail.visitNumber')}</Text>
          <Text className="detail-code__number" data-testid="visit-number">
            {visitNumber}
          </Text>
          <View className="detail-code__qr">
            <QrCode text={checkInCode(b.id)} label={t('detail.qrLabel')} />
          </View>
          <Text className="muted detail-code__line">{t('detail.qrLine')}</Text>
        </View>
      ) : null}
      {b.status === 'CHECKED_IN' ? (
        <View className="card detail-code">
          <Text className="detail-code__number">{visitNumber}</Text>
          <Text className="detail-code__line">{t('detail.checkedIn')}</Text>
        </View>
      ) : null}

      <View className="card">
        {b.status !== 'CONFIRMED' ? (
          <InfoRow label={t('detail.visitNumber')}>
            <Text data-testid="visit-number">{visitNumber}</Text>
          </InfoRow>
        ) : null}
        <InfoRow label={t('detail.patient')}>
          <Text>{b.profile.name}</Text>
        </InfoRow>
        <InfoRow label={t('detail.department')}>
          <Text>{localName(b.department, locale)}</Text>
        </InfoRow>
        {b.doctor ? (
          <InfoRow label={t('detail.doctor')}>
            <Text>
              {localName(b.doctor, locale)} {label('doctorTitle', b.doctor.title)}
            </Text>
          </InfoRow>
        ) : null}
        {b.examType ? (
          <InfoRow label={t('detail.exam')}>
            <Text>{localName(b.examType, locale)}</Text>
          </InfoRow>
        ) : null}
        <InfoRow label={t('detail.time')}>
          <Text>
            <BookingWhen booking={b} period />
          </Text>
        </InfoRow>
        <InfoRow label={t('detail.place')}>
          <Text>{place}</Text>
        </InfoRow>
      </View>

      <View className="card" data-testid="payment">
        {pay ? (
          <>
            <InfoRow label={t('detail.paid')}>
              <Text className="detail-paid">{formatYuan(pay.paidFen)}</Text>
            </InfoRow>
            <InfoRow label={t('detail.orderNo')}>
              <Text className="detail-order-no">{pay.orderNo}</Text>
            </InfoRow>
            <InfoRow label={t('detail.paidAt')}>
              <Text>{at(pay.paidAt)}</Text>
            </InfoRow>
            {pay.channel === 'WINDOW' ? (
              <InfoRow label={t('detail.paidWhere')}>
                <Text>{t('detail.paidAtWindow')}</Text>
              </InfoRow>
            ) : null}
            {pay.refund ? (
              <>
                <InfoRow label={t('detail.refund')}>
                  <Text data-testid="refund-status">{label('refundStatus', pay.refund.status)}</Text>
                </InfoRow>
                <InfoRow label={t('detail.refundAmount')}>
                  <Text>{formatYuan(pay.refund.amountFen)}</Text>
                </InfoRow>
                {pay.refund.status === 'FAILED' ? (
                  <Text className="error-text">{t('detail.refundFailed')}</Text>
                ) : null}
              </>
            ) : null}
          </>
        ) : (
          <InfoRow label={t('detail.fee')}>
            <Text>{b.feeFen > 0 ? formatYuan(b.feeFen) : t('detail.free')}</Text>
          </InfoRow>
        )}
        {b.status === 'CANCELLED' && !stopped && b.cancelReason ? (
          <InfoRow label={t('detail.cancelReason')}>
            <Text>{b.cancelReason}</Text>
          </InfoRow>
        ) : null}
      </View>

      {live ? (
        <View className="card">
          <Text className="card__title">{t('detail.guidance')}</Text>
          <Text className="muted detail-guidance__line">{t('detail.guidanceLine', { place })}</Text>
          {b.examType ? (
            <Button
              type="primary"
              fill="outline"
              block
              onClick={() => go(ROUTES.guidanceTimeline, { bookingId: b.id })}
            >
              {t('detail.examGuidance')}
            </Button>
          ) : null}
        </View>
      ) : null}

      {holdLeft !== null && holdLeft > 0 ? (
        <Button
          type="primary"
          size="large"
          block
          className="detail-button"
          onClick={() => go(ROUTES.pay, { bookingId: b.id })}
        >
          {t('detail.pay')} {formatYuan(b.feeFen)}
        </Button>
      ) : null}
      {b.canCancel ? (
        <Button size="large" block fill="outline" className="detail-button" onClick={onCancel}>
          {t('detail.cancel')}
        </Button>
      ) : b.status === 'CONFIRMED' && pay?.channel === 'WINDOW' ? (
        <Text className="detail-window-cancel" data-testid="cancel-at-window">
          {t('detail.cancelAtWindow')}
        </Text>
      ) : null}
    </>
  );
}
