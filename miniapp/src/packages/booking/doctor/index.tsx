import { formatYuan } from '@hospital/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { api, type Doctor, type SlotList } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, localName, useI18n } from '../../../i18n';
import { dayLabel, hospitalToday, listingOffset } from '../../../lib/days';
import { go, ROUTES, usePageParams } from '../../../lib/nav';
import { timeRange } from '../../../lib/time';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';
import { DoctorPhoto, DoctorTags } from '../doctor-badge';
import { groupSessions, statusText } from '../sessions';
import './index.css';

/** A doctor's page (医生主页): who they are, what they treat, their fee and their clinics in the booking window. */
export default function DoctorPage() {
  const { t, locale } = useI18n();
  const { doctorId = '' } = usePageParams();
  const state = useAsync<{ doctor: Doctor; list: SlotList }>(async () => {
    const [doctor, list] = await Promise.all([
      api.call('catalog.doctor', { params: { id: doctorId } }),
      api.call('scheduling.slots', { query: { doctorId } }),
    ]);
    return { doctor, list };
  }, [doctorId]);
  usePullToRefresh(state.reload);
  const doctor = state.data?.doctor;

  return (
    <PageShell title={doctor ? localName(doctor, locale) : t('doctor.title')}>
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {({ doctor: d, list }) => {
            const offset = listingOffset(list);
            const today = hospitalToday(list);
            const sessions = groupSessions(list.items).filter((s) => s.status !== 'PAST');
            const book = (date?: string) => go(ROUTES.schedule, { doctorId: d.id, date });
            const name = localName(d, locale);
            return (
              <>
                <View className="card doctor-intro" data-testid="doctor-intro">
                  <DoctorPhoto doctor={d} large />
                  <Text className="doctor-intro__name">{name}</Text>
                  {name !== d.name ? <Text className="muted doctor-intro__native">{d.name}</Text> : null}
                  <DoctorTags doctor={d} />
                  <Text className="muted doctor-intro__line">
                    {localName({ name: d.departmentName, nameEn: d.departmentNameEn }, locale)}
                  </Text>
                  <Text className="doctor-intro__fee">
                    {label('feeCategory', d.feeCategory)} · {t('doctors.fee', { fee: formatYuan(d.feeFen) })}
                  </Text>
                </View>

                {d.specialty ? (
                  <View className="card">
                    <Text className="card__title">{t('doctor.specialty')}</Text>
                    <Text className="doctor-text">{d.specialty}</Text>
                  </View>
                ) : null}
                <View className="card">
                  <Text className="card__title">{t('doctor.bio')}</Text>
                  <Text className={d.bio ? 'doctor-text' : 'doctor-text muted'}>
                    {d.bio || t('doctor.noBio')}
                  </Text>
                </View>

                <Text className="section-title">{t('doctor.sessions')}</Text>
                <View className="card doctor-sessions">
                  {sessions.length === 0 ? (
                    <Text className="muted">{t('doctor.noSessions')}</Text>
                  ) : (
                    sessions.map((s) => (
                      <View
                        key={s.id}
                        className="doctor-session tap"
                        onClick={() => book(s.date)}
                        data-testid={`doctor-session-${s.id}`}
                        data-status={s.status}
                      >
                        <View className="doctor-session__when">
                          <Text className="doctor-session__day">{dayLabel(s.date, today, t)}</Text>
                          <Text className="muted">
                            {label('period', s.period)}{' '}
                            <Text className="time-range">{timeRange(s.startTime, s.endTime)}</Text>
                          </Text>
                        </View>
                        <Text
                          className={`doctor-session__status doctor-session__status--${s.status.toLowerCase()}`}
                        >
                          {s.status === 'SUSPENDED' && s.suspendReason
                            ? t('schedule.suspendedReason', { reason: s.suspendReason })
                            : statusText(s, offset, today, t)}
                        </Text>
                      </View>
                    ))
                  )}
                </View>
              </>
            );
          }}
        </AsyncView>
      </View>
      {doctor ? (
        <View className="page-footer">
          <Button
            type="primary"
            size="large"
            block
            onClick={() => go(ROUTES.schedule, { doctorId: doctor.id })}
          >
            {t('doctor.book')}
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
