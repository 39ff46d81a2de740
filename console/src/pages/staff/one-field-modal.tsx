import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { submitChecked } from '../../lib/forms';

/**
 * A confirmation that needs one value (a reason to disable, a temporary password): the shared schema checks it
 * before sending, the server's field error comes back at the field, and the modal closes once it is done.
 */
export function OneFieldModal<T>({
  open,
  title,
  body,
  field,
  label,
  secret = false,
  schema,
  danger = false,
  onSend,
  onClose,
}: {
  open: boolean;
  title: string;
  body: string;
  field: string;
  label: string;
  secret?: boolean;
  schema: z.ZodType<T>;
  danger?: boolean;
  onSend: (checked: T) => Promise<void>;
  onClose: () => void;
}) {
  const { locale, t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (open) {
      setError(null);
      form.setFieldsValue({ [field]: '' });
    }
  }, [open, field, form]);

  const onFinish = async (values: Record<string, string>) => {
    setError(null);
    setSending(true);
    let sent = false;
    const failure = await submitChecked(form, schema, values, locale, async (checked) => {
      await onSend(checked);
      sent = true;
    });
    setSending(false);
    if (failure) setError(messageOf(failure, locale));
    if (sent) onClose();
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('staff.confirm')}
      cancelText={t('staff.cancel')}
      okButtonProps={{ danger, loading: sending }}
      forceRender
    >
      <Typography.Paragraph>{body}</Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} className="form-alert" />}
      <Form form={form} name={`staff-${field}`} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name={field} label={label} initialValue="">
          {secret ? <Input.Password autoComplete="new-password" /> : <Input autoComplete="off" />}
        </Form.Item>
      </Form>
    </Modal>
  );
}
