import { Dialog } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { api, type Booking, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { bookingItem, bookingWhen } from './format';

interface CancelBookingDialogProps {
  /** The booking to cancel; null keeps the dialog closed. */
  booking: Booking | null;
  onClose: () => void;
  /** Cancelled: the server's answer (a paid booking is being refunded). */
  onCancelled: (booking: Booking) => void;
  /** Refused (the cutoff passed, the network…): the message to show. */
  onError: (message: string) => void;
}

/**
 * Cancelling a booking, the one way both the bookings list and a booking's own page do it: asks first (what,
 * when, and that a payment is refunded), then POST /bookings/:id/cancel with its Idempotency-Key.
 */
export function CancelBookingDialog({ booking, onClose, onCancelled, onError }: CancelBookingDialogProps) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (!booking) return;
    setBusy(true);
    try {
      const cancelled = await api.call('booking.cancel', { params: { id: booking.id } });
      void Taro.showToast({ title: t('bookings.cancelDone'), icon: 'success' });
      onClose();
      onCancelled(cancelled);
    } catch (error) {
      onClose();
      onError(messageOf(error, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      visible={booking !== null}
      title={t('bookings.cancelTitle')}
      confirmText={t('common.confirm')}
      cancelText={t('bookings.cancelKeep')}
      disableConfirmButton={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      onClose={onClose}
    >
      {booking ? t('bookings.cancelLine', { item: bookingItem(booking), time: bookingWhen(booking) }) : null}
    </Dialog>
  );
}
