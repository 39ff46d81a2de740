import { formatYuan, type SlotStatus } from '@hospital/shared';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { api, type Doctor, type ExamType, type SlotList } from '../../../api';
import { AsyncView, EmptyState } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, localName, useI18n } from '../../../i18n';
import { dayLabel, hospitalToday, listingOffset } from '../../../lib/days';
import { go, ROUTES, usePageParams } from '../../../lib/nav';
import { pickSlot, type Slot } from '../../../lib/selection';
import { timeRange } from '../../../lib/time';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';
import { DoctorPhoto, DoctorTags } from '../doctor-badge';
import { EligibilityNotice, refusal, useBookingProfile } from '../eligibility';
import { groupSessions, type Session, statusText } from '../sessions';
import './index.css';

interface Day {
  date: string;
  sessions: Session[];
  /** Places left that day. */
  open: number;
  /** The day's state in the strip: 余 N, opens at, 已约满, 停诊 (every session stopped), 已过期. */
  status: SlotStatus;
  /** Earliest release of a session not yet open. */
  releaseAt: string | null;
}

/** A day is as good as its best session: a place left, then opening later, full, stopped, over. */
const DAY_PRECEDENCE: SlotStatus[] = ['OPEN', 'NOT_RELEASED', 'FULL', 'SUSPENDED', 'PAST'];

export function groupByDay(list: SlotList): Day[] {
  const days = new Map<string, Day>();
  for (const session of groupSessions(list.items)) {
    let day = days.get(session.date);
    if (!day) {
      day = { date: session.date, sessions: [], open: 0, status: 'PAST', releaseAt: null };
      days.set(session.date, day);
    }
    day.sessions.push(session);
    day.open += session.open;
    if (DAY_PRECEDENCE.indexOf(session.status) < DAY_PRECEDENCE.indexOf(day.status))
      day.status = session.status;
    if (session.releaseAt && (!day.releaseAt || session.releaseAt < day.releaseAt))
      day.releaseAt = session.releaseAt;
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

interface Owner {
  doctor?: Doctor;
  exam?: ExamType;
}

export default function SchedulePage() {
  const { t, locale } = useI18n();
  const { doctorId, examTypeCode, date } = usePageParams();
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
    // The day asked for (from the doctor's page), else the first with a place, else the first.
    setSelected((days.find((d) => d.date === date) ?? days.find((d) => d.open > 0) ?? days[0])?.date);
  }, [days, selected, date]);
  const owner = state.data?.owner;

  return (
    <PageShell
      title={owner?.doctor ? localName(owner.doctor, locale) : owner?.exam && localName(owner.exam, locale)}
    >
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {({ owner, list }) => {
            const offset = listingOffset(list);
            const today = hospitalToday(list);
            const day = days.find((d) => d.date === selected);
            const restrictions = owner.doctor?.restrictions ?? owner.exam?.restrictions ?? [];
            const patient = profiles.data?.find((p) => p.id === profileId);
            const onSlot = (slot: Slot, waitlist = false) => {
              pickSlot(slot, offset);
              const params = { slotId: slot.id, doctorId, examTypeCode };
              go(ROUTES.confirm, waitlist ? { ...params, waitlist: 1 } : params);
            };
            return (
              <>
                {owner.doctor ? (
                  <DoctorHeader doctor={owner.doctor} />
                ) : owner.exam ? (
                  <View className="card schedule-owner">
                    <Text className="card__title">{localName(owner.exam, locale)}</Text>
                    <Text className="muted">
                      {localName(
                        { name: owner.exam.departmentName, nameEn: owner.exam.departmentNameEn },
                        locale,
                      )}{' '}
                      · {t('schedule.fee', { fee: formatYuan(owner.exam.feeFen) })}
                    </Text>
                  </View>
                ) : null}
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
                      {days.map((d) => (
                        <View
                          key={d.date}
                          className={`schedule-day tap${d.date === selected ? ' schedule-day--active' : ''}${d.open > 0 ? '' : ' schedule-day--closed'}${d.status === 'SUSPENDED' ? ' schedule-day--stopped' : ''}`}
                          onClick={() => setSelected(d.date)}
                          data-testid={`day-${d.date}`}
                          data-status={d.status}
                        >
                          <Text className="schedule-day__label">{dayLabel(d.date, today, t)}</Text>
                          <Text className="schedule-day__status">{statusText(d, offset, today, t)}</Text>
                        </View>
                      ))}
                    </ScrollView>
                    {day ? (
                      day.sessions.map((s) => (
                        <SessionCard
                          key={s.id}
                          session={s}
                          offset={offset}
                          today={today}
                          refused={!!refusal(patient, restrictions, s.date)}
                          onPick={onSlot}
                        />
                      ))
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

/** Who the clinic is with; a tap opens the doctor's page. */
function DoctorHeader({ doctor }: { doctor: Doctor }) {
  const { t, locale } = useI18n();
  return (
    <View
      className="card schedule-owner schedule-owner--doctor tap"
      onClick={() => go(ROUTES.doctor, { doctorId: doctor.id })}
      data-testid="schedule-doctor"
    >
      <DoctorPhoto doctor={doctor} />
      <View className="schedule-owner__body">
        <Text className="card__title">{localName(doctor, locale)}</Text>
        <DoctorTags doctor={doctor} />
        <Text className="muted schedule-owner__line">
          {localName({ name: doctor.departmentName, nameEn: doctor.departmentNameEn }, locale)}
        </Text>
        {doctor.specialty ? <Text className="muted schedule-owner__line">{doctor.specialty}</Text> : null}
        <Text className="schedule-owner__more">{t('schedule.profile')}</Text>
      </View>
    </View>
  );
}

/**
 * One session: its time and fee once, then its slots. A stopped session says 停诊 with the reason and offers
 * nothing; a session whose every slot still to come is taken offers its waitlist once.
 */
function SessionCard(props: {
  session: Session;
  offset: number;
  today: string;
  /** The profile booking may not be booked here (the notice above says why): no place is offered. */
  refused: boolean;
  onPick: (slot: Slot, waitlist?: boolean) => void;
}) {
  const { session: s, offset, today, refused, onPick } = props;
  const { t } = useI18n();
  const full = s.slots.find((slot) => slot.status === 'FULL');
  return (
    <View className="card schedule-session" data-testid={`session-${s.id}`} data-status={s.status}>
      <View className="schedule-session__head">
        <Text className="schedule-session__when">
          {label('period', s.period)} <Text className="time-range">{timeRange(s.startTime, s.endTime)}</Text>
        </Text>
        <Text className="schedule-session__fee">{formatYuan(s.feeFen)}</Text>
      </View>
      {s.status === 'SUSPENDED' ? (
        <View className="schedule-session__stopped" data-testid="session-stopped" role="status">
          <Text className="schedule-session__stopped-text">
            {s.suspendReason
              ? t('schedule.suspendedReason', { reason: s.suspendReason })
              : t('schedule.suspended')}
          </Text>
        </View>
      ) : (
        <>
          {s.slots.map((slot) => (
            <SlotRow
              key={slot.id}
              slot={slot}
              offset={offset}
              today={today}
              refused={refused}
              onPick={() => onPick(slot)}
            />
          ))}
          {s.status === 'FULL' && full && !refused ? (
            <View className="schedule-session__waitlist" data-testid="session-waitlist">
              <View className="schedule-session__waitlist-text">
                <Text className="schedule-session__full">
                  {t('schedule.sessionFull')}
                  {s.waitlistLength > 0 ? ` · ${t('schedule.waiting', { n: s.waitlistLength })}` : ''}
                </Text>
                <Text className="muted schedule-session__hint">{t('schedule.waitlistLine')}</Text>
              </View>
              <Button
                fill="outline"
                type="primary"
                onClick={() => onPick(full, true)}
                className="schedule-action"
              >
                {t('schedule.waitlist')}
              </Button>
            </View>
          ) : null}
        </>
      )}
    </View>
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
  refused: boolean;
  onPick: () => void;
}) {
  const { t } = useI18n();
  let state: JSX.Element | null = null;
  if (refused && (s.status === 'OPEN' || s.status === 'FULL')) {
    state = <Tag type="default">{t('eligibility.notOffered')}</Tag>;
  } else if (s.status === 'OPEN') {
    state = (
      <Button type="primary" onClick={onPick} className="schedule-action">
        {t('schedule.book')}
      </Button>
    );
  } else if (s.status !== 'FULL') {
    const text = statusText({ ...s, open: s.placesLeft }, offset, today, t);
    state = <Tag type="default">{text}</Tag>;
  }
  return (
    <View className="slot-row" data-testid={`slot-${s.id}`} data-status={s.status}>
      <Text className="slot-row__clock time-range">{timeRange(s.startTime, s.endTime)}</Text>
      <View className="slot-row__left">
        {s.status === 'OPEN' ? (
          <Text className="slot-row__places">{t('schedule.left', { n: s.placesLeft })}</Text>
        ) : null}
        {s.status === 'FULL' ? (
          <Text className="slot-row__places slot-row__places--full">{t('schedule.full')}</Text>
        ) : null}
      </View>
      {state ? <View className="slot-row__action">{state}</View> : null}
    </View>
  );
}
