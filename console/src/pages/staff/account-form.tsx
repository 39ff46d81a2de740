import {
  STAFF_ROLES,
  type StaffAccount,
  type StaffRole,
  staffCreateRequest,
  staffUpdateRequest,
} from '@hospital/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { api, isApiError, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { submitChecked } from '../../lib/forms';

interface Values {
  username: string;
  displayName: string;
  roles: StaffRole[];
  departmentId: string | null;
  password: string;
}

const EMPTY: Values = { username: '', displayName: '', roles: [], departmentId: null, password: '' };

/** The hospital's departments as picker options (closed ones too: a member may still belong to one). */
export function useDepartmentOptions() {
  return useQuery({
    queryKey: ['catalog.adminDepartments'],
    queryFn: () => api.call('catalog.adminDepartments', { query: { includeInactive: 'true' } }),
    staleTime: 5 * 60_000,
    select: (d) => d.items.map((department) => ({ value: department.id, label: department.name })),
  });
}

/** The staff roles as picker options, in the reader's language. */
export function useRoleOptions() {
  const { labels } = useI18n();
  return STAFF_ROLES.map((role) => ({ value: role, label: labels.role[role] }));
}

/**
 * Opening an account (`editing` null) or changing one, in a drawer: the shared contract checks the fields
 * before sending (a doctor without a department, a weak password), the server's field errors and a taken
 * username come back at their fields.
 */
export function AccountForm({
  open,
  editing,
  onClose,
}: {
  open: boolean;
  editing: StaffAccount | null;
  onClose: () => void;
}) {
  const { locale, t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const departments = useDepartmentOptions();
  const roles = useRoleOptions();
  const queries = useQueryClient();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(
      editing
        ? {
            ...EMPTY,
            displayName: editing.displayName,
            roles: editing.roles,
            departmentId: editing.departmentId,
          }
        : EMPTY,
    );
  }, [open, editing, form]);

  const onFinish = async (v: Values) => {
    setError(null);
    setSending(true);
    let sent = false; // null from submitChecked is also "shown at the fields"
    const common = { displayName: v.displayName, roles: v.roles, departmentId: v.departmentId ?? null };
    const failure = editing
      ? await submitChecked(form, staffUpdateRequest, common, locale, async (body) => {
          await api.call('accounts.updateStaff', { params: { id: editing.id }, body });
          sent = true;
        })
      : await submitChecked(
          form,
          staffCreateRequest,
          { ...common, username: v.username, password: v.password },
          locale,
          async (body) => {
            await api.call('accounts.createStaff', { body });
            sent = true;
          },
        );
    setSending(false);
    if (isApiError(failure) && failure.code === 'ALREADY_EXISTS') {
      form.setFields([{ name: 'username', errors: [messageOf(failure, locale)] }]);
      return;
    }
    if (failure) setError(messageOf(failure, locale));
    if (!sent) return;
    const username = editing?.username ?? v.username.trim();
    message.success(t(editing ? 'staff.saved' : 'staff.created', { username }));
    await queries.invalidateQueries({ queryKey: ['accounts.staff'] });
    onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      title={editing ? t('staff.editTitle', { username: editing.username }) : t('staff.createTitle')}
      footer={
        <Space>
          <Button type="primary" loading={sending} onClick={() => form.submit()} data-testid="staff-save">
            {t('staff.save')}
          </Button>
          <Button onClick={onClose}>{t('staff.cancel')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form
        form={form}
        name="staff-account"
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={EMPTY}
      >
        {!editing && (
          <Form.Item name="username" label={t('staff.username')} extra={t('staff.usernameRule')}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('staff.displayName')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="roles" label={t('staff.roles')}>
          <Select mode="multiple" options={roles} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('staff.department')} extra={t('staff.departmentRule')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={departments.isPending}
            options={departments.data}
          />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('staff.password')} extra={t('staff.passwordRule')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
