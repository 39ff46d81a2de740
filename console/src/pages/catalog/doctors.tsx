import {
  DOCTOR_TITLES,
  type Doctor,
  doctorCreateRequest,
  doctorUpdateRequest,
  FEE_CATEGORIES,
  formatYuan,
} from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Divider, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { FormDrawer } from '../../lib/form-drawer';
import { LoadError } from '../results';
import {
  CatalogTable,
  EligibilityFields,
  fenOf,
  includeInactive,
  nullWhereEmpty,
  saveEntity,
  useAfterSave,
  useDepartmentOptions,
  useHospital,
  useRestrictionText,
  yuanOf,
} from './common';
import { type CatalogFilters, matches } from './filters';
import { DoctorPhotoField, DoctorThumb } from './photo';

type Fees = Record<Doctor['feeCategory'], number>;

const EMPTY = {
  code: '',
  departmentId: undefined,
  name: '',
  nameEn: null,
  title: undefined,
  feeCategory: 'GENERAL',
  feeFenOverride: null,
  specialty: '',
  bio: '',
  active: true,
  allowedSex: null,
  minAge: null,
  maxAge: null,
};

/**
 * A doctor as the form edits it. The answer carries the fee the patient pays; it is the doctor's own fee where it
 * differs from the hospital's fee for the category (one equal to it changes nothing either way).
 */
function valuesOf(d: Doctor, fees: Fees | undefined) {
  const {
    code,
    departmentId,
    name,
    nameEn,
    title,
    feeCategory,
    specialty,
    bio,
    active,
    allowedSex,
    minAge,
    maxAge,
  } = d;
  const own = fees && d.feeFen !== fees[feeCategory] ? d.feeFen : null;
  return {
    code,
    departmentId,
    name,
    nameEn,
    title,
    feeCategory,
    feeFenOverride: yuanOf(own),
    specialty,
    bio,
    active,
    allowedSex,
    minAge,
    maxAge,
  };
}

export function useDoctors() {
  return useQuery({
    queryKey: ['catalog.adminDoctors'],
    queryFn: () => api.call('catalog.adminDoctors', includeInactive),
  });
}

/** The doctors: their table (photo, department, title, fee, limits) and the drawer with the photo upload. */
export function DoctorsTab({
  filters,
  onPage,
  creating,
  onCreated,
}: {
  filters: CatalogFilters;
  onPage: (page: number) => void;
  creating: boolean;
  onCreated: () => void;
}) {
  const { t, labels } = useI18n();
  const list = useDoctors();
  const restriction = useRestrictionText();
  const [editing, setEditing] = useState<Doctor | null>(null);
  const rows = (list.data?.items ?? []).filter((d) => matches(d, filters));

  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <CatalogTable<Doctor>
        rows={rows}
        loading={list.isFetching}
        page={filters.page}
        onPage={onPage}
        onEdit={setEditing}
        columns={[
          {
            title: t('catalog.doctor.photo'),
            key: 'photo',
            width: 64,
            render: (_: unknown, d) => <DoctorThumb doctor={d} />,
          },
          { title: t('catalog.f.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          { title: t('catalog.doctor.name'), dataIndex: 'name' },
          { title: t('catalog.f.department'), dataIndex: 'departmentName' },
          {
            title: t('catalog.doctor.title'),
            dataIndex: 'title',
            render: (v: Doctor['title']) => labels.doctorTitle[v],
          },
          {
            title: t('catalog.doctor.feeCategory'),
            dataIndex: 'feeCategory',
            render: (v: Doctor['feeCategory']) => <Tag>{labels.feeCategory[v]}</Tag>,
          },
          {
            title: t('catalog.doctor.fee'),
            dataIndex: 'feeFen',
            align: 'right',
            render: (f: number) => formatYuan(f),
          },
          { title: t('catalog.f.restrictions'), key: 'r', render: (_: unknown, d) => restriction(d) },
        ]}
      />
      <DoctorForm
        open={creating || editing !== null}
        editing={editing}
        onUploaded={setEditing}
        onClose={() => {
          setEditing(null);
          onCreated();
        }}
      />
    </>
  );
}

function DoctorForm({
  open,
  editing,
  onUploaded,
  onClose,
}: {
  open: boolean;
  editing: Doctor | null;
  onUploaded: (d: Doctor) => void;
  onClose: () => void;
}) {
  const { locale, t, labels } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const afterSave = useAfterSave();
  const departments = useDepartmentOptions();
  const fees = useHospital().data?.rules.fees.registrationFen;
  const category = Form.useWatch('feeCategory', form) as Doctor['feeCategory'] | undefined;
  const initial: Record<string, unknown> = editing ? valuesOf(editing, fees) : EMPTY;
  const editingId = editing?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is filled when the drawer opens on a doctor, not again after a photo upload
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesOf(editing, fees) : EMPTY);
  }, [open, editingId, form, fees]);

  const onFinish = async () => {
    setSending(true);
    const raw = nullWhereEmpty(form.getFieldsValue(true), ['nameEn', 'allowedSex', 'minAge', 'maxAge']);
    const values = { ...raw, feeFenOverride: fenOf(raw.feeFenOverride) };
    const { code, ...fields } = values;
    const saved = await saveEntity({
      form,
      locale,
      editing: !!editing,
      values: editing ? fields : values,
      initial: { ...initial, feeFenOverride: fenOf(initial.feeFenOverride) },
      create: { schema: doctorCreateRequest, send: (body) => api.call('catalog.createDoctor', { body }) },
      update: {
        schema: doctorUpdateRequest,
        send: (body) => api.call('catalog.updateDoctor', { params: { id: editing!.id }, body }),
      },
      onError: setError,
    });
    setSending(false);
    await afterSave(saved, {
      created: !editing,
      name: values.name,
      listKey: 'catalog.adminDoctors',
      onClose,
    });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      size={600}
      className="catalog-drawer"
      title={editing ? t('catalog.doctor.edit', { name: editing.name }) : t('catalog.doctor.create')}
      sending={sending}
      error={error}
      onSave={() => form.submit()}
      saveTestId="catalog-save"
    >
      <Divider titlePlacement="start">{t('catalog.doctor.photo')}</Divider>
      {editing ? (
        <DoctorPhotoField doctor={editing} onUploaded={onUploaded} />
      ) : (
        <Alert type="info" title={t('catalog.doctor.photoAfterCreate')} className="form-alert" />
      )}
      <Divider />
      <Form form={form} name="catalog-doctor" layout="vertical" onFinish={onFinish} requiredMark={false}>
        <div className="catalog-row">
          <Form.Item
            name="code"
            label={t('catalog.f.code')}
            extra={editing ? undefined : t('catalog.f.codeHelp')}
          >
            <Input autoFocus={!editing} disabled={!!editing} autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t('catalog.doctor.name')}>
            <Input autoFocus={!!editing} autoComplete="off" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('catalog.f.nameEn')}>
            <Input autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item name="departmentId" label={t('catalog.f.department')}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={departments} />
        </Form.Item>
        <div className="catalog-row">
          <Form.Item name="title" label={t('catalog.doctor.title')}>
            <Select options={DOCTOR_TITLES.map((v) => ({ value: v, label: labels.doctorTitle[v] }))} />
          </Form.Item>
          <Form.Item name="feeCategory" label={t('catalog.doctor.feeCategory')}>
            <Select options={FEE_CATEGORIES.map((v) => ({ value: v, label: labels.feeCategory[v] }))} />
          </Form.Item>
          <Form.Item
            name="feeFenOverride"
            label={t('catalog.doctor.feeOverride')}
            extra={
              fees && category
                ? t('catalog.doctor.feeOverrideHelp', { fee: formatYuan(fees[category]) })
                : undefined
            }
          >
            <InputNumber min={0} precision={2} prefix="¥" className="rule-input" />
          </Form.Item>
        </div>
        <Form.Item name="specialty" label={t('catalog.doctor.specialty')}>
          <Input />
        </Form.Item>
        <Form.Item name="bio" label={t('catalog.doctor.bio')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="active" label={t('catalog.f.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <EligibilityFields />
      </Form>
    </FormDrawer>
  );
}
