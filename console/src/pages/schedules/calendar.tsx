import {
  ROSTER_EXCEPTION_KINDS,
  type RosterExceptionKind,
  rosterExceptionCreateRequest,
  SESSION_PERIODS,
  type SessionPeriod,
} from '@hospital/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Calendar,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { FormDrawer } from '../../lib/form-drawer';
import { submitChecked } from '../../lib/forms';
import { type Owner, ownerQuery } from './filters';
import { useGenerationReport } from './generation';
import { type CalendarDay, calendarDay, yearPublished } from './holidays';
import { useHospital } from './queries';

const KIND_COLOR: Record<RosterExceptionKind, string> = {
  DAY_OFF: 'red',
  EXTRA_SESSION: 'green',
  CAPACITY: 'gold',
};

interface ExceptionValues {
  kind: RosterExceptionKind;
  period: SessionPeriod | null;
  startTime: string | null;
  endTime: string | null;
  slotMinutes: number | null;
  capacityPerSlot: number | null;
  reason: string;
}

/**
 * A month of one owner's roster exceptions (days off, extra sessions, capacity changes) on a calendar that
 * also shows China's public holidays (休) and make-up working days (班). A day opens a drawer to add one.
 */
export function ExceptionsCalendar({
  owner,
  month,
  onMonth,
}: {
  owner: Owner;
  month: string | undefined;
  onMonth: (month: string) => void;
}) {
  const { locale, t, labels } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const report = useGenerationReport();
  const hospital = useHospital();
  const shown = month ? dayjs(`${month}-01`) : dayjs();
  const from = shown.startOf('month').format('YYYY-MM-DD');
  const to = shown.endOf('month').format('YYYY-MM-DD');
  const [adding, setAdding] = useState<string | null>(null);
  const exceptions = useQuery({
    queryKey: ['scheduling.exceptions', owner, from, to],
    queryFn: () => api.call('scheduling.exceptions', { query: { ...ownerQuery(owner), from, to } }),
  });
  const items = exceptions.data?.items ?? [];
  const remove = async (id: string) => {
    try {
      const res = await api.call('scheduling.deleteException', { params: { id } });
      report('calendar.deleted', res.generation, hospital.data?.timeZone);
      await queries.invalidateQueries({ queryKey: ['scheduling.exceptions'] });
    } catch (error) {
      message.error(messageOf(error, locale));
    }
  };

  return (
    <div className="calendar-layout">
      <div className="calendar-main">
        {!yearPublished(shown.year()) && (
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title={t('calendar.notPublished', { year: shown.year() })}
          />
        )}
        <Space className="calendar-legend" size="middle">
          <span>
            <Tag color="red">{t('calendar.holiday')}</Tag>
            {t('calendar.holidayLegend')}
          </span>
          <span>
            <Tag color="blue">{t('calendar.makeUp')}</Tag>
            {t('calendar.makeUpLegend')}
          </span>
        </Space>
        <Calendar
          value={shown}
          onPanelChange={(value) => onMonth(value.format('YYYY-MM'))}
          onSelect={(value, info) => {
            if (info.source === 'date') {
              if (value.format('YYYY-MM') !== shown.format('YYYY-MM')) onMonth(value.format('YYYY-MM'));
              setAdding(value.format('YYYY-MM-DD'));
            }
          }}
          fullscreen
          cellRender={(value, info) => {
            if (info.type !== 'date') return info.originNode;
            const date = value.format('YYYY-MM-DD');
            const day = calendarDay(date);
            const here = items.filter((e) => e.date === date);
            return (
              <div className="calendar-cell" data-date={date}>
                <DayMark day={day} locale={locale} />
                {here.map((e) => (
                  <Tag key={e.id} color={KIND_COLOR[e.kind]} className="calendar-exception">
                    {labels.rosterException[e.kind]}
                    {e.period ? ` ${labels.period[e.period]}` : ''}
                  </Tag>
                ))}
              </div>
            );
          }}
        />
      </div>
      <aside className="calendar-side">
        <Typography.Title level={5}>{t('calendar.list')}</Typography.Title>
        {items.length === 0 ? (
          <Empty description={t('calendar.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <ul className="exception-list">
            {items.map((e) => (
              <li key={e.id} className="exception-item">
                <Space size={4} wrap>
                  <span>{e.date}</span>
                  <Tag color={KIND_COLOR[e.kind]}>{labels.rosterException[e.kind]}</Tag>
                  <span>{e.period ? labels.period[e.period] : t('calendar.wholeDay')}</span>
                </Space>
                <Typography.Text type="secondary" className="exception-detail">
                  {[
                    e.startTime && e.endTime ? `${e.startTime}–${e.endTime}` : null,
                    e.capacityPerSlot !== null ? t('week.perSlot', { n: e.capacityPerSlot }) : null,
                    e.reason || null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
                <Popconfirm
                  title={t('calendar.deleteConfirm')}
                  onConfirm={() => remove(e.id)}
                  okText={t('calendar.delete')}
                  cancelText={t('common.cancel')}
                >
                  <Button size="small" danger type="link" className="exception-delete">
                    {t('calendar.delete')}
                  </Button>
                </Popconfirm>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <ExceptionDrawer owner={owner} date={adding} onClose={() => setAdding(null)} />
    </div>
  );
}

function DayMark({ day, locale }: { day: CalendarDay; locale: string }) {
  const { t } = useI18n();
  if (day.kind === 'ordinary') return null;
  const name = locale === 'en' ? day.nameEn : day.name;
  return day.kind === 'holiday' ? (
    <Tag color="red" className="calendar-day-mark" title={name}>
      {t('calendar.holiday')} {name}
    </Tag>
  ) : (
    <Tag color="blue" className="calendar-day-mark" title={name}>
      {t('calendar.makeUp')} {name}
    </Tag>
  );
}

function ExceptionDrawer({
  owner,
  date,
  onClose,
}: {
  owner: Owner;
  date: string | null;
  onClose: () => void;
}) {
  const { locale, t, labels } = useI18n();
  const [form] = Form.useForm<ExceptionValues>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const queries = useQueryClient();
  const report = useGenerationReport();
  const hospital = useHospital();
  const kind = Form.useWatch('kind', form);
  const day = date ? calendarDay(date) : ({ kind: 'ordinary' } as CalendarDay);
  const dayName = day.kind === 'ordinary' ? '' : locale === 'en' ? day.nameEn : day.name;

  useEffect(() => {
    if (!date) return;
    setError(null);
    form.resetFields();
    const d = calendarDay(date);
    form.setFieldsValue({
      kind: d.kind === 'makeUpWorkday' ? 'EXTRA_SESSION' : 'DAY_OFF',
      period: null,
      startTime: null,
      endTime: null,
      slotMinutes: null,
      capacityPerSlot: null,
      reason: d.kind === 'holiday' ? (locale === 'en' ? d.nameEn : d.name) : '',
    });
  }, [date, form, locale]);

  const onFinish = async (v: ExceptionValues) => {
    setError(null);
    setSending(true);
    let sent = false;
    const body = {
      ...ownerQuery(owner),
      date,
      kind: v.kind,
      period: v.period ?? null,
      startTime: v.kind === 'EXTRA_SESSION' ? v.startTime?.trim() || null : null,
      endTime: v.kind === 'EXTRA_SESSION' ? v.endTime?.trim() || null : null,
      slotMinutes: v.kind === 'EXTRA_SESSION' ? (v.slotMinutes ?? null) : null,
      capacityPerSlot: v.kind === 'DAY_OFF' ? null : (v.capacityPerSlot ?? null),
      reason: v.reason ?? '',
    };
    const failure = await submitChecked(form, rosterExceptionCreateRequest, body, locale, async (checked) => {
      const res = await api.call('scheduling.createException', { body: checked });
      report('calendar.saved', res.generation, hospital.data?.timeZone);
      sent = true;
    });
    setSending(false);
    if (failure) return setError(messageOf(failure, locale));
    if (!sent) return;
    await queries.invalidateQueries({ queryKey: ['scheduling.exceptions'] });
    onClose();
  };

  return (
    <FormDrawer
      open={date !== null}
      title={date ? t('calendar.addTitle', { date }) : ''}
      size={440}
      onClose={onClose}
      keepMounted
      sending={sending}
      error={error}
      onSave={() => form.submit()}
      saveTestId="exception-save"
    >
      {day.kind === 'holiday' && (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={t('calendar.onHoliday', { name: dayName })}
        />
      )}
      {day.kind === 'makeUpWorkday' && (
        <Alert
          type="info"
          showIcon
          className="form-alert"
          title={t('calendar.onMakeUp', { name: dayName })}
        />
      )}
      <Form form={form} name="exception" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="kind"
          label={t('calendar.kind')}
          extra={kind ? t(`calendar.kindHelp.${kind}`) : undefined}
        >
          <Radio.Group
            optionType="button"
            options={ROSTER_EXCEPTION_KINDS.map((k) => ({ value: k, label: labels.rosterException[k] }))}
          />
        </Form.Item>
        <Form.Item name="period" label={t('calendar.period')}>
          <Select
            allowClear={kind === 'DAY_OFF'}
            placeholder={t('calendar.wholeDay')}
            options={SESSION_PERIODS.map((p) => ({ value: p, label: labels.period[p] }))}
          />
        </Form.Item>
        {kind === 'EXTRA_SESSION' && (
          <>
            <Space.Compact block>
              <Form.Item name="startTime" label={t('calendar.startTime')} className="half">
                <Input placeholder="18:00" autoComplete="off" />
              </Form.Item>
              <Form.Item name="endTime" label={t('calendar.endTime')} className="half">
                <Input placeholder="21:00" autoComplete="off" />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="slotMinutes" label={t('calendar.slotMinutes')}>
              <InputNumber min={1} className="full" />
            </Form.Item>
          </>
        )}
        {kind !== 'DAY_OFF' && (
          <Form.Item name="capacityPerSlot" label={t('calendar.capacity')}>
            <InputNumber min={0} className="full" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('calendar.reason')}>
          <Input.TextArea rows={2} maxLength={200} placeholder={t('calendar.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
