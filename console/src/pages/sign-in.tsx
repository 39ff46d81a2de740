import { staffLoginRequest } from '@hospital/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, messageOf } from '../api';
import { setLocale, useI18n } from '../i18n';
import { submitChecked } from '../lib/forms';
import { useSignedIn } from '../session/session';

interface Values {
  username: string;
  password: string;
}

/** Where to go after signing in: a page of the console (`next`), never another site. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const { locale, t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const signedIn = useSignedIn();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');

  if (signedIn && !sending) return <Navigate to={next} replace />;

  const onFinish = async (values: Values) => {
    setError(null);
    setSending(true);
    const failure = await submitChecked(form, staffLoginRequest, values, locale, async (credentials) => {
      await api.signIn(credentials);
      queries.clear();
      navigate(next, { replace: true });
    });
    setSending(false);
    if (failure) setError(messageOf(failure, locale));
  };

  return (
    <div className="sign-in">
      <Card className="sign-in-card">
        <div className="sign-in-head">
          <Typography.Title level={3}>{t('signIn.title')}</Typography.Title>
          <Button type="link" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
            {t('lang.switch')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t('app.title')}</Typography.Paragraph>
        {reason === 'expired' && <Alert type="warning" showIcon title={t('signIn.expired')} />}
        {reason === 'signedOut' && <Alert type="info" showIcon title={t('signIn.signedOut')} />}
        {error && <Alert type="error" showIcon title={error} role="alert" data-testid="sign-in-error" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} className="sign-in-form">
          <Form.Item name="username" label={t('signIn.username')} initialValue="">
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('signIn.password')} initialValue="">
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={sending}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
