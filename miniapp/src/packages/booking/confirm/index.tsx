import { formatYuan } from '@hospital/shared';
import { Button, Radio } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  ApiError,
  actionKeys,
  api,
  type ExamType,
  type Hospital,
  messageOf,
  type Profile,
} from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { InfoRow } from '../../../components/info-row';
import { PageShell } from '../../../components/page-shell';
import { useI18n } from '../../../i18n';
import { listingOffset } from '../../../lib/days';
import { go, ROUTES, replace, usePageParams } from '../../../lib/nav';
import { examPlace, preparationLines } from '../../../lib/prep';
import { pickedSlot, type Slot } from '../../../lib/selection';
import { hospitalClock, hospitalOffsetMinutes } from '../../../lib/time';
import { useAsync } from '../../../lib/use-async';
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
    api.hospital(),
    cached
      ? Promise.resolve(cached)
      : api.slots(doctorId ? { doctorId } : { examTypeCode }).then((list) => {
          const slot = list.items.find((s) => s.id === slotId);
          return slot ? { slot, offsetMinutes: listingOffset(list) } : null;
        }),
  ]);
  if (!found) throw new ApiError({ code: 'NOT_FOUND', status: 404, message: '' });
  const { slot, offsetMinutes } = found;
  const exam = examTypeCode ? await api.examType(examTypeCode) : null;
  let location = exam ? examPlace(exam) : '';
  if (!exam) {
    const departments = await api.departments();
    location = departments.items.find((d) => d.id === slot.departmentId)?.location ?? '';
  }
  return { slot, offset: offsetMinutes, hospital, exam, location };
}

export default function ConfirmPage() {
  const { t, locale } = useI18n();
  const { slotId = '', doctorId, examTypeCode, waitlist } = usePageParams();
  const [waitlistMode, setWaitlistMode] = useState(waitlist === '1');
  const facts = useAsync(() => loadFacts(slotId, doctorId, examTypeCode), [slotId, doctorId, examTypeCode]);
  const profiles = useAsync(() => api.profiles(), []);
  const [profileId, setProfileId] = useState<string>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState(false);
  // Back from adding a profile: list it.
  useDidShow(() => {
    if (profiles.data) void profiles.reload();
  });
  useEffect(() => {
    const items = profiles.data?.items ?? [];
    if (items.length && !items.some((p) => p.id === profileId)) setProfileId(items[0]?.id);
  }, [profiles.data, profileId]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({
      title: waitlistMode ? t('confirm.waitlistTitle') : t('confirm.title'),
    });
  }, [waitlistMode, t]);

  const submit = async (f: Facts) => {
    if (!profileId) {
      setError(new ApiError({ code: 'VALIDATION_FAILED', status: 400, message: t('confirm.pickProfile') }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (waitlistMode) {
        await api.joinWaitlist({ sessionId: f.slot.sessionId, profileId });
        setJoined(true);
      } else {
        const booking = await actionKeys.run(`book:${f.slot.id}:${profileId}`, (key) =>
          api.book({ slotId: f.slot.id, profileId }, key),
        );
        if (booking.status === 'PENDING_PAYMENT') replace(ROUTES.pay, { bookingId: booking.id });
        else replace(ROUTES.result, { bookingId: booking.id });
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
    <PageShell>
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
            const item = exam ? exam.name : `${slot.doctorName ?? ''}`;
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
                      {slot.date} {t(`period.${slot.period}`)} {slot.startTime}-{slot.endTime}
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
                      ) : (
                        <Radio.Group
                          value={profileId}
                          onChange={(v) => setProfileId(String(v))}
                          className="confirm-profiles"
                        >
                          {list.items.map((p: Profile) => (
                            <Radio key={p.id} value={p.id} className="confirm-profile tap">
                              {p.name} <Text className="muted">{p.idNumberMasked}</Text>
                            </Radio>
                          ))}
                        </Radio.Group>
                      )
                    }
                  </AsyncView>
                  <Button
                    fill="none"
                    type="primary"
                    onClick={() => go(ROUTES.profileEdit)}
                    className="confirm-add"
                  >
                    + {t('confirm.addProfile')}
                  </Button>
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
                  </View>
                ) : null}
                <Button
                  type="primary"
                  size="large"
                  block
                  loading={busy}
                  disabled={busy || !profileId}
                  onClick={() => void submit(f)}
                  className="confirm-submit"
                >
                  {waitlistMode ? t('confirm.submitWaitlist') : t('confirm.submit')}
                </Button>
              </>
            );
          }}
        </AsyncView>
      </View>
    </PageShell>
  );
}
