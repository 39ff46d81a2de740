import { ROOM_KINDS, type Room, roomCreateRequest, roomUpdateRequest } from '@hospital/shared';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Switch, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { FormDrawer } from '../../lib/form-drawer';
import { LoadError } from '../results';
import {
  CatalogTable,
  includeInactive,
  nullWhereEmpty,
  saveEntity,
  useAfterSave,
  useDepartmentOptions,
  useDepartments,
} from './common';
import { type CatalogFilters, matches } from './filters';

const EMPTY = {
  code: '',
  name: '',
  kind: undefined,
  departmentId: null,
  building: '',
  floor: '',
  location: '',
  active: true,
};

function valuesOf(r: Room) {
  const { code, name, kind, departmentId, building, floor, location, active } = r;
  return { code, name, kind, departmentId, building, floor, location, active };
}

export function useRooms() {
  return useQuery({ queryKey: ['catalog.rooms'], queryFn: () => api.call('catalog.rooms', includeInactive) });
}

/** Consulting rooms, exam rooms and windows: their table and the drawer that opens or changes one. */
export function RoomsTab({
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
  const list = useRooms();
  const departments = useDepartments();
  const departmentName = (id: string | null) =>
    departments.data?.items.find((d) => d.id === id)?.name ?? t('catalog.room.noDepartment');
  const [editing, setEditing] = useState<Room | null>(null);
  const rows = (list.data?.items ?? []).filter((r) => matches(r, filters));

  if (list.error) return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <CatalogTable<Room>
        rows={rows}
        loading={list.isFetching}
        page={filters.page}
        onPage={onPage}
        onEdit={setEditing}
        columns={[
          { title: t('catalog.f.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          { title: t('catalog.f.name'), dataIndex: 'name' },
          {
            title: t('catalog.room.kind'),
            dataIndex: 'kind',
            render: (k: Room['kind']) => <Tag>{labels.roomKind[k]}</Tag>,
          },
          { title: t('catalog.f.department'), dataIndex: 'departmentId', render: departmentName },
          {
            title: t('catalog.f.location'),
            key: 'where',
            render: (_: unknown, r) => [r.building, r.floor, r.location].filter(Boolean).join(' '),
          },
        ]}
      />
      <RoomForm
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

function RoomForm({ open, editing, onClose }: { open: boolean; editing: Room | null; onClose: () => void }) {
  const { locale, t, labels } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const afterSave = useAfterSave();
  const departments = useDepartmentOptions();
  const initial: Record<string, unknown> = editing ? valuesOf(editing) : EMPTY;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(editing ? valuesOf(editing) : EMPTY);
  }, [open, editing, form]);

  const onFinish = async () => {
    setSending(true);
    const values = nullWhereEmpty(form.getFieldsValue(true), ['departmentId']);
    const { code, ...fields } = values;
    const saved = await saveEntity({
      form,
      locale,
      editing: !!editing,
      values: editing ? fields : values,
      initial,
      create: { schema: roomCreateRequest, send: (body) => api.call('catalog.createRoom', { body }) },
      update: {
        schema: roomUpdateRequest,
        send: (body) => api.call('catalog.updateRoom', { params: { id: editing!.id }, body }),
      },
      onError: setError,
    });
    setSending(false);
    await afterSave(saved, { created: !editing, name: values.name, listKey: 'catalog.rooms', onClose });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      size={520}
      className="catalog-drawer"
      title={editing ? t('catalog.room.edit', { name: editing.name }) : t('catalog.room.create')}
      sending={sending}
      error={error}
      onSave={() => form.submit()}
      saveTestId="catalog-save"
    >
      <Form form={form} name="catalog-room" layout="vertical" onFinish={onFinish} requiredMark={false}>
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
          <Form.Item name="kind" label={t('catalog.room.kind')}>
            <Select options={ROOM_KINDS.map((k) => ({ value: k, label: labels.roomKind[k] }))} />
          </Form.Item>
        </div>
        <Form.Item name="departmentId" label={t('catalog.f.department')}>
          <Select
            allowClear
            placeholder={t('catalog.room.noDepartment')}
            showSearch={{ optionFilterProp: 'label' }}
            options={departments}
          />
        </Form.Item>
        <div className="catalog-row">
          <Form.Item name="building" label={t('catalog.room.building')}>
            <Input />
          </Form.Item>
          <Form.Item name="floor" label={t('catalog.room.floor')}>
            <Input />
          </Form.Item>
        </div>
        <Form.Item name="location" label={t('catalog.room.location')}>
          <Input />
        </Form.Item>
        <Form.Item name="active" label={t('catalog.f.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
