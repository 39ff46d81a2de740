import { UPCOMING_BOOKING_STATUSES } from '@hospital/shared';
import { Button, Dialog, Tabs, Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api, type Booking, messageOf, type WaitlistEntryView } from '../../api';
import { AsyncView, EmptyState } from '../../components/async-view';
import { BookingCard, CancelBookingDialog, waitlistItem } from '../../components/booking-card';
import { PageShell } from '../../components/page-shell';
import { label, useI18n } from '../../i18n';
import { go, ROUTES } from '../../lib/nav';
import { useTabPage } from '../../lib/tab-bar';
import { useAsync, usePullToRefresh } from '../../lib/use-async';
import './index.css';

interface Mine {
  bookings: Booking[];
  waitlist: WaitlistEntryView[];
}

export default function BookingsPage() {
  const { t, locale } = useI18n();
  useTabPage('pages/bookings/index');
  const [tab, setTab] = useState<string>('upcoming');
  const [cancelling, setCancelling] = useState<Booking | null>(null);
  const [leaving, setLeaving] = useState<WaitlistEntryView | null>(null);
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mine = useAsync<Mine>(async () => {
    const [bookings, waitlist] = await Promise.all([api.call('booking.mine'), api.call('waitlist.mine')]);
    return { bookings: bookings.items, waitlist: waitlist.items };
  }, []);
  usePullToRefresh(mine.reload);
  // Coming back from paying or booking: show the latest state.
  useDidShow(() => {
    if (mine.data) void mine.reload();
  });

  const leave = async () => {
    if (!leaving) return;
    setBusy(true);
    setActionError(undefined);
    try {
      await api.call('waitlist.leave', { params: { id: leaving.id } });
      void Taro.showToast({ title: t('bookings.left'), icon: 'success' });
      setLeaving(null);
      await mine.reload();
    } catch (error) {
      setLeaving(null);
      setActionError(messageOf(error, locale));
    } finally {
      setBusy(false);
    }
  };

  const renderBookings = (items: Booking[], emptyText: string) =>
    items.length === 0 ? (
      <EmptyState
        text={emptyText}
        action={
          <Button type="primary" onClick={() => go(ROUTES.home)}>
            {t('bookings.book')}
          </Button>
        }
      />
    ) : (
      items.map((b) => (
        <BookingCard
          key={b.id}
          booking={b}
          onOpen={() => go(ROUTES.bookingDetail, { id: b.id })}
          onPay={() => go(ROUTES.pay, { bookingId: b.id })}
          onCancel={() => {
            setActionError(undefined);
            setCancelling(b);
          }}
          onGuidance={() => go(ROUTES.guidanceTimeline, { bookingId: b.id })}
        />
      ))
    );

  return (
    <PageShell tab>
      <View className="bookings-tabs">
        <Tabs value={tab} onChange={(v) => setTab(String(v))} activeType="line" align="left">
          <Tabs.TabPane title={t('bookings.upcoming')} value="upcoming" />
          <Tabs.TabPane title={t('bookings.past')} value="past" />
          <Tabs.TabPane title={t('bookings.waitlist')} value="waitlist" />
        </Tabs>
      </View>
      <View className="page-body">
        {actionError ? (
          <View className="card bookings-error" role="alert">
            <Text className="error-text">{actionError}</Text>
          </View>
        ) : null}
        <AsyncView {...mine} onRetry={mine.reload}>
          {(data) => {
            if (tab === 'upcoming')
              return renderBookings(
                data.bookings.filter((b) => UPCOMING_BOOKING_STATUSES.includes(b.status)),
                t('bookings.empty'),
              );
            if (tab === 'past')
              return renderBookings(
                data.bookings.filter((b) => !UPCOMING_BOOKING_STATUSES.includes(b.status)),
                t('bookings.emptyPast'),
              );
            return data.waitlist.length === 0 ? (
              <EmptyState text={t('bookings.emptyWaitlist')} />
            ) : (
              data.waitlist.map((w) => (
                <View key={w.id} className="card" data-testid={`waitlist-${w.id}`}>
                  <View className="booking-card__head">
                    <Text className="card__title booking-card__item">{waitlistItem(w)}</Text>
                    <Tag
                      type={
                        w.status === 'OFFERED' ? 'warning' : w.status === 'WAITING' ? 'primary' : 'default'
                      }
                    >
                      {label('waitlist', w.status)}
                    </Tag>
                  </View>
                  <Text className="booking-card__when">
                    {w.date} · {label('period', w.period)}
                  </Text>
                  <Text className="muted booking-card__line">
                    {t('bookings.patient', { name: w.profile.name })}
                  </Text>
                  {w.position ? (
                    <Text className="booking-card__line">{t('bookings.position', { n: w.position })}</Text>
                  ) : null}
                  {w.status === 'OFFERED' ? (
                    <Text className="booking-card__hold">{t('bookings.offered')}</Text>
                  ) : null}
                  <View className="card__actions">
                    {w.status === 'WAITING' || w.status === 'OFFERED' ? (
                      <Button size="small" fill="outline" onClick={() => setLeaving(w)}>
                        {t('bookings.leave')}
                      </Button>
                    ) : null}
                    {w.status === 'OFFERED' && w.bookingId ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => go(ROUTES.pay, { bookingId: w.bookingId ?? '' })}
                      >
                        {t('bookings.pay')}
                      </Button>
                    ) : null}
                  </View>
                </View>
              ))
            );
          }}
        </AsyncView>
      </View>
      <CancelBookingDialog
        booking={cancelling}
        onClose={() => setCancelling(null)}
        onCancelled={() => void mine.reload()}
        onError={setActionError}
      />
      <Dialog
        visible={leaving !== null}
        title={t('bookings.leaveTitle')}
        confirmText={t('common.confirm')}
        cancelText={t('bookings.cancelKeep')}
        disableConfirmButton={busy}
        onConfirm={() => void leave()}
        onCancel={() => setLeaving(null)}
        onClose={() => setLeaving(null)}
      >
        {leaving ? `${leaving.date} ${waitlistItem(leaving)}` : null}
      </Dialog>
    </PageShell>
  );
}
