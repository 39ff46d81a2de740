import {
  formatYuan,
  localDate,
  localName,
  type SessionSummary,
  type SlotStatus,
  sessionSuspendRequest,
} from '@hospital/shared';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { submitChecked } from '../../lib/forms';
import { hospitalDateTime } from '../../lib/time';
import { useCan } from '../../session/session';
import { LoadError } from '../results';
import type { ScheduleView } from './filters';
import { useDepartments, useHospital } from './queries';

const STATUS_COLOR: Record<SlotStatus, string> = {
  OPEN: 'green',
  FULL: 'orange',
  NOT_RELEASED: 'default',
  PAST: 'default',
  SUSPENDED: 'red',
};

const ownerName = (s: SessionSummary, locale: 'zh-CN' | 'en') =>
  s.doctorName !== null
    ? localName({ name: s.doctorName, nameEn: s.doctorNameEn }, locale)
    : localName({ name: s.examTypeName ?? '', nameEn: s.examTypeNameEn }, locale);

/**
 * A day's sessions (today by default, hospital time) of one department or all: places, bookings, 加号 and the
 * waitlist; a row opens its slots (capacity, booked, awaiting payment, free); a running session can be stopped
 * (停诊) after seeing what the stop would do.
 */
export function DayView({
  departmentId,
  date,
  onChange,
}: {
  departmentId: string | undefined;
  date: string | undefined;
  onChange: (next: Partial<ScheduleView>) => void;
}) {
  const { locale, t, labels } = useI18n();
  const can = useCan();
  const hospital = useHospital();
  const zone = hospital.data?.timeZone;
  const departments = useDepartments();
  const today = zone ? localDate(new Date(), zone) : undefined;
  const day = date ?? today;
  const [stopping, setStopping] = useState<SessionSummary | null>(null);
  const sessions = useQuery({
    queryKey: ['scheduling.sessions', day, departmentId],
    queryFn: () => api.call('scheduling.sessions', { query: { date: day, departmentId } }),
    enabled: !!day,
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Form layout="inline" className="audit-filters" name="day-filters">
        <Form.Item label={t('day.date')}>
          <DatePicker
            value={day ? dayjs(day) : undefined}
            allowClear={false}
            onChange={(value) => onChange({ date: value ? value.format('YYYY-MM-DD') : undefined })}
            aria-label={t('day.date')}
          />
        </Form.Item>
        <Form.Item>
          <Button onClick={() => onChange({ date: undefined })} disabled={!date || date === today}>
            {t('day.today')}
          </Button>
        </Form.Item>
        <Form.Item label={t('schedules.department')}>
          <Select
            allowClear
            className="filter-select"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('schedules.anyDepartment')}
            value={departmentId}
            options={departments.data}
            onChange={(id: string | undefined) => onChange({ departmentId: id })}
            aria-label={t('schedules.department')}
          />
        </Form.Item>
      </Form>
      {sessions.error ? (
        <LoadError error={sessions.error} onRetry={() => sessions.refetch()} />
      ) : (
        <Table<SessionSummary>
          className="sessions-table"
          rowKey="id"
          size="middle"
          loading={sessions.isFetching}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('day.empty')} /> }}
          expandable={{ expandedRowRender: (s) => <SessionSlots id={s.id} zone={zone} /> }}
          columns={[
            {
              title: t('day.time'),
              key: 'time',
              render: (_, s) => (
                <Space size={4}>
                  <span>{labels.period[s.period]}</span>
                  <span>
                    {s.startTime}–{s.endTime}
                  </span>
                </Space>
              ),
            },
            { title: t('schedules.department'), dataIndex: 'departmentName' },
            { title: t('day.owner'), key: 'owner', render: (_, s) => ownerName(s, locale) },
            { title: t('day.room'), dataIndex: 'roomName', render: (name: string | null) => name ?? '—' },
            {
              title: t('day.fee'),
              dataIndex: 'feeFen',
              align: 'right',
              render: (fen: number) => formatYuan(fen),
            },
            { title: t('day.capacity'), dataIndex: 'capacity', align: 'right' },
            { title: t('day.booked'), dataIndex: 'booked', align: 'right' },
            { title: t('day.extra'), dataIndex: 'extra', align: 'right' },
            { title: t('day.waitlist'), dataIndex: 'waitlistLength', align: 'right' },
            {
              title: t('day.status'),
              key: 'status',
              render: (_, s) =>
                s.suspendedAt ? (
                  <Space size={4} orientation="vertical">
                    <Badge status="error" text={t('day.stopped')} />
                    <Typography.Text type="secondary">{s.suspendReason}</Typography.Text>
                  </Space>
                ) : (
                  <Badge status="processing" text={t('day.open')} />
                ),
            },
            ...(can('session.suspend')
              ? [
                  {
                    title: t('day.actions'),
                    key: 'actions',
                    render: (_: unknown, s: SessionSummary) =>
                      s.suspendedAt || new Date(s.endsAt) <= new Date() ? null : (
                        <Button danger size="small" onClick={() => setStopping(s)}>
                          {t('day.stop')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <StopClinicModal session={stopping} onClose={() => setStopping(null)} />
    </>
  );
}

/** One session's slots: capacity, booked, awaiting payment, free, 加号 and status, as the server counts them. */
function SessionSlots({ id, zone }: { id: string; zone: string | undefined }) {
  const { t, labels } = useI18n();
  const detail = useQuery({
    queryKey: ['scheduling.session', id],
    queryFn: () => api.call('scheduling.session', { params: { id } }),
  });
  if (detail.error) return <LoadError error={detail.error} onRetry={() => detail.refetch()} />;
  return (
    <Table
      className="slots-table"
      rowKey="id"
      size="small"
      loading={detail.isLoading}
      pagination={false}
      dataSource={detail.data?.slots ?? []}
      columns={[
        {
          title: t('day.slotTime'),
          key: 'time',
          render: (_, s) => `${s.startTime}–${s.endTime}`,
        },
        { title: t('day.capacity'), dataIndex: 'capacity', align: 'right' },
        { title: t('day.booked'), dataIndex: 'booked', align: 'right' },
        { title: t('day.held'), dataIndex: 'held', align: 'right' },
        { title: t('day.free'), dataIndex: 'free', align: 'right' },
        { title: t('day.extra'), dataIndex: 'extra', align: 'right' },
        {
          title: t('day.status'),
          dataIndex: 'status',
          render: (status: SlotStatus) => <Tag color={STATUS_COLOR[status]}>{labels.slotStatus[status]}</Tag>,
        },
        {
          title: t('day.releaseAt'),
          dataIndex: 'releaseAt',
          render: (at: string) => hospitalDateTime(at, zone),
        },
      ]}
    />
  );
}

/**
 * 停诊 with its impact first: the server counts the bookings to cancel, refunds (and their total), unpaid holds
 * and waiting patients by the stop's own rule; the scheduler gives the reason patients will read and confirms.
 */
function StopClinicModal({ session, onClose }: { session: SessionSummary | null; onClose: () => void }) {
  const { locale, t, labels } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const queries = useQueryClient();
  const preview = useQuery({
    queryKey: ['booking.stopClinicPreview', session?.id],
    queryFn: () => api.call('booking.stopClinicPreview', { params: { id: session!.id } }),
    enabled: !!session,
    gcTime: 0,
  });
  useEffect(() => {
    if (session) {
      setError(null);
      form.setFieldsValue({ reason: '' });
    }
  }, [session, form]);

  const onFinish = async (values: { reason: string }) => {
    if (!session) return;
    setError(null);
    setSending(true);
    let sent = false;
    const failure = await submitChecked(form, sessionSuspendRequest, values, locale, async (body) => {
      const res = await api.call('booking.stopClinic', { params: { id: session.id }, body });
      message.success(t('stop.done', { bookings: res.cancelledBookings, refunds: res.refunds }));
      sent = true;
    });
    setSending(false);
    if (failure) return setError(messageOf(failure, locale));
    if (!sent) return;
    await queries.invalidateQueries({ queryKey: ['scheduling.sessions'] });
    await queries.invalidateQueries({ queryKey: ['scheduling.session', session.id] });
    onClose();
  };

  const p = preview.data;
  return (
    <Modal
      open={session !== null}
      title={
        session
          ? t('stop.title', {
              owner: ownerName(session, locale),
              date: session.date,
              period: labels.period[session.period],
            })
          : ''
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('stop.confirm')}
      cancelText={t('stop.cancel')}
      okButtonProps={{ danger: true, loading: sending, disabled: !p || p.stopped }}
      forceRender
      width={520}
    >
      {preview.isLoading && <Spin description={t('stop.loading')} />}
      {preview.error && <LoadError error={preview.error} onRetry={() => preview.refetch()} />}
      {p?.stopped && <Alert type="warning" showIcon title={t('stop.already')} />}
      {p && !p.stopped && (
        <Descriptions column={1} size="small" bordered title={t('stop.impact')} className="stop-impact">
          <Descriptions.Item label={t('stop.bookings')}>
            {t('stop.count', { count: p.bookings })}
          </Descriptions.Item>
          <Descriptions.Item label={t('stop.refunds')}>
            {t('stop.refundsValue', { count: p.refunds, amount: formatYuan(p.refundFen) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('stop.held')}>{t('stop.count', { count: p.held })}</Descriptions.Item>
          <Descriptions.Item label={t('stop.waitlist')}>
            {t('stop.people', { count: p.waitlist })}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary" className="stop-note">
        {t('stop.note')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form form={form} name="stop-clinic" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="reason" label={t('stop.reason')} initialValue="">
          <Input autoComplete="off" maxLength={200} placeholder={t('stop.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
