import type { StaffAccount } from '@hospital/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';

/**
 * A row's levers: edit, disable (with the reason the contract asks for) or enable, a temporary password, end
 * the sign-ins. Each is confirmed first and the list is asked again once done. An admin's own row has no
 * disable (the server would refuse it: SELF_LOCKOUT).
 */
export function RowActions({
  account,
  self,
  onEdit,
  onAsk,
}: {
  account: StaffAccount;
  self: boolean;
  onEdit: () => void;
  /** Opens the page's modal that asks for a value first (a reason, a temporary password). */
  onAsk: (kind: 'disable' | 'password') => void;
}) {
  const { locale, t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const { id, username } = account;
  const refresh = () => queries.invalidateQueries({ queryKey: ['accounts.staff'] });
  const failed = (error: unknown) => message.error(messageOf(error, locale));

  const enable = useMutation({
    mutationFn: () => api.call('accounts.enableStaff', { params: { id } }),
    onSuccess: () => message.success(t('staff.enabledDone', { username })),
    onError: failed,
    onSettled: refresh,
  });
  const endSessions = useMutation({
    mutationFn: () => api.call('accounts.revokeStaffSessions', { params: { id } }),
    onSuccess: ({ revoked }) => message.success(t('staff.endedDone', { username, count: revoked })),
    onError: failed,
    onSettled: refresh,
  });

  return (
    <Space size={0} wrap className="staff-actions">
      <Button type="link" size="small" onClick={onEdit}>
        {t('staff.edit')}
      </Button>
      {account.active ? (
        !self && (
          <Button type="link" size="small" danger onClick={() => onAsk('disable')}>
            {t('staff.disable')}
          </Button>
        )
      ) : (
        <Popconfirm
          title={t('staff.enableConfirm', { username })}
          okText={t('staff.confirm')}
          cancelText={t('staff.cancel')}
          onConfirm={() => enable.mutateAsync().catch(() => undefined)}
        >
          <Button type="link" size="small" loading={enable.isPending}>
            {t('staff.enable')}
          </Button>
        </Popconfirm>
      )}
      <Button type="link" size="small" onClick={() => onAsk('password')}>
        {t('staff.resetPassword')}
      </Button>
      <Popconfirm
        title={t('staff.endSessionsConfirm', { username })}
        okText={t('staff.confirm')}
        cancelText={t('staff.cancel')}
        onConfirm={() => endSessions.mutateAsync().catch(() => undefined)}
      >
        <Button type="link" size="small" loading={endSessions.isPending}>
          {t('staff.endSessions')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
