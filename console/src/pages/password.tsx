import { changePasswordRequest } from '@hospital/shared';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, messageOf } from '../api';
import { useI18n } from '../i18n';
import { submitChecked } from '../lib/forms';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The member of staff's own password: the rule is the shared one (newPasswordSchema), checked before sending. */
export function PasswordPage() {
  const { locale, t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [sending, setSending] = useState(false);

  const onFinish = async ({ confirm, ...values }: Values) => {
    setError(null);
    setDone(null);
    if (confirm !== values.newPassword) {
      form.setFields([{ name: 'confirm', errors: [t('password.mismatch')] }]);
      return;
    }
    setSending(true);
    const failure = await submitChecked(form, changePasswordRequest, values, locale, async (body) => {
      const { endedSessions } = await api.call('auth.changePassword', { body });
      form.resetFields();
      setDone(endedSessions);
    });
    setSending(false);
    if (failure) setError(messageOf(failure, locale));
  };

  return (
    <div className="page">
      <Typography.Title level={2}>{t('password.title')}</Typography.Title>
      <Card className="narrow-card">
        {done !== null && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('password.done')}
            description={done > 0 ? t('password.endedSessions', { count: done }) : undefined}
          />
        )}
        {error && <Alert type="error" showIcon role="alert" title={error} />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('password.current')} initialValue="">
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rule')} initialValue="">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('password.confirm')} initialValue="">
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={sending}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
