import { formatYuan } from '@hospital/shared';
import { Button, Radio } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  ApiError,
  api,
  type ExamType,
  type Hospital,
  messageOf,
  type PayResult,
  type Profile,
} from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { InfoRow } from '../../../components/info-row';
import { PageShell } from '../../../components/page-shell';
import { label, localName, useI18n } from '../../../i18n';
import { listingOffset } from '../../../lib/days';
import { go, ROUTES, replace, usePageParams } from '../../../lib/nav';
import { confirmLocalOrder, payBooking } from '../../../lib/payment';
import { examPlace, preparationLines } from '../../../lib/prep';
import { pickedSlot, type Slot } from '../../../lib/selection';
import { useElderlyMode } from '../../../lib/settings';
import { hospitalClock, hospitalOffsetMinutes, timeRange } from '../../../lib/time';
import { useAsync } from '../../../lib/use-async';
import { chosenProfile } from '../eligibility';
import './index.css';

interface Facts {
  slot: Slot;
  offset: number;
  hospital: Hospital;
  exam: ExamType | null;
  location: string;
}

async function loadFacts(slotId: string, doctorId?: string, examTypeCode?: string): Promise<Facts> {
  const cached = pickedSlot(slotId);
  const [hospital, found] = await Promise.all([
    api.call('catalog.hospital'),
    cached
      ? Promise.resolve(cached)
      : api.call('scheduling.slots', { query: doctorId ? { doctorId } : { examTypeCode } }).then((list) => {
          const slot = list.items.find((s) => s.id === slotId);
          return slot ? { slot, offsetMinutes: listingOffset(list) } : null;
        }),
  ]);
  if (!found) throw new ApiError({ code: 'NOT_FOUND', status: 404, message: '' });
  const { slot, offsetMinutes } = found;
  const exam = examTypeCode ? await api.call('catalog.examType', { params: { code: examTypeCode } }) : null;
  // The same place the bookings tab and the guidance show (shared formatLocation / bookingLocation).
  let location = exam ? examPlace(exam) : '';
  if (!location) {
    const departments = await api.call('catalog.departments');
    location = departments.items.find((d) => d.id === slot.departmentId)?.location ?? '';
  }
  return { slot, offset: offsetMinutes, hospital, exam, location };
}

/** How a profile is told apart in a list: its masked number, or for a child without one, whose child it is. */
function useIdLine(): (p: Profile) => string {
  const { t } = useI18n();
  return (p) => p.idNumberMasked ?? (p.guardian ? t('profiles.guardianOf', { name: p.guardian.name }) : '');
}

/** Elderly mode preselects the obvious patient: the only profile, or the patient themself. */
function obviousProfile(items: Profile[]): Profile | undefined {
  return items.length === 1 ? items[0] : items.find((p) => p.relationship === 'SELF');
}

/** Elderly mode's one-tap flow: the booking made (held) and, on H5, the local order to confirm. */
interface Held {
  bookingId: string;
  order?: PayResult;
}

export default function ConfirmPage() {
  const { t, locale } = useI18n();
  const idLine = useIdLine();
  const { slotId = '', doctorId, examTypeCode, waitlist } = usePageParams();
  const [waitlistMode, setWaitlistMode] = useState(waitlist === '1');
  const facts = useAsync(() => loadFacts(slotId, doctorId, examTypeCode), [slotId, doctorId, examTypeCode]);
  const profiles = useAsync(() => api.call('profiles.list'), []);
  const [profileId, setProfileId] = useState<string>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState(false);
  const elderly = useElderlyMode();
  // Elderly mode: the patient's card replaces the picker until they tap 更换.
  const [changing, setChanging] = useState(false);
  const [held, setHeld] = useState<Held | null>(null);
  // Back from adding a profile: list it.
  useDidShow(() => {
    if (profiles.data) void profiles.reload();
  });
  useEffect(() => {
    const items = profiles.data?.items ?? [];
    if (items.length && !items.some((p) => p.id === profileId))
      // The profile picked on the schedule page (whose eligibility it showed), else the obvious one.
      setProfileId(
        items.find((p) => p.id === chosenProfile())?.id ??
          (elderly ? obviousProfile(items)?.id : items[0]?.id),
      );
  }, [profiles.data, profileId, elderly]);

  /** Elderly mode: pays the held booking right away, as the pay page would, and opens the result. */
  const payHeld = async ({ bookingId, order }: Held) => {
    let local = order;
    if (!local) {
      const outcome = await payBooking(bookingId);
      if (outcome.kind === 'done') return replace(ROUTES.result, { bookingId });
      if (outcome.kind === 'cancelled') {
        void Taro.showToast({ title: t('pay.cancelled'), icon: 'none' });
        return;
      }
      // Only the local stand-in can be finished here; anything else goes through the pay page.
      if (outcome.order.provider !== 'local') return replace(ROUTES.pay, { bookingId });
      local = outcome.order;
      setHeld({ bookingId, order: local });
    }
    await confirmLocalOrder(local.order.orderNo);
    replace(ROUTES.result, { bookingId });
  };

  const rebook = () => replace(ROUTES.schedule, doctorId ? { doctorId } : { examTypeCode });

  const submit = async (f: Facts) => {
    if (!profileId) {
      setError(new ApiError({ code: 'VALIDATION_FAILED', status: 400, message: t('confirm.pickProfile') }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (waitlistMode) {
        await api.call('waitlist.join', { body: { sessionId: f.slot.sessionId, profileId } });
        setJoined(true);
      } else if (held) {
        // Booked already (one-tap flow interrupted): only the payment is retried.
        await payHeld(held);
      } else {
        const booking = await api.call('booking.create', {
          body: { slotId: f.slot.id, profileId },
        });
        if (booking.status !== 'PENDING_PAYMENT') replace(ROUTES.result, { bookingId: booking.id });
        else if (!elderly) replace(ROUTES.pay, { bookingId: booking.id });
        else {
          const next = { bookingId: booking.id };
          setHeld(next);
          await payHeld(next);
        }
      }
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e
          : new ApiError({ code: 'INTERNAL', status: 500, message: messageOf(e, locale) }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell title={waitlistMode ? t('confirm.waitlistTitle') : t('confirm.title')}>
      <View className="page-body">
        <AsyncView
          {...facts}
          error={
            facts.error instanceof ApiError && facts.error.code === 'NOT_FOUND'
              ? new ApiError({ code: 'NOT_FOUND', status: 404, message: t('confirm.slotGone') })
              : facts.error
          }
          onRetry={facts.reload}
          rows={6}
        >
          {(f) => {
            const { slot, hospital, exam } = f;
            const rules = hospital.rules;
            const cutoffHours = rules.booking.cancelCutoffMinutes / 60;
            const deadline = hospitalClock(
              new Date(Date.parse(slot.startsAt) - rules.booking.cancelCutoffMinutes * 60_000).toISOString(),
              hospitalOffsetMinutes(slot.startsAt, slot.date, slot.startTime),
            );
            const item = exam
              ? localName(exam, locale)
              : localName({ name: slot.doctorName ?? '', nameEn: slot.doctorNameEn }, locale);
            if (joined) {
              return (
                <View className="card confirm-done" data-testid="waitlist-joined">
                  <Text className="card__title">{t('confirm.waitlistDone')}</Text>
                  <Button
                    type="primary"
                    block
                    onClick={() => go(ROUTES.bookings)}
                    className="confirm-done__button"
                  >
                    {t('result.bookings')}
                  </Button>
                </View>
              );
            }
            return (
              <>
                <View className="card">
                  <InfoRow label={t('confirm.item')}>
                    <Text>{item}</Text>
                  </InfoRow>
                  <InfoRow label={t('confirm.time')}>
                    <Text className="confirm-time">
                      {slot.date} {label('period', slot.period)}{' '}
                      {/* The waitlist is for the whole session: any of its slots may come free. */}
                      {waitlistMode ? null : (
                        <Text className="time-range">{timeRange(slot.startTime, slot.endTime)}</Text>
                      )}
                    </Text>
                  </InfoRow>
                  {f.location ? (
                    <InfoRow label={t('confirm.place')}>
                      <Text>{f.location}</Text>
                    </InfoRow>
                  ) : null}
                  <InfoRow label={t('confirm.fee')}>
                    <Text className="confirm-fee">{formatYuan(slot.feeFen)}</Text>
                  </InfoRow>
                  <InfoRow label={t('confirm.cutoff')}>
                    <Text>
                      {t('confirm.cutoffLine', {
                        time: `${deadline.date} ${deadline.time}`,
                        hours: cutoffHours,
                      })}
                    </Text>
                  </InfoRow>
                </View>

                <Text className="section-title">{t('confirm.patient')}</Text>
                <View className="card">
                  <AsyncView {...profiles} onRetry={profiles.reload} rows={2}>
                    {(list) =>
                      list.items.length === 0 ? (
                        <Text className="muted">{t('confirm.noProfile')}</Text>
                      ) : elderly && (!changing || held) && list.items.some((p) => p.id === profileId) ? (
                        <ProfileCard
                          profile={list.items.find((p) => p.id === profileId) as Profile}
                          onChange={held ? undefined : () => setChanging(true)}
                          changeLabel={t('confirm.change')}
                          relationship={(p) => label('relationship', p.relationship)}
                        />
                      ) : (
                        <Radio.Group
                          value={profileId}
                          onChange={(v) => {
                            setProfileId(String(v));
                            setChanging(false);
                          }}
                          className="confirm-profiles"
                        >
                          {list.items.map((p: Profile) => (
                            <Radio key={p.id} value={p.id} className="confirm-profile tap">
                              {p.name} <Text className="muted">{idLine(p)}</Text>
                            </Radio>
                          ))}
                        </Radio.Group>
                      )
                    }
                  </AsyncView>
                  {elderly && (!changing || held) && profileId ? null : (
                    <Button
                      fill="none"
                      type="primary"
                      onClick={() => go(ROUTES.profileEdit)}
                      className="confirm-add"
                    >
                      + {t('confirm.addProfile')}
                    </Button>
                  )}
                </View>

                {exam ? (
                  <>
                    <Text className="section-title">{t('confirm.prep')}</Text>
                    <View className="card">
                      {preparationLines(exam, t).map((line) => (
                        <Text key={line} className="confirm-prep">
                          · {line}
                        </Text>
                      ))}
                    </View>
                  </>
                ) : null}

                <Text className="muted confirm-note">
                  {waitlistMode
                    ? t('confirm.waitlistLine', { n: rules.waitlist.offerHoldMinutes })
                    : slot.feeFen > 0
                      ? t('confirm.holdLine', { n: rules.booking.holdMinutes })
                      : ''}
                </Text>
                {error ? (
                  <View className="card confirm-error" role="alert">
                    <Text className="error-text">{error.message}</Text>
                    {error.code === 'SLOT_FULL' && !waitlistMode ? (
                      <Button
                        size="small"
                        fill="outline"
                        type="primary"
                        onClick={() => {
                          setError(null);
                          setWaitlistMode(true);
                        }}
                        className="confirm-error__action"
                      >
                        {t('schedule.waitlist')}
                      </Button>
                    ) : null}
                    {error.code === 'HOLD_EXPIRED' ? (
                      <Button
                        size="small"
                        fill="outline"
                        type="primary"
                        onClick={rebook}
                        className="confirm-error__action"
                      >
                        {t('pay.rebook')}
                      </Button>
                    ) : null}
                  </View>
                ) : null}
                <Button
                  type="primary"
                  size="large"
                  block
                  loading={busy}
                  disabled={busy || !profileId || error?.code === 'HOLD_EXPIRED'}
                  onClick={() => void submit(f)}
                  className="confirm-submit"
                >
                  {waitlistMode
                    ? t('confirm.submitWaitlist')
                    : held
                      ? `${t('pay.submit')} ${formatYuan(slot.feeFen)}`
                      : elderly && slot.feeFen > 0
                        ? t('confirm.submitPay')
                        : t('confirm.submit')}
                </Button>
              </>
            );
          }}
        </AsyncView>
      </View>
    </PageShell>
  );
}

/** Elderly mode: the chosen patient as one large card, with 更换 to open the picker. */
function ProfileCard(props: {
  profile: Profile;
  changeLabel: string;
  relationship: (p: Profile) => string;
  onChange?: () => void;
}) {
  const { profile, changeLabel, relationship, onChange } = props;
  const idLine = useIdLine();
  return (
    <View className="confirm-profile-card" data-testid="elderly-profile">
      <View className="confirm-profile-card__who">
        <Text className="confirm-profile-card__name">{profile.name}</Text>
        <Text className="muted">
          {relationship(profile)} · {idLine(profile)}
        </Text>
      </View>
      {onChange ? (
        <Text className="confirm-profile-card__change tap" onClick={onChange}>
          {changeLabel}
        </Text>
      ) : null}
    </View>
  );
}
