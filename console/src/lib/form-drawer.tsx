import { Alert, Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';

/**
 * The drawer every console form opens in: its title, the form, a save button (busy while sending; it submits
 * the form) and a cancel button in the footer, and the failure the server answered above the form (field errors
 * are shown at their fields by `submitChecked`). `keepMounted` keeps the form mounted while closed, for drawers
 * that fill their form before opening; otherwise it is made afresh each time.
 */
export function FormDrawer({
  open,
  title,
  size,
  sending,
  error,
  onSave,
  onClose,
  saveTestId,
  keepMounted = false,
  className,
  children,
}: {
  open: boolean;
  title: ReactNode;
  size: number;
  sending: boolean;
  error: string | null;
  onSave: () => void;
  onClose: () => void;
  saveTestId: string;
  keepMounted?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      title={title}
      size={size}
      onClose={onClose}
      forceRender={keepMounted}
      destroyOnHidden={!keepMounted}
      className={className}
      footer={
        <Space>
          <Button type="primary" loading={sending} onClick={onSave} data-testid={saveTestId}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      {children}
    </Drawer>
  );
}
