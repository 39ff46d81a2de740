import { localName } from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Form, Select, Space, Tabs, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { PAGES } from '../../pages';
import { useCan } from '../../session/session';
import { ExceptionsCalendar } from './calendar';
import { DayView } from './day-view';
import {
  type Owner,
  ownerOf,
  ownerParam,
  paramsOf,
  type ScheduleTab,
  type ScheduleView,
  viewFrom,
} from './filters';
import { useDepartments, useHospital } from './queries';
import { WeekGrid } from './week-grid';
import './schedules.css';

/**
 * Schedules (排班与出诊): the weekly roster of a doctor or exam service as a grid, its exceptions on a calendar
 * beside China's holidays and make-up working days, and a day's sessions with each slot's places and the
 * stop-clinic. Roster editing needs `roster.manage` (scheduler, admin); the day view `session.list` (the window
 * too); stop-clinic `session.suspend`. The view lives in the address bar.
 */
export function SchedulesPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const view = viewFrom(params);
  const editor = can('roster.manage');
  const tabs: ScheduleTab[] = editor ? ['week', 'calendar', 'day'] : ['day'];
  const tab = view.tab && tabs.includes(view.tab) ? view.tab : tabs[0]!;
  const go = (next: Partial<ScheduleView>) =>
    setParams(paramsOf({ ...view, tab, ...next }), { replace: false });
  const hospital = useHospital();
  const rules = hospital.data?.rules.booking;

  return (
    <div className="page">
      <Typography.Title level={2}>{t('schedules.title')}</Typography.Title>
      {rules && (
        <Alert
          type="info"
          className="schedules-release"
          title={t('schedules.release', {
            days: rules.windowDays,
            time: rules.releaseTime,
            zone: hospital.data!.timeZone,
          })}
          action={
            can('hospital.read') ? <Link to={PAGES.rules.path}>{t('schedules.releaseEdit')}</Link> : undefined
          }
        />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => go({ tab: key as ScheduleTab })}
        items={tabs.map((key) => ({ key, label: t(`schedules.tab.${key}`) }))}
      />
      {tab === 'day' ? (
        <DayView departmentId={view.departmentId} date={view.date} onChange={(next) => go(next)} />
      ) : (
        <>
          <OwnerPicker
            departmentId={view.departmentId}
            owner={view.owner}
            onChange={(departmentId, owner) => go({ departmentId, owner })}
          />
          {!view.owner ? (
            <Empty description={t('schedules.pickOwner')} />
          ) : tab === 'week' ? (
            <WeekGrid owner={view.owner} />
          ) : (
            <ExceptionsCalendar owner={view.owner} month={view.month} onMonth={(month) => go({ month })} />
          )}
        </>
      )}
    </div>
  );
}

/** Department, then one of its doctors or exam services: whose roster the week and calendar tabs show. */
function OwnerPicker({
  departmentId,
  owner,
  onChange,
}: {
  departmentId: string | undefined;
  owner: Owner | undefined;
  onChange: (departmentId: string | undefined, owner: Owner | undefined) => void;
}) {
  const { locale, t } = useI18n();
  const departments = useDepartments();
  const doctors = useQuery({
    queryKey: ['catalog.departmentDoctors', departmentId],
    queryFn: () => api.call('catalog.departmentDoctors', { params: { id: departmentId! } }),
    enabled: !!departmentId,
    staleTime: 5 * 60_000,
  });
  const exams = useQuery({
    queryKey: ['catalog.examTypes'],
    queryFn: () => api.call('catalog.examTypes'),
    staleTime: 5 * 60_000,
  });
  const examOptions = (exams.data?.items ?? [])
    .filter((e) => e.departmentId === departmentId)
    .map((e) => ({ value: ownerParam({ kind: 'exam', id: e.id }), label: localName(e, locale) }));
  const doctorOptions = (doctors.data?.items ?? []).map((d) => ({
    value: ownerParam({ kind: 'doctor', id: d.id }),
    label: localName(d, locale),
  }));
  return (
    <Form layout="inline" className="audit-filters" name="schedule-owner">
      <Form.Item label={t('schedules.department')}>
        <Select
          className="filter-select"
          showSearch={{ optionFilterProp: 'label' }}
          value={departmentId}
          options={departments.data}
          loading={departments.isLoading}
          onChange={(id: string) => onChange(id, undefined)}
          aria-label={t('schedules.department')}
        />
      </Form.Item>
      <Form.Item label={t('schedules.owner')}>
        <Space>
          <Select
            className="owner-select"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('schedules.ownerPlaceholder')}
            disabled={!departmentId}
            value={owner ? ownerParam(owner) : undefined}
            loading={doctors.isLoading}
            options={[
              { label: t('schedules.doctors'), options: doctorOptions },
              ...(examOptions.length ? [{ label: t('schedules.exams'), options: examOptions }] : []),
            ]}
            onChange={(value: string) => onChange(departmentId, ownerOf(value))}
            aria-label={t('schedules.owner')}
          />
        </Space>
      </Form.Item>
    </Form>
  );
}
