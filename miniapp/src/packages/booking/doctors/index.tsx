import { formatYuan } from '@hospital/shared';
import { Text, View } from '@tarojs/components';
import { api, type Doctor, type SlotList } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { localName, useI18n } from '../../../i18n';
import { dayLabel, hospitalToday } from '../../../lib/days';
import { go, ROUTES, usePageParams } from '../../../lib/nav';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';
import { DoctorPhoto, DoctorTags } from '../doctor-badge';
import { EligibilityNotice, useBookingProfile } from '../eligibility';
import './index.css';

interface DoctorRow {
  doctor: Doctor;
  nextOpen: string | null;
}

/** The first OPEN slot's day per doctor, from one availability query for the department. */
export function nextOpenByDoctor(slots: SlotList['items']): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of slots) {
    if (s.status !== 'OPEN' || !s.doctorId) continue;
    const seen = out.get(s.doctorId);
    if (!seen || s.date < seen) out.set(s.doctorId, s.date);
  }
  return out;
}

export default function DoctorsPage() {
  const { t, locale } = useI18n();
  const { departmentId = '', name = '' } = usePageParams();
  const state = useAsync<{ rows: DoctorRow[]; today: string }>(async () => {
    const [doctors, slots] = await Promise.all([
      api.call('catalog.departmentDoctors', { params: { id: departmentId } }),
      api.call('scheduling.slots', { query: { departmentId } }),
    ]);
    const next = nextOpenByDoctor(slots.items);
    const today = hospitalToday(slots);
    return {
      rows: doctors.items.map((doctor) => ({ doctor, nextOpen: next.get(doctor.id) ?? null })),
      today,
    };
  }, [departmentId]);
  usePullToRefresh(state.reload);
  // Whom the department accepts (妇产科, 儿科), told before a doctor is picked; see the schedule page.
  const { profiles, profileId, setProfileId } = useBookingProfile();
  const first = state.data?.rows[0]?.doctor;
  const departmentRules = (first?.restrictions ?? []).filter((r) => r.scope === 'DEPARTMENT');
  // The department's name in the reader's language once its doctors are in; the one passed in until then.
  const department = first
    ? localName({ name: first.departmentName, nameEn: first.departmentNameEn }, locale)
    : name;

  return (
    <PageShell title={department || t('doctors.title')}>
      <View className="page-body">
        <EligibilityNotice
          restrictions={departmentRules}
          profiles={profiles.data ?? []}
          profileId={profileId}
          onPick={setProfileId}
          date={state.data?.today}
        />
        <Text className="section-title">{t('doctors.title')}</Text>
        <AsyncView
          {...state}
          onRetry={state.reload}
          isEmpty={(d) => d.rows.length === 0}
          emptyText={t('doctors.empty')}
        >
          {({ rows, today }) =>
            rows.map(({ doctor: d, nextOpen }) => (
              <View
                key={d.id}
                className="card doctor-card tap"
                onClick={() => go(ROUTES.schedule, { doctorId: d.id })}
                data-testid={`doctor-${d.id}`}
              >
                <DoctorPhoto doctor={d} />
                <View className="doctor-card__body">
                  <View className="doctor-card__head">
                    <Text className="doctor-card__name">{localName(d, locale)}</Text>
                    <Text className="doctor-card__fee">
                      {t('doctors.fee', { fee: formatYuan(d.feeFen) })}
                    </Text>
                  </View>
                  <DoctorTags doctor={d} />
                  {d.specialty ? <Text className="doctor-card__specialty muted">{d.specialty}</Text> : null}
                  <View className="doctor-card__foot">
                    <Text
                      className={nextOpen ? 'doctor-card__next' : 'doctor-card__next doctor-card__next--none'}
                    >
                      {nextOpen
                        ? t('doctors.next', { day: dayLabel(nextOpen, today, t) })
                        : t('doctors.noneOpen')}
                    </Text>
                    <Text
                      className="doctor-card__profile"
                      onClick={(e) => {
                        e.stopPropagation();
                        go(ROUTES.doctor, { doctorId: d.id });
                      }}
                      data-testid={`doctor-profile-${d.id}`}
                    >
                      {t('doctors.profile')}
                    </Text>
                  </View>
                </View>
              </View>
            ))
          }
        </AsyncView>
      </View>
    </PageShell>
  );
}
