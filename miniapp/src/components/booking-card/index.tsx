import { type BookingShownStatus, bookingLocation, shownBookingStatus } from '@hospital/shared';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Booking } from '../../api';
import { label, useI18n } from '../../i18n';
import { countdown, hospitalClock, hospitalOffsetMinutes, timeRange } from '../../lib/time';
import { InfoRow } from '../info-row';
import { bookingDay, bookingItem, bookingWhen, waitlistItem } from './format';
import './index.css';

export { CancelBookingDialog } from './cancel-dialog';
export { bookingItem, bookingWhen, waitlistItem };

const STATUS_TAG: Record<BookingShownStatus, 'primary' | 'warning' | 'success' | 'default' | 'danger'> = {
  PENDING_PAYMENT: 'warning',
  CONFIRMED: 'success',
  CHECKED_IN: 'primary',
  COMPLETED: 'default',
  CANCELLED: 'default',
  EXPIRED: 'default',
  NO_SHOW: 'danger',
  // 停诊: the hospital called the visit off — not to be taken for the patient's own cancel.
  STOPPED: 'danger',
};

/** The booking's status tag, 停诊 apart from an ordinary cancel. */
export function BookingStatusTag({ booking }: { booking: Booking }) {
  const shown = shownBookingStatus(booking);
  return (
    <Tag type={STATUS_TAG[shown]} data-status={shown}>
      {label('bookingStatus', shown)}
    </Tag>
  );
}

/**
 * When: date, weekday, the time range (never broken across lines: `08:00–` above `08:30` reads as two times)
 * and, with `period`, 上午/下午.
 */
export function BookingWhen({ booking: b, period = false }: { booking: Booking; period?: boolean }) {
  return (
    <>
      {bookingDay(b)} <Text className="time-range">{timeRange(b.startTime, b.endTime)}</Text>
      {period ? ` · ${label('period', b.period)}` : null}
    </>
  );
}

/** What was booked with its status tag, then when (date, weekday, time, period): a card's first lines. */
export function BookingHeading({ booking: b }: { booking: Booking }) {
  return (
    <>
      <View className="booking-card__head">
        <Text className="card__title booking-card__item">{bookingItem(b)}</Text>
        <BookingStatusTag booking={b} />
      </View>
      <Text className="booking-card__when">
        <BookingWhen booking={b} period />
      </Text>
    </>
  );
}

/** Ticks every second while a hold is running; null once there is none. */
export function useHoldLeft(holdExpiresAt: string | null | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!holdExpiresAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [holdExpiresAt]);
  return holdExpiresAt ? Math.max(0, Date.parse(holdExpiresAt) - now) : null;
}

interface BookingCardProps {
  booking: Booking;
  /** Opens the booking's own page (a tap anywhere on the card but its buttons). */
  onOpen?: () => void;
  onPay?: () => void;
  onCancel?: () => void;
  onGuidance?: () => void;
}

/** What was booked, when, (optionally) where, and for whom — as rows of a card. */
export function BookingSummary({ booking: b, showPlace = false }: { booking: Booking; showPlace?: boolean }) {
  const { t } = useI18n();
  return (
    <View className="card">
      <InfoRow label={t('confirm.item')}>
        <Text>{bookingItem(b)}</Text>
      </InfoRow>
      <InfoRow label={t('confirm.time')}>
        <Text>
          <BookingWhen booking={b} />
        </Text>
      </InfoRow>
      {showPlace ? (
        <InfoRow label={t('confirm.place')}>
          <Text>{bookingLocation(b)}</Text>
        </InfoRow>
      ) : null}
      <InfoRow label={t('confirm.patient')}>
        <Text>{b.profile.name}</Text>
      </InfoRow>
    </View>
  );
}

export function BookingCard({ booking: b, onOpen, onPay, onCancel, onGuidance }: BookingCardProps) {
  const { t } = useI18n();
  const holdLeft = useHoldLeft(b.status === 'PENDING_PAYMENT' ? b.holdExpiresAt : null);
  const offset = hospitalOffsetMinutes(b.startsAt, b.date, b.startTime);
  const deadline = hospitalClock(b.cancelDeadline, offset);
  return (
    <View className="card booking-card" data-testid={`booking-${b.id}`}>
      <View className="booking-card__body" onClick={onOpen}>
        <BookingHeading booking={b} />
        <Text className="muted booking-card__line">{bookingLocation(b)}</Text>
        <Text className="muted booking-card__line">{t('bookings.patient', { name: b.profile.name })}</Text>
        {b.stopReason !== null ? (
          <Text className="booking-card__stopped">{t('bookings.stopped', { reason: b.stopReason })}</Text>
        ) : null}
        {holdLeft !== null ? (
          <Text className="booking-card__hold">{t('bookings.hold', { time: countdown(holdLeft) })}</Text>
        ) : null}
        {b.canCancel && b.status === 'CONFIRMED' ? (
          <Text className="muted booking-card__line">
            {t('bookings.cancelBy', { time: `${deadline.date} ${deadline.time}` })}
          </Text>
        ) : null}
        {onOpen ? <Text className="booking-card__more">{t('bookings.detail')}</Text> : null}
      </View>
      <View className="card__actions">
        {b.examType && onGuidance && (b.status === 'CONFIRMED' || b.status === 'PENDING_PAYMENT') ? (
          <Button size="small" fill="outline" type="primary" onClick={onGuidance}>
            {t('bookings.guidance')}
          </Button>
        ) : null}
        {b.canCancel && onCancel ? (
          <Button size="small" fill="outline" onClick={onCancel}>
            {t('bookings.cancel')}
          </Button>
        ) : null}
        {holdLeft !== null && holdLeft > 0 && onPay ? (
          <Button size="small" type="primary" onClick={onPay}>
            {t('bookings.pay')}
          </Button>
        ) : null}
      </View>
    </View>
  );
}
