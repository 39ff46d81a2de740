import {
  EXAM_CATEGORIES,
  type ExamType,
  examTypeCreateRequest,
  examTypeUpdateRequest,
  FASTING_WATER,
  formatYuan,
} from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { Divider, Form, Input, InputNumber, Select, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { type MessageKey, useI18n } from '../../i18n';
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
import { type ExamFormValues, GuidancePreview } from './guidance-preview';
import { useRooms } from './rooms';

const NULLABLE = [
  'nameEn',
  'roomId',
  'fastingHours',
  'fastingWater',
  'noWaterHours',
  'waterMl',
  'waterMinutesBefore',
  'stopMedication',
  'preparationNotes',
  'allowedSex',
  'minAge',
  'maxAge',
] as const;

const EMPTY = {
  code: '',
  name: '',
  nameEn: null,
  category: undefined,
  departmentId: undefined,
  roomId: null,
  feeFen: null,
  durationMinutes: 15,
  building: '',
  floor: '',
  room: '',
  route: '',
  fastingHours: null,
  fastingWater: null,
  noWaterHours: null,
  fullBladder: false,
  waterMl: null,
  waterMinutesBefore: null,
  stopMedication: null,
  bringPriorFilms: false,
  arriveEarlyMinutes: 15,
  preparationNotes: null,
  whatToExpect: '',
  afterCare: '',
  resultReadyMinutes: 60,
  resultReadyText: '',
  active: true,
  allowedSex: null,
  minAge: null,
  maxAge: null,
};

/** An exam type as the form edits it: flat, like the create request, the fee in yuan. */
function valuesOf(e: ExamType) {
  const p = e.preparation;
  return {
    code: e.code,
    name: e.name,
    nameEn: e.nameEn,
    category: e.category,
    departmentId: e.departmentId,
    roomId: e.roomId,
    feeFen: yuanOf(e.feeFen),
    durationMinutes: e.durationMinutes,
    ...e.location,
    fastingHours: p.fastingHours,
    fastingWater: p.fastingWater,
    noWaterHours: p.noWaterHours,
    fullBladder: p.fullBladder,
    waterMl: p.waterMl,
    waterMinutesBefore: p.waterMinutesBefore,
    stopMedication: p.stopMedication,
    bringPriorFilms: p.bringPriorFilms,
    arriveEarlyMinutes: p.arriveEarlyMinutes,
    preparationNotes: p.notes,
    whatToExpect: e.whatToExpect,
    afterCare: e.afterCare,
    resultReadyMinutes: e.resultReadyMinutes,
    resultReadyText: e.resultReadyText,
    active: e.active,
    allowedSex: e.allowedSex,
    minAge: e.minAge,
    maxAge: e.maxAge,
  };
}

export function useExamTypes() {
  return useQuery({
    queryKey: ['catalog.adminExamTypes'],
    queryFn: () => api.call('catalog.adminExamTypes', includeInactive),
  });
}

/** Exam types: their table (category, fee, preparation at a glance) and the drawer with the guidance editor. */
export function ExamsTab({
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
  const { t } = useI18n();
  const list = useExamTypes();
  const restriction = useRestrictionText();
  const [editing, setEditing] = useState<ExamType | null>(null);
  const rows = (list.data?.items ?? []).filter((e) => matches(e, filters));

  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <CatalogTable<ExamType>
        rows={rows}
        loading={list.isFetching}
        page={filters.page}
        onPage={onPage}
        onEdit={setEditing}
        columns={[
          { title: t('catalog.f.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          { title: t('catalog.f.name'), dataIndex: 'name' },
          {
            title: t('catalog.exam.category'),
            dataIndex: 'category',
            render: (c: ExamType['category']) => <Tag>{t(`catalog.exam.category.${c}` as MessageKey)}</Tag>,
          },
          { title: t('catalog.f.department'), dataIndex: 'departmentName' },
          {
            title: t('catalog.exam.fee'),
            dataIndex: 'feeFen',
            align: 'right',
            render: (f: number) => formatYuan(f),
          },
          {
            title: t('catalog.exam.preparation'),
            key: 'prep',
            render: (_: unknown, e) =>
              e.preparation.fastingHours
                ? t('catalog.exam.fastingShort', { hours: e.preparation.fastingHours })
                : '',
          },
          { title: t('catalog.f.restrictions'), key: 'r', render: (_: unknown, e) => restriction(e) },
        ]}
      />
      <ExamForm
        open={creating || editing !== null}
        editing={editing}
        onClose={() => {
          setEditing(null);
          onCreated();
        }}
      />
    </>
  );
}

function ExamForm({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: ExamType | null;
  onClose: () => void;
}) {
  const { locale, t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const afterSave = useAfterSave();
  const departments = useDepartmentOptions();
  const rooms = (useRooms().data?.items ?? [])
    .filter((r) => r.kind === 'EXAM')
    .map((r) => ({ value: r.id, label: r.name }));
  const timeZone = useHospital().data?.timeZone ?? 'Asia/Shanghai';
  const watched = Form.useWatch((v) => v, form) as ExamFormValues | undefined;
  const initial: Record<string, unknown> = editing ? valuesOf(editing) : EMPTY;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesOf(editing) : EMPTY);
  }, [open, editing, form]);

  const onFinish = async () => {
    setSending(true);
    const raw = nullWhereEmpty(form.getFieldsValue(true), NULLABLE);
    const values = { ...raw, feeFen: fenOf(raw.feeFen) };
    const { code, ...fields } = values;
    const saved = await saveEntity({
      form,
      locale,
      editing: !!editing,
      values: editing ? fields : values,
      initial: { ...initial, feeFen: fenOf(initial.feeFen) },
      create: { schema: examTypeCreateRequest, send: (body) => api.call('catalog.createExamType', { body }) },
      update: {
        schema: examTypeUpdateRequest,
        send: (body) => api.call('catalog.updateExamType', { params: { id: editing!.id }, body }),
      },
      onError: setError,
    });
    setSending(false);
    await afterSave(saved, {
      created: !editing,
      name: values.name,
      listKey: 'catalog.adminExamTypes',
      onClose,
    });
  };

  const number = (name: string, label: MessageKey, extra?: MessageKey) => (
    <Form.Item name={name} label={t(label)} extra={extra ? t(extra) : undefined}>
      <InputNumber precision={0} className="rule-input" />
    </Form.Item>
  );
  const check = (name: string, label: MessageKey) => (
    <Form.Item name={name} label={t(label)} valuePropName="checked">
      <Switch />
    </Form.Item>
  );

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      size={1080}
      className="catalog-drawer"
      title={editing ? t('catalog.exam.edit', { name: editing.name }) : t('catalog.exam.create')}
      sending={sending}
      error={error}
      onSave={() => form.submit()}
      saveTestId="catalog-save"
    >
      <div className="exam-editor">
        <Form form={form} name="catalog-exam" layout="vertical" onFinish={onFinish} requiredMark={false}>
          <div className="catalog-row">
            <Form.Item
              name="code"
              label={t('catalog.f.code')}
              extra={editing ? undefined : t('catalog.f.codeHelp')}
            >
              <Input autoFocus={!editing} disabled={!!editing} autoComplete="off" />
            </Form.Item>
            <Form.Item name="name" label={t('catalog.f.name')}>
              <Input autoFocus={!!editing} autoComplete="off" />
            </Form.Item>
            <Form.Item name="nameEn" label={t('catalog.f.nameEn')}>
              <Input autoComplete="off" />
            </Form.Item>
          </div>
          <div className="catalog-row">
            <Form.Item name="category" label={t('catalog.exam.category')}>
              <Select
                options={EXAM_CATEGORIES.map((c) => ({
                  value: c,
                  label: t(`catalog.exam.category.${c}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item name="departmentId" label={t('catalog.f.department')}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={departments} />
            </Form.Item>
            <Form.Item name="roomId" label={t('catalog.exam.room')}>
              <Select allowClear placeholder={t('catalog.none')} options={rooms} />
            </Form.Item>
            <Form.Item name="feeFen" label={t('catalog.exam.fee')}>
              <InputNumber min={0} precision={2} prefix="¥" className="rule-input" />
            </Form.Item>
            {number('durationMinutes', 'catalog.exam.duration')}
            {number('arriveEarlyMinutes', 'catalog.exam.arriveEarly')}
          </div>
          <Divider titlePlacement="start">{t('catalog.exam.where')}</Divider>
          <div className="catalog-row">
            <Form.Item name="building" label={t('catalog.exam.building')}>
              <Input />
            </Form.Item>
            <Form.Item name="floor" label={t('catalog.exam.floor')}>
              <Input />
            </Form.Item>
            <Form.Item name="room" label={t('catalog.exam.roomText')}>
              <Input />
            </Form.Item>
          </div>
          <Form.Item name="route" label={t('catalog.exam.route')}>
            <Input />
          </Form.Item>
          <Divider titlePlacement="start">{t('catalog.exam.preparation')}</Divider>
          <div className="catalog-row">
            {number('fastingHours', 'catalog.exam.fastingHours', 'catalog.exam.fastingHoursHelp')}
            <Form.Item name="fastingWater" label={t('catalog.exam.fastingWater')}>
              <Select
                allowClear
                placeholder={t('catalog.none')}
                options={FASTING_WATER.map((w) => ({
                  value: w,
                  label: t(`catalog.exam.fastingWater.${w}` as MessageKey),
                }))}
              />
            </Form.Item>
            {number('noWaterHours', 'catalog.exam.noWaterHours', 'catalog.exam.noWaterHoursHelp')}
          </div>
          <div className="catalog-row">
            {check('fullBladder', 'catalog.exam.fullBladder')}
            {number('waterMl', 'catalog.exam.waterMl')}
            {number('waterMinutesBefore', 'catalog.exam.waterMinutesBefore')}
            {check('bringPriorFilms', 'catalog.exam.bringPriorFilms')}
          </div>
          <Form.Item
            name="stopMedication"
            label={t('catalog.exam.stopMedication')}
            extra={t('catalog.exam.stopMedicationHelp')}
          >
            <Input />
          </Form.Item>
          <Form.Item name="preparationNotes" label={t('catalog.exam.notes')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="exam-notes" />
          </Form.Item>
          <Divider titlePlacement="start">{t('catalog.exam.during')}</Divider>
          <Form.Item name="whatToExpect" label={t('catalog.exam.whatToExpect')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="afterCare" label={t('catalog.exam.afterCare')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <div className="catalog-row">
            {number('resultReadyMinutes', 'catalog.exam.resultMinutes', 'catalog.exam.resultMinutesHelp')}
          </div>
          <Form.Item name="resultReadyText" label={t('catalog.exam.resultText')}>
            <Input />
          </Form.Item>
          <Form.Item name="active" label={t('catalog.f.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <EligibilityFields />
        </Form>
        {watched && <GuidancePreview values={watched} timeZone={timeZone} />}
      </div>
    </FormDrawer>
  );
}
