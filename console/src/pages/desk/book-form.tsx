import {
  addDays,
  type Booking,
  type DeskProfile,
  DOCUMENT_TYPES,
  type DocumentType,
  formatYuan,
  localFieldMessage,
  localName,
  numberCarriesBirthFacts,
  SEXES,
  staffBookingRequest,
} from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { api, isApiError, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { hospitalDateTime } from '../../lib/time';
import { useDepartmentOptions, useHospital, useHospitalToday } from './hooks';

interface Values {
  channel: 'WINDOW' | 'PHONE';
  departmentId?: string;
  date?: string;
  slotId?: string;
  extra: boolean;
  extraReason?: string;
  name?: string;
  idType: DocumentType;
  idNumber?: string;
  phone?: string;
  birthDate?: string;
  sex?: string;
}

/** The form's fields an issue can be shown at (the rest are shown above the form). */
const FIELDS = new Set<keyof Values>([
  'slotId',
  'extraReason',
  'name',
  'idType',
  'idNumber',
  'phone',
  'birthDate',
  'sex',
]);

/** A contract's issue path (`patient.idNumber`, from the schema or the server's `body.patient.idNumber`) → the field. */
function fieldOf(path: readonly PropertyKey[]): keyof Values | null {
  const parts = path.map(String).filter((p) => p !== 'body');
  const name = parts[0] === 'patient' ? parts[1] : parts[0];
  return name ? (name as keyof Values) : null;
}

/** The request the form's values make: an existing profile, or the patient's real-name details. */
function requestOf(v: Values, profile: DeskProfile | null): z.input<typeof staffBookingRequest> {
  const carries = numberCarriesBirthFacts(v.idType, v.idNumber ?? '');
  return {
    slotId: v.slotId ?? '',
    channel: v.channel,
    ...(profile
      ? { profileId: profile.id }
      : {
          patient: {
            name: v.name ?? '',
            idType: v.idType,
            idNumber: v.idNumber ?? '',
            phone: v.phone ?? '',
            relationship: 'SELF',
            ...(carries ? {} : { birthDate: v.birthDate || undefined, sex: (v.sex || undefined) as never }),
          },
        }),
    ...(v.extra ? { extraReason: v.extraReason ?? '' } : {}),
  };
}

/**
 * Book on behalf of a window or phone patient: the one found at the desk, or a new one by real-name details
 * (the server finds their existing profile by the ID number when the name matches). 加号 (beyond capacity)
 * with a reason. Checked by the shared `staffBookingRequest` before sending; the server's field errors land
 * at the same fields.
 */
export function BookForm({
  open,
  profile,
  onClose,
  onBooked,
}: {
  open: boolean;
  profile: DeskProfile | null;
  onClose: () => void;
  onBooked: (b: Booking) => void;
}) {
  const { t, labels, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [forProfile, setForProfile] = useState<DeskProfile | null>(profile);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const today = useHospitalToday();
  const zone = useHospital().data?.timeZone;
  const departments = useDepartmentOptions();
  const departmentId = Form.useWatch('departmentId', form);
  const date = Form.useWatch('date', form);
  const extra = Form.useWatch('extra', form) ?? false;
  const idType = Form.useWatch('idType', form) ?? 'RESIDENT_ID';
  const idNumber = Form.useWatch('idNumber', form) ?? '';

  useEffect(() => {
    if (!open) return;
    setForProfile(profile);
    setError(null);
    form.resetFields();
    form.setFieldsValue({ date: today });
  }, [open, profile, form, today]);

  const slots = useQuery({
    queryKey: ['scheduling.slots', departmentId, date],
    queryFn: () =>
      api.call('scheduling.slots', { query: { departmentId: departmentId!, from: date, to: date } }),
    enabled: open && !!departmentId && !!date,
  });

  const show = (issues: { path: readonly PropertyKey[]; message: string }[]) => {
    const byField = new Map<keyof Values, string[]>();
    let general: string | null = null;
    for (const issue of issues) {
      const field = fieldOf(issue.path);
      if (field && FIELDS.has(field)) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
      else general ??= issue.message;
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
    if (general) setError(general);
  };

  const onFinish = async (v: Values) => {
    setError(null);
    const body = requestOf(v, forProfile);
    const checked = staffBookingRequest.safeParse(body);
    if (!checked.success) {
      show(
        checked.error.issues.map((i) => ({
          path: i.path,
          message: localFieldMessage(
            i.message,
            locale,
            (i as { params?: { key?: string; en?: string } }).params,
          ),
        })),
      );
      return;
    }
    setSending(true);
    try {
      const booked = await api.call('booking.staffCreate', { body: checked.data });
      message.success(
        booked.status === 'PENDING_PAYMENT'
          ? t('desk.bookedPay', {
              name: booked.profile.name,
              until: hospitalDateTime(booked.holdExpiresAt ?? '', zone).slice(11),
            })
          : t('desk.booked', { name: booked.profile.name }),
      );
      onBooked(booked);
      onClose();
    } catch (failure) {
      if (isApiError(failure) && failure.code === 'VALIDATION_FAILED' && failure.details.length) {
        show(failure.details.map((d) => ({ path: d.path.split('.'), message: d.message })));
      } else setError(messageOf(failure, locale));
    } finally {
      setSending(false);
    }
  };

  const dayOptions = today
    ? Array.from({ length: 8 }, (_, i) => addDays(today, i)).map((d) => ({ value: d, label: d }))
    : [];
  const slotOptions = (slots.data?.items ?? []).map((s) => {
    const owner = s.doctorName
      ? localName({ name: s.doctorName, nameEn: s.doctorNameEn }, locale)
      : localName({ name: s.examTypeName ?? '', nameEn: s.examTypeNameEn }, locale);
    const time = `${s.startTime}–${s.endTime}`;
    const fee = s.feeFen ? formatYuan(s.feeFen) : t('desk.free');
    return {
      value: s.id,
      label:
        s.status === 'OPEN'
          ? t('desk.slotOption', { time, owner, left: s.placesLeft, fee })
          : `${t('desk.slotFull', { time, owner, fee })} · ${labels.slotStatus[s.status]}`,
      disabled: s.status === 'SUSPENDED' || (s.status !== 'OPEN' && !extra),
    };
  });
  const carries = numberCarriesBirthFacts(idType, idNumber);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={t('desk.bookTitle')}
      footer={
        <Space>
          <Button
            type="primary"
            loading={sending}
            onClick={() => form.submit()}
            data-testid="desk-book-submit"
          >
            {t('desk.bookSubmit')}
          </Button>
          <Button onClick={onClose}>{t('desk.close')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form<Values>
        form={form}
        name="desk-book"
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={{ channel: 'WINDOW', extra: false, idType: 'RESIDENT_ID', date: today }}
      >
        <Form.Item name="channel" label={t('desk.channel')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'WINDOW', label: t('desk.channel.WINDOW') },
              { value: 'PHONE', label: t('desk.channel.PHONE') },
            ]}
          />
        </Form.Item>
        {forProfile ? (
          <Alert
            type="success"
            className="form-alert"
            title={t('desk.forPatient', { name: forProfile.name })}
            description={`${labels.idType[forProfile.idType]} ${forProfile.idNumberMasked ?? ''} · ${forProfile.phoneMasked}`}
            action={
              <Button size="small" onClick={() => setForProfile(null)}>
                {t('desk.otherPatient')}
              </Button>
            }
          />
        ) : (
          <>
            <Typography.Title level={5}>{t('desk.newPatient')}</Typography.Title>
            <Form.Item name="name" label={t('desk.name')}>
              <Input autoComplete="off" autoFocus data-testid="desk-book-name" />
            </Form.Item>
            <Space.Compact block>
              <Form.Item name="idType" label={t('desk.idType')} className="desk-id-type">
                <Select options={DOCUMENT_TYPES.map((d) => ({ value: d, label: labels.idType[d] }))} />
              </Form.Item>
              <Form.Item name="idNumber" label={t('desk.idNumber')} className="desk-grow">
                <Input autoComplete="off" data-testid="desk-book-id" />
              </Form.Item>
            </Space.Compact>
            {!carries && (
              <Space.Compact block>
                <Form.Item name="birthDate" label={t('desk.birthDate')} className="desk-grow">
                  <Input type="date" />
                </Form.Item>
                <Form.Item name="sex" label={t('desk.sex')} className="desk-grow">
                  <Select allowClear options={SEXES.map((s) => ({ value: s, label: labels.sex[s] }))} />
                </Form.Item>
              </Space.Compact>
            )}
            <Form.Item name="phone" label={t('desk.phone')}>
              <Input autoComplete="off" inputMode="tel" data-testid="desk-book-phone" />
            </Form.Item>
          </>
        )}
        <Space.Compact block>
          <Form.Item name="departmentId" label={t('desk.department')} className="desk-grow">
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={departments.data}
              loading={departments.isLoading}
              onChange={() => form.setFieldsValue({ slotId: undefined })}
              data-testid="desk-book-department"
            />
          </Form.Item>
          <Form.Item name="date" label={t('desk.date')} className="desk-date">
            <Select options={dayOptions} onChange={() => form.setFieldsValue({ slotId: undefined })} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="slotId"
          label={t('desk.slot')}
          extra={
            !departmentId
              ? t('desk.pickDepartment')
              : slots.data && !slotOptions.length
                ? t('desk.noSlots')
                : null
          }
        >
          <Select options={slotOptions} loading={slots.isFetching} data-testid="desk-book-slot" />
        </Form.Item>
        <Form.Item name="extra" valuePropName="checked" extra={extra ? t('desk.extraHint') : null}>
          <Checkbox>{t('desk.addExtra')}</Checkbox>
        </Form.Item>
        {extra && (
          <Form.Item name="extraReason" label={t('desk.extraReason')}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
