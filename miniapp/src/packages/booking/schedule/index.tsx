import { formatYuan } from '@hospital/shared';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { api, type Doctor, type ExamType, type SlotList } from '../../../api';
import { AsyncView, EmptyState } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, type MessageKey, useI18n } from '../../../i18n';
import { dayLabel, hospitalToday, listingOffset } from '../../../lib/days';
import { go, ROUTES, usePageParams } from '../../../lib/nav';
import { pickSlot, type Slot } from '../../../lib/selection';
import { hospitalClock } from '../../../lib/time';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';
import { EligibilityNotice, refusal, useBookingProfile } from '../eligibility';
import './index.css';

interface Day {
  date: string;
  slots: Slot[];
  open: number;
  /** Earliest release of a day not yet open. */
  releaseAt: string | null;
}

export function groupByDay(list: SlotList): Day[] {
  const days = new Map<string, Day>();
  for (const s of list.items) {
    let day = days.get(s.date);
    if (!day) {
      day = { date: s.date, slots: [], open: 0, releaseAt: null };
      days.set(s.date, day);
    }
    day.slots.push(s);
    if (s.status === 'OPEN') day.open += s.placesLeft;
    if (s.status === 'NOT_RELEASED' && (!day.releaseAt || s.releaseAt < day.releaseAt))
      day.releaseAt = s.releaseAt;
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

interface Owner {
  doctor?: Doctor;
  exam?: ExamType;
}

export default function SchedulePage() {
  const { t } = useI18n();
  const { doctorId, examTypeCode } = usePageParams();
  const state = useAsync<{ owner: Owner; list: SlotList }>(async () => {
    const [owner, list] = await Promise.all([
      doctorId
        ? api.call('catalog.doctor', { params: { id: doctorId } }).then((doctor) => ({ doctor }))
        : api.call('catalog.examType', { params: { code: examTypeCode ?? '' } }).then((exam) => ({ exam })),
      api.call('scheduling.slots', { query: doctorId ? { doctorId } : { examTypeCode } }),
    ]);
    return { owner, list };
  }, [doctorId, examTypeCode]);
  // The patient's profiles, to tell before a slot is picked whether the one booking may be.
  const { profiles, profileId, setProfileId } = useBookingProfile();
  usePullToRefresh(state.reload);
  // Back from confirming or paying (or adding a profile): places may have changed.
  useDidShow(() => {
    if (state.data) void state.reload();
    if (profiles.data) void profiles.reload();
  });
  const days = useMemo(() => (state.data ? groupByDay(state.data.list) : []), [state.data]);
  const [selected, setSelected] = useState<string>();
  useEffect(() => {
    if (!days.length || (selected && days.some((d) => d.date === selected))) return;
    setSelected((days.find((d) => d.open > 0) ?? days[0])?.date);
  }, [days, selected]);

  return (
    <PageShell title={state.data?.owner.doctor?.name ?? state.data?.owner.exam?.name}>
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {({ owner, list }) => {
            const offset = listingOffset(list);
            const today = hospitalToday(list);
            const day = days.find((d) => d.date === selected);
            const restrictions = owner.doctor?.restrictions ?? owner.exam?.restrictions ?? [];
            const patient = profiles.data?.find((p) => p.id === profileId);
            const onSlot = (slot: Slot) => {
              pickSlot(slot, offset);
              const params = { slotId: slot.id, doctorId, examTypeCode };
              go(ROUTES.confirm, slot.status === 'FULL' ? { ...params, waitlist: 1 } : params);
            };
            return (
              <>
                <View className="card schedule-owner">
                  {owner.doctor ? (
                    <>
                      <Text className="card__title">
                        {owner.doctor.name}{' '}
                        <Text className="muted">{label('doctorTitle', owner.doctor.title)}</Text>
                      </Text>
                      <Text className="muted">{owner.doctor.departmentName}</Text>
                      {owner.doctor.specialty ? (
                        <Text className="muted schedule-owner__line">{owner.doctor.specialty}</Text>
                      ) : null}
                    </>
                  ) : owner.exam ? (
                    <>
                      <Text className="card__title">{owner.exam.name}</Text>
                      <Text className="muted">
                        {owner.exam.departmentName} ·{' '}
                        {t('schedule.fee', { fee: formatYuan(owner.exam.feeFen) })}
                      </Text>
                    </>
                  ) : null}
                </View>
                <EligibilityNotice
                  restrictions={restrictions}
                  profiles={profiles.data ?? []}
                  profileId={profileId}
                  onPick={setProfileId}
                  date={day?.date ?? days[0]?.date}
                />
                <Text className="section-title">
                  {owner.exam ? t('schedule.examTitle') : t('schedule.title')}
                </Text>
                {days.length === 0 ? (
                  <EmptyState text={t('schedule.noSlots')} />
                ) : (
                  <>
                    <ScrollView scrollX className="schedule-days" enhanced showScrollbar={false}>
                      {days.map((d) => {
                        const release = d.releaseAt ? hospitalClock(d.releaseAt, offset) : null;
                        const status =
                          d.open > 0
                            ? t('schedule.left', { n: d.open })
                            : release
                              ? t('schedule.opensAt', { time: release.time })
                              : t('schedule.full');
                        return (
                          <View
                            key={d.date}
                            className={`schedule-day tap${d.date === selected ? ' schedule-day--active' : ''}${d.open > 0 ? '' : ' schedule-day--closed'}`}
                            onClick={() => setSelected(d.date)}
                            data-testid={`day-${d.date}`}
                          >
                            <Text className="schedule-day__label">{dayLabel(d.date, today, t)}</Text>
                            <Text className="schedule-day__status">{status}</Text>
                          </View>
                        );
                      })}
                    </ScrollView>
                    {day ? (
                      <View className="card schedule-slots">
                        {day.slots.map((s) => (
                          <SlotRow
                            key={s.id}
                            slot={s}
                            offset={offset}
                            today={today}
                            refused={!!refusal(patient, restrictions, s.date)}
                            onPick={() => onSlot(s)}
                          />
                        ))}
                      </View>
                    ) : (
                      <EmptyState text={t('schedule.noSlotsDay')} />
                    )}
                  </>
                )}
              </>
            );
          }}
        </AsyncView>
      </View>
    </PageShell>
  );
}

function SlotRow({
  slot: s,
  offset,
  today,
  refused,
  onPick,
}: {
  slot: Slot;
  offset: number;
  today: string;
  /** The profile booking may not be booked here (the notice above says why): no place is offered. */
  refused: boolean;
  onPick: () => void;
}) {
  const { t } = useI18n();
  let state: JSX.Element;
  if (refused && (s.status === 'OPEN' || s.status === 'FULL')) {
    state = <Tag type="default">{t('eligibility.notOffered')}</Tag>;
  } else if (s.status === 'OPEN') {
    state = (
      <Button size="small" type="primary" onClick={onPick}>
        {t('schedule.book')}
      </Button>
    );
  } else if (s.status === 'FULL') {
    state = (
      <Button size="small" fill="outline" type="primary" onClick={onPick}>
        {t('schedule.waitlist')}
      </Button>
    );
  } else if (s.status === 'NOT_RELEASED') {
    const release = hospitalClock(s.releaseAt, offset);
    state = (
      <Tag type="default">
        {release.date === s.date || release.date === today
          ? t('schedule.opensAt', { time: release.time })
          : t('schedule.opensAtDay', { day: release.date.slice(5), time: release.time })}
      </Tag>
    );
  } else {
    state = (
      <Tag type="default">{t(`schedule.${s.status === 'PAST' ? 'past' : 'suspended'}` as MessageKey)}</Tag>
    );
  }
  return (
    <View className="slot-row" data-testid={`slot-${s.id}`} data-status={s.status}>
      <View className="slot-row__time">
        <Text className="slot-row__clock">
          {s.startTime}-{s.endTime}
        </Text>
        <Text className="muted slot-row__meta">
          {label('period', s.period)} · {formatYuan(s.feeFen)}
        </Text>
      </View>
      <View className="slot-row__left">
        {s.status === 'OPEN' ? (
          <Text className="slot-row__places">{t('schedule.left', { n: s.placesLeft })}</Text>
        ) : null}
        {s.status === 'FULL' ? (
          <Text className="slot-row__places slot-row__places--full">
            {t('schedule.full')}
            {s.waitlistLength > 0 ? ` · ${t('schedule.waiting', { n: s.waitlistLength })}` : ''}
          </Text>
        ) : null}
      </View>
      <View className="slot-row__action">{state}</View>
    </View>
  );
}
