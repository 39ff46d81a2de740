import {
  BOOKING_STATUSES,
  type Booking,
  type DeskFind,
  type DeskProfile,
  formatYuan,
  localName,
  shownBookingStatus,
} from '@hospital/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { serverPagination } from '../../lib/paging';
import { useCan } from '../../session/session';
import { LoadError } from '../results';
import './desk.css';
import { BookForm } from './book-form';
import { BookingPanel, STATUS_COLOR, useDeskRefresh } from './booking-panel';
import { useDepartmentOptions, useHospitalToday } from './hooks';
import { checkInState, type DeskFilters, deskQueryKind, filtersFrom, paramsOf } from './logic';

/**
 * The registration window's desk (permission `booking.checkIn`): one field a scanner types into (a booking's QR
 * code checks today's booking in at once), the patients and bookings a number finds, the chosen booking with
 * what the window may do with it, and the day's bookings counted by status, refreshing by itself.
 */
export function DeskPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const today = useHospitalToday();
  const day = filters.date ?? today;
  const selected = params.get('booking');
  const [text, setText] = useState('');
  const [found, setFound] = useState<DeskFind | null>(null);
  const [findError, setFindError] = useState<string | null>(null);
  const [finding, setFinding] = useState(false);
  const [booking, setBooking] = useState<{ profile: DeskProfile | null } | null>(null);
  const field = useRef<{ focus: () => void } | null>(null);
  const refresh = useDeskRefresh();

  const select = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('booking', id);
    else next.delete('booking');
    setParams(next, { replace: true });
  };
  const apply = (next: DeskFilters) => setParams(paramsOf(next, params));

  const find = async () => {
    const q = text.trim();
    if (!q) return;
    const kind = deskQueryKind(q);
    setFindError(null);
    if (!kind) {
      setFound(null);
      setFindError(t('desk.kindUnknown'));
      return;
    }
    setFinding(true);
    try {
      const result = await api.call('desk.find', { query: { q } });
      setFound(result);
      setText('');
      const only = result.bookings.length === 1 ? result.bookings[0]! : null;
      if (only) select(only.id);
      // A scanned code is the patient at the window: check today's booking in at once.
      if (
        kind === 'CHECK_IN_CODE' &&
        only &&
        today &&
        checkInState(only, today) === 'ready' &&
        can('booking.checkIn')
      ) {
        const arrived = await api.call('booking.arrive', { params: { id: only.id } });
        setFound({ ...result, bookings: [{ ...only, status: arrived.status }] });
        message.success(t('desk.checkedInByScan', { name: only.profile.name, visit: only.visitNumber }));
        await refresh();
      }
    } catch (error) {
      setFindError(messageOf(error, locale));
    } finally {
      setFinding(false);
      field.current?.focus();
    }
  };

  return (
    <div className="page desk">
      <Space className="page-head" align="center">
        <Typography.Title level={2}>{t('desk.title')}</Typography.Title>
        {can('booking.bookOnBehalf') && (
          <Button type="primary" onClick={() => setBooking({ profile: null })} data-testid="desk-book-new">
            {t('desk.bookNew')}
          </Button>
        )}
      </Space>
      <div className="desk-grid">
        <Flex vertical gap={16} className="desk-main">
          <Card size="small" title={t('desk.find')}>
            <Form layout="vertical" onFinish={find} name="desk-find">
              <Form.Item label={t('desk.findLabel')} extra={t('desk.findHint')} htmlFor="desk-find-input">
                <Space.Compact block>
                  <Input
                    id="desk-find-input"
                    ref={(el) => {
                      field.current = el;
                    }}
                    autoFocus
                    allowClear
                    size="large"
                    autoComplete="off"
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder={t('desk.findPlaceholder')}
                    data-testid="desk-find"
                  />
                  <Button type="primary" size="large" htmlType="submit" loading={finding}>
                    {t('desk.findButton')}
                  </Button>
                </Space.Compact>
              </Form.Item>
            </Form>
            {findError && <Alert type="error" showIcon role="alert" title={findError} />}
            {found && (
              <Found
                found={found}
                selected={selected}
                onSelect={select}
                onBook={(profile) => setBooking({ profile })}
              />
            )}
          </Card>
          <DayList day={day} filters={filters} selected={selected} onSelect={select} apply={apply} />
        </Flex>
        <div className="desk-side">
          <BookingPanel bookingId={selected} />
        </div>
      </div>
      <BookForm
        open={booking !== null}
        profile={booking?.profile ?? null}
        onClose={() => setBooking(null)}
        onBooked={async (b) => {
          select(b.id);
          await refresh();
        }}
      />
    </div>
  );
}

function Found({
  found,
  selected,
  onSelect,
  onBook,
}: {
  found: DeskFind;
  selected: string | null;
  onSelect: (id: string) => void;
  onBook: (p: DeskProfile) => void;
}) {
  const { t, labels, locale } = useI18n();
  const can = useCan();
  if (!found.profiles.length && !found.bookings.length) {
    return <Empty description={t('desk.noneFound')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  return (
    <div className="desk-found" data-testid="desk-found">
      <Typography.Text type="secondary">
        {t('desk.foundBy', { kind: t(`desk.kind.${found.kind}`) })}
      </Typography.Text>
      <List
        size="small"
        header={t('desk.patients')}
        dataSource={found.profiles}
        renderItem={(p) => (
          <List.Item
            actions={
              can('booking.bookOnBehalf')
                ? [
                    <Button key="book" size="small" onClick={() => onBook(p)}>
                      {t('desk.bookFor')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap>
              <strong>{p.name}</strong>
              <span>{labels.sex[p.sex]}</span>
              <span>{p.birthDate}</span>
              <span>
                {labels.idType[p.idType]} {p.idNumberMasked}
              </span>
              <span>{p.phoneMasked}</span>
            </Space>
          </List.Item>
        )}
      />
      {found.bookings.length > 0 && (
        <List
          size="small"
          header={t('desk.bookingsOf')}
          dataSource={found.bookings}
          renderItem={(b) => {
            const shown = shownBookingStatus(b);
            return (
              <List.Item
                className={b.id === selected ? 'desk-row-selected' : 'desk-row'}
                onClick={() => onSelect(b.id)}
              >
                <Space wrap>
                  <span>
                    {b.date} {b.startTime}
                  </span>
                  <span>{b.profile.name}</span>
                  <span>
                    {localName(b.department, locale)} {b.doctor ? localName(b.doctor, locale) : ''}
                  </span>
                  <Tag color={STATUS_COLOR[shown]}>{labels.bookingStatus[shown]}</Tag>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}

function DayList({
  day,
  filters,
  selected,
  onSelect,
  apply,
}: {
  day: string | undefined;
  filters: DeskFilters;
  selected: string | null;
  onSelect: (id: string) => void;
  apply: (f: DeskFilters) => void;
}) {
  const { t, labels, locale } = useI18n();
  const departments = useDepartmentOptions();
  const query = { date: day, departmentId: filters.departmentId };
  const counts = useQuery({
    queryKey: ['desk.day', query],
    queryFn: () => api.call('desk.day', { query }),
    enabled: !!day,
    refetchInterval: 30_000,
  });
  const list = useQuery({
    queryKey: [
      'booking.search',
      { ...query, status: filters.status, page: filters.page, pageSize: filters.pageSize },
    ],
    queryFn: () =>
      api.call('booking.search', {
        query: { ...query, status: filters.status, page: filters.page, pageSize: filters.pageSize },
      }),
    enabled: !!day,
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const [form] = Form.useForm();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters follow the address bar
  useEffect(
    () => form.setFieldsValue({ ...filters, date: day }),
    [filters.status, filters.departmentId, day],
  );
  const onlyStatus = (status: DeskFilters['status']) => apply({ ...filters, status, page: 1 });

  return (
    <Card
      size="small"
      title={day ? t('desk.todayOf', { date: day }) : t('desk.today')}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('desk.autoRefresh')}</Typography.Text>
          <Button size="small" onClick={() => Promise.all([counts.refetch(), list.refetch()])}>
            {t('desk.refresh')}
          </Button>
        </Space>
      }
    >
      {counts.data && (
        <Flex wrap gap={8} className="desk-counts" data-testid="desk-counts">
          <Tag.CheckableTag checked={!filters.status} onChange={() => onlyStatus(undefined)}>
            {t('desk.allStatuses')} {counts.data.total}
          </Tag.CheckableTag>
          {BOOKING_STATUSES.filter((s) => counts.data.counts[s] > 0 || s === 'CHECKED_IN').map((s) => (
            <Tag.CheckableTag key={s} checked={filters.status === s} onChange={() => onlyStatus(s)}>
              {labels.bookingStatus[s]} {counts.data.counts[s]}
            </Tag.CheckableTag>
          ))}
          {counts.data.extra > 0 && (
            <Tag color="purple">{t('desk.extraCount', { count: counts.data.extra })}</Tag>
          )}
        </Flex>
      )}
      <Form
        form={form}
        layout="inline"
        name="desk-filters"
        className="audit-filters"
        initialValues={filters}
        onValuesChange={(_, v) =>
          apply({ ...filters, date: v.date || undefined, departmentId: v.departmentId || undefined, page: 1 })
        }
      >
        <Form.Item name="date" label={t('desk.date')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('desk.department')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('desk.anyDepartment')}
            className="filter-select"
            options={departments.data}
          />
        </Form.Item>
      </Form>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<Booking>
          className="desk-table"
          rowKey="id"
          size="small"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('desk.emptyToday')} /> }}
          rowClassName={(b) => (b.id === selected ? 'desk-row-selected' : 'desk-row')}
          onRow={(b) => ({ onClick: () => onSelect(b.id) })}
          pagination={serverPagination(
            filters,
            list.data?.total ?? 0,
            (page, pageSize) => apply({ ...filters, page, pageSize }),
            (total) => t('desk.total', { total }),
          )}
          columns={[
            { title: t('desk.col.time'), render: (_, b) => `${b.startTime}–${b.endTime}` },
            { title: t('desk.col.patient'), render: (_, b) => b.profile.name },
            {
              title: t('desk.col.clinic'),
              render: (_, b) =>
                `${localName(b.department, locale)} ${b.doctor ? localName(b.doctor, locale) : b.examType ? localName(b.examType, locale) : ''}`,
            },
            {
              title: t('desk.col.channel'),
              render: (_, b) => (
                <Space size={4}>
                  {t(`desk.channel.${b.channel}`)}
                  {b.isExtra && <Tag color="purple">{t('desk.extra')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('desk.col.fee'),
              align: 'right',
              render: (_, b) => (b.feeFen ? formatYuan(b.feeFen) : t('desk.free')),
            },
            {
              title: t('desk.col.status'),
              render: (_, b) => {
                const shown = shownBookingStatus(b);
                return <Tag color={STATUS_COLOR[shown]}>{labels.bookingStatus[shown]}</Tag>;
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
