import { type Department, departmentCreateRequest, departmentUpdateRequest } from '@hospital/shared';
import { Divider, Form, Input, InputNumber, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { FormDrawer } from '../../lib/form-drawer';
import { LoadError } from '../results';
import {
  CatalogTable,
  EligibilityFields,
  nullWhereEmpty,
  saveEntity,
  useAfterSave,
  useDepartments,
  useHospital,
  useRestrictionText,
} from './common';
import { type CatalogFilters, matches } from './filters';

const EMPTY = {
  code: '',
  name: '',
  nameEn: null,
  location: '',
  description: '',
  sortOrder: 100,
  active: true,
  pediatric: false,
  allowedSex: null,
  minAge: null,
  maxAge: null,
};

function valuesOf(d: Department) {
  const {
    code,
    name,
    nameEn,
    location,
    description,
    sortOrder,
    active,
    pediatric,
    allowedSex,
    minAge,
    maxAge,
  } = d;
  return {
    code,
    name,
    nameEn,
    location,
    description,
    sortOrder,
    active,
    pediatric,
    allowedSex,
    minAge,
    maxAge,
  };
}

/** The departments: their table (filtered by the address bar) and the drawer that opens or changes one. */
export function DepartmentsTab({
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
  const list = useDepartments();
  const restriction = useRestrictionText();
  const [editing, setEditing] = useState<Department | null>(null);
  const rows = (list.data?.items ?? []).filter((d) => matches(d, filters));

  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <CatalogTable<Department>
        rows={rows}
        loading={list.isFetching}
        page={filters.page}
        onPage={onPage}
        onEdit={setEditing}
        columns={[
          { title: t('catalog.f.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          { title: t('catalog.f.name'), dataIndex: 'name' },
          { title: t('catalog.f.location'), dataIndex: 'location' },
          { title: t('catalog.department.doctors'), dataIndex: 'doctorCount', align: 'right' },
          { title: t('catalog.f.restrictions'), key: 'r', render: (_: unknown, d) => restriction(d) },
        ]}
      />
      <DepartmentForm
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

function DepartmentForm({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: Department | null;
  onClose: () => void;
}) {
  const { locale, t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const afterSave = useAfterSave();
  const pediatricsMaxAge = useHospital().data?.rules.eligibility.pediatricsMaxAge ?? 14;
  const initial: Record<string, unknown> = editing ? valuesOf(editing) : EMPTY;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesOf(editing) : EMPTY);
  }, [open, editing, form]);

  const onFinish = async () => {
    setSending(true);
    const values = nullWhereEmpty(form.getFieldsValue(true), ['nameEn', 'allowedSex', 'minAge', 'maxAge']);
    const { code, ...fields } = values;
    const saved = await saveEntity({
      form,
      locale,
      editing: !!editing,
      values: editing ? fields : values,
      initial,
      create: {
        schema: departmentCreateRequest,
        send: (body) => api.call('catalog.createDepartment', { body }),
      },
      update: {
        schema: departmentUpdateRequest,
        send: (body) => api.call('catalog.updateDepartment', { params: { id: editing!.id }, body }),
      },
      onError: setError,
    });
    setSending(false);
    await afterSave(saved, {
      created: !editing,
      name: values.name,
      listKey: 'catalog.adminDepartments',
      onClose,
    });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      size={560}
      className="catalog-drawer"
      title={editing ? t('catalog.department.edit', { name: editing.name }) : t('catalog.department.create')}
      sending={sending}
      error={error}
      onSave={() => form.submit()}
      saveTestId="catalog-save"
    >
      <Form form={form} name="catalog-department" layout="vertical" onFinish={onFinish} requiredMark={false}>
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
        <Form.Item name="location" label={t('catalog.f.location')}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('catalog.f.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <div className="catalog-row">
          <Form.Item name="sortOrder" label={t('catalog.f.sortOrder')} extra={t('catalog.f.sortOrderHelp')}>
            <InputNumber precision={0} className="rule-input" />
          </Form.Item>
          <Form.Item name="active" label={t('catalog.f.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </div>
        <EligibilityFields />
        <Form.Item
          name="pediatric"
          label={t('catalog.f.pediatric')}
          valuePropName="checked"
          extra={t('catalog.f.pediatricHelp', { age: pediatricsMaxAge })}
        >
          <Switch />
        </Form.Item>
        <Divider />
      </Form>
    </FormDrawer>
  );
}
