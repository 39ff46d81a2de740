import { accountDisableRequest, type StaffAccount, staffPasswordResetRequest } from '@hospital/shared';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { serverPagination } from '../../lib/paging';
import { hospitalDateTime } from '../../lib/time';
import { useMe } from '../../session/session';
import { LoadError } from '../results';
import { AccountForm, useDepartmentOptions, useRoleOptions } from './account-form';
import { filtersFrom, paramsOf, type StaffFilters } from './filters';
import { OneFieldModal } from './one-field-modal';
import { RowActions } from './row-actions';

type FormValues = Pick<StaffFilters, 'q' | 'role' | 'departmentId' | 'active'>;

/**
 * Staff accounts (permission `account.manage`): filters in the address bar, pages from the server, a drawer to
 * open or change an account, and per row disable / enable, a temporary password and ending the sign-ins.
 */
export function StaffPage() {
  const { t, labels } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [form] = Form.useForm<FormValues>();
  const [drawer, setDrawer] = useState<{ editing: StaffAccount | null } | null>(null);
  const [asking, setAsking] = useState<{ kind: 'disable' | 'password'; account: StaffAccount } | null>(null);
  const queries = useQueryClient();
  const departments = useDepartmentOptions();
  const roles = useRoleOptions();
  const hospital = useQuery({
    queryKey: ['catalog.hospital'],
    queryFn: () => api.call('catalog.hospital'),
    staleTime: 10 * 60_000,
  });
  const zone = hospital.data?.timeZone;
  const list = useQuery({
    queryKey: ['accounts.staff', filters],
    queryFn: () => api.call('accounts.staff', { query: filters }),
    placeholderData: keepPreviousData,
  });
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address bar (back, forward, links)
  useEffect(() => form.setFieldsValue(filtersFrom(params)), [search]);

  const apply = (next: StaffFilters) => setParams(paramsOf(next));
  const onSearch = (v: FormValues) =>
    apply({
      q: v.q?.trim() || undefined,
      role: v.role || undefined,
      departmentId: v.departmentId || undefined,
      active: v.active || undefined,
      page: 1,
      pageSize: filters.pageSize,
    });
  const refresh = () => queries.invalidateQueries({ queryKey: ['accounts.staff'] });

  return (
    <div className="page">
      <Space className="page-head" align="center">
        <Typography.Title level={2}>{t('staff.title')}</Typography.Title>
        <Button type="primary" onClick={() => setDrawer({ editing: null })} data-testid="staff-create">
          {t('staff.create')}
        </Button>
      </Space>
      <Form
        form={form}
        name="staff-filters"
        layout="inline"
        onFinish={onSearch}
        initialValues={filters}
        className="audit-filters"
      >
        <Form.Item name="q" label={t('staff.q')}>
          <Input allowClear placeholder={t('staff.qPlaceholder')} />
        </Form.Item>
        <Form.Item name="role" label={t('staff.role')}>
          <Select allowClear placeholder={t('staff.anyRole')} className="filter-select" options={roles} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('staff.department')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('staff.anyDepartment')}
            className="filter-select"
            options={departments.data}
          />
        </Form.Item>
        <Form.Item name="active" label={t('staff.status')}>
          <Select
            allowClear
            placeholder={t('staff.anyStatus')}
            className="filter-select"
            options={[
              { value: 'true', label: t('staff.active') },
              { value: 'false', label: t('staff.disabled') },
            ]}
          />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('staff.search')}
          </Button>
          <Button onClick={() => apply({ page: 1, pageSize: filters.pageSize })}>{t('staff.reset')}</Button>
        </Space>
      </Form>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<StaffAccount>
          className="staff-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('staff.empty')} /> }}
          pagination={serverPagination(
            filters,
            list.data?.total ?? 0,
            (page, pageSize) => apply({ ...filters, page, pageSize }),
            (total) => t('staff.total', { total }),
          )}
          columns={[
            {
              title: t('staff.username'),
              dataIndex: 'username',
              render: (username: string, s) => (
                <Space size={4}>
                  <code>{username}</code>
                  {s.id === me?.id && <Tag color="blue">{t('staff.self')}</Tag>}
                </Space>
              ),
            },
            { title: t('staff.displayName'), dataIndex: 'displayName' },
            {
              title: t('staff.roles'),
              dataIndex: 'roles',
              render: (roles: StaffAccount['roles']) => (
                <Space size={[0, 4]} wrap>
                  {roles.map((r) => (
                    <Tag key={r} color={r === 'admin' ? 'gold' : undefined}>
                      {labels.role[r]}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            {
              title: t('staff.department'),
              dataIndex: 'departmentName',
              render: (name: string | null) => name ?? t('staff.noDepartment'),
            },
            {
              title: t('staff.status'),
              dataIndex: 'active',
              render: (active: boolean) =>
                active ? (
                  <Badge status="success" text={t('staff.active')} />
                ) : (
                  <Badge status="default" text={t('staff.disabled')} />
                ),
            },
            {
              title: t('staff.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (at: string | null) => (at ? hospitalDateTime(at, zone) : t('staff.never')),
            },
            { title: t('staff.sessions'), dataIndex: 'activeSessions', align: 'right' },
            {
              title: t('staff.actions'),
              key: 'actions',
              render: (_: unknown, s) => (
                <RowActions
                  account={s}
                  self={s.id === me?.id}
                  onEdit={() => setDrawer({ editing: s })}
                  onAsk={(kind) => setAsking({ kind, account: s })}
                />
              ),
            },
          ]}
        />
      )}
      <AccountForm open={drawer !== null} editing={drawer?.editing ?? null} onClose={() => setDrawer(null)} />
      <OneFieldModal
        open={asking?.kind === 'disable'}
        title={t('staff.disableTitle', { username: asking?.account.username ?? '' })}
        body={t('staff.disableBody')}
        field="reason"
        label={t('staff.disableReason')}
        schema={accountDisableRequest}
        danger
        onSend={async (body) => {
          const { id, username } = asking!.account;
          await api.call('accounts.disableStaff', { params: { id }, body });
          message.success(t('staff.disabledDone', { username }));
          await refresh();
        }}
        onClose={() => setAsking(null)}
      />
      <OneFieldModal
        open={asking?.kind === 'password'}
        title={t('staff.resetTitle', { username: asking?.account.username ?? '' })}
        body={t('staff.resetBody')}
        field="password"
        label={t('staff.newPassword')}
        secret
        schema={staffPasswordResetRequest}
        onSend={async (body) => {
          const { id, username } = asking!.account;
          const { revoked } = await api.call('accounts.resetStaffPassword', { params: { id }, body });
          message.success(t('staff.resetDone', { username, count: revoked }));
          await refresh();
        }}
        onClose={() => setAsking(null)}
      />
    </div>
  );
}
