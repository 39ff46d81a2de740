import { ROOM_KINDS } from '@hospital/shared';
import { Button, Form, Input, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type MessageKey, useI18n } from '../../i18n';
import { useDepartmentOptions } from './common';
import { DepartmentsTab } from './departments';
import { DoctorsTab } from './doctors';
import { ExamsTab } from './exams';
import { CATALOG_TABS, type CatalogFilters, type CatalogTab, filtersFrom, paramsOf } from './filters';
import { RoomsTab } from './rooms';
import './catalog.css';

type FormValues = Pick<CatalogFilters, 'q' | 'status' | 'departmentId' | 'kind'>;

const CREATE: Record<CatalogTab, MessageKey> = {
  departments: 'catalog.department.create',
  doctors: 'catalog.doctor.create',
  rooms: 'catalog.room.create',
  exams: 'catalog.exam.create',
};

/**
 * The catalog (permission `catalog.manage`: scheduler, admin): departments, doctors, rooms and windows, exam
 * types — one tab each, the tab and the filters in the address bar, a drawer to open or change an entry.
 */
export function CatalogPage() {
  const { t, labels } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  const departments = useDepartmentOptions();
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address bar (back, forward, links)
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(filtersFrom(params));
  }, [search]);

  const apply = (next: CatalogFilters) => setParams(paramsOf(next));
  const onSearch = (v: FormValues) =>
    apply({
      tab: filters.tab,
      q: v.q?.trim() || undefined,
      status: v.status ?? 'active',
      departmentId: v.departmentId || undefined,
      kind: v.kind || undefined,
      page: 1,
    });
  const tabProps = {
    filters,
    onPage: (page: number) => apply({ ...filters, page }),
    creating,
    onCreated: () => setCreating(false),
  };
  const panes: Record<CatalogTab, React.ReactNode> = {
    departments: <DepartmentsTab {...tabProps} />,
    doctors: <DoctorsTab {...tabProps} />,
    rooms: <RoomsTab {...tabProps} />,
    exams: <ExamsTab {...tabProps} />,
  };

  return (
    <div className="page">
      <Space className="page-head" align="center">
        <Typography.Title level={2}>{t('catalog.title')}</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)} data-testid="catalog-create">
          {t(CREATE[filters.tab])}
        </Button>
      </Space>
      <Tabs
        activeKey={filters.tab}
        onChange={(tab) => apply({ tab: tab as CatalogTab, status: 'active', page: 1 })}
        items={CATALOG_TABS.map((tab) => ({ key: tab, label: t(`catalog.tab.${tab}` as MessageKey) }))}
      />
      <Form
        form={form}
        name="catalog-filters"
        layout="inline"
        onFinish={onSearch}
        initialValues={filters}
        className="catalog-filters"
      >
        <Form.Item name="q" label={t('catalog.q')}>
          <Input allowClear placeholder={t('catalog.qPlaceholder')} />
        </Form.Item>
        {filters.tab !== 'departments' && (
          <Form.Item name="departmentId" label={t('catalog.f.department')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('catalog.anyDepartment')}
              className="filter-select"
              options={departments}
            />
          </Form.Item>
        )}
        {filters.tab === 'rooms' && (
          <Form.Item name="kind" label={t('catalog.room.kind')}>
            <Select
              allowClear
              placeholder={t('catalog.anyKind')}
              className="filter-select"
              options={ROOM_KINDS.map((k) => ({ value: k, label: labels.roomKind[k] }))}
            />
          </Form.Item>
        )}
        <Form.Item name="status" label={t('catalog.status')}>
          <Select
            className="filter-select"
            options={(['active', 'inactive', 'all'] as const).map((s) => ({
              value: s,
              label: t(`catalog.status.${s}`),
            }))}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('catalog.search')}
          </Button>
          <Button onClick={() => apply({ tab: filters.tab, status: 'active', page: 1 })}>
            {t('catalog.reset')}
          </Button>
        </Space>
      </Form>
      {panes[filters.tab]}
    </div>
  );
}
