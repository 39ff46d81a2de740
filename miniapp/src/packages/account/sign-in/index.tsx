import { identityMessage, maskPhone, normalizeMobile } from '@hospital/shared';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useEffect, useState } from 'react';
import { api, isApiError, messageOf } from '../../../api';
import { PageHeader } from '../../../components/page-header';
import { PageShell } from '../../../components/page-shell';
import { useI18n } from '../../../i18n';
import { usePageParams } from '../../../lib/nav';
import { returnAfterSignIn } from '../../../lib/sign-in';
import './index.css';

const CODE = /^\d{6}$/;

/** The sign-in code's request as sent, for the line under the form. */
interface Sent {
  to: string;
  minutes: number;
  /** Only from the local SMS stand-in (development, demos): no text message carries it. */
  demoCode?: string;
}

/** Seconds left, ticking down once a second to 0. */
function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

function Field({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className={`sign-in__field${error ? ' sign-in__field--error' : ''}`}>
      <Text className="sign-in__label">{label}</Text>
      <View className="sign-in__control">{children}</View>
      {error ? <Text className="sign-in__error">{error}</Text> : null}
    </View>
  );
}

/**
 * H5 sign-in: mobile number, "获取验证码" (then a countdown until another may be sent), the 6-digit code, sign
 * in; then back to the page that needed it (`back`). A number new to the hospital gets its account here.
 */
export default function SignInPage() {
  const { t, locale } = useI18n();
  const { back } = usePageParams();
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ mobile?: string; code?: string }>({});
  const [sent, setSent] = useState<Sent>();
  const [sending, setSending] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [wait, setWait] = useCountdown();

  /** The number as the server wants it, or an error at the field. */
  const checkedMobile = (): string | undefined => {
    const normalized = normalizeMobile(mobile);
    if (!normalized) setErrors({ mobile: identityMessage('mobile', locale) });
    return normalized ?? undefined;
  };

  const sendCode = async () => {
    const normalized = checkedMobile();
    if (!normalized) return;
    setErrors({});
    setSending(true);
    try {
      const answer = await api.call('auth.smsSend', { body: { mobile: normalized } });
      setSent({
        to: maskPhone(normalized),
        minutes: Math.round(answer.expiresIn / 60),
        demoCode: answer.demoCode,
      });
      setWait(answer.resendAfter);
    } catch (e) {
      if (isApiError(e) && e.retryAfterSeconds) setWait(e.retryAfterSeconds);
      setErrors({ mobile: messageOf(e, locale) });
    } finally {
      setSending(false);
    }
  };

  const signIn = async () => {
    const normalized = checkedMobile();
    if (!normalized) return;
    const typed = code.trim();
    if (!CODE.test(typed)) {
      setErrors({ code: t('signIn.codeFormat') });
      return;
    }
    setErrors({});
    setSigningIn(true);
    try {
      await api.signIn({ mobile: normalized, code: typed });
      returnAfterSignIn(back);
    } catch (e) {
      setErrors({ code: messageOf(e, locale) });
      setSigningIn(false);
    }
  };

  return (
    <PageShell title={t('signIn.title')}>
      <PageHeader heading={t('signIn.heading')} line={t('signIn.line')} />
      <View className="page-body">
        <View className="card sign-in">
          <Field label={t('signIn.mobile')} error={errors.mobile}>
            <View className="sign-in__row">
              <Input
                className="sign-in__input"
                name="mobile"
                type="tel"
                value={mobile}
                onChange={setMobile}
                placeholder={t('signIn.mobilePlaceholder')}
                maxLength={20}
              />
              <Button
                className="sign-in__send"
                type="primary"
                fill="outline"
                loading={sending}
                disabled={wait > 0}
                onClick={() => void sendCode()}
              >
                {wait > 0 ? t('signIn.resend', { seconds: wait }) : t('signIn.send')}
              </Button>
            </View>
          </Field>
          <Field label={t('signIn.code')} error={errors.code}>
            <Input
              className="sign-in__input"
              name="code"
              type="number"
              value={code}
              onChange={setCode}
              placeholder={t('signIn.codePlaceholder')}
              maxLength={6}
            />
          </Field>
          {sent ? (
            <Text className="muted sign-in__sent" data-testid="sms-sent">
              {t('signIn.sent', { mobile: sent.to, minutes: sent.minutes })}
            </Text>
          ) : null}
          {sent?.demoCode ? (
            <Text className="sign-in__demo" data-testid="demo-code">
              {t('signIn.demoCode', { code: sent.demoCode })}
            </Text>
          ) : null}
          <Button
            className="sign-in__submit"
            type="primary"
            block
            loading={signingIn}
            onClick={() => void signIn()}
          >
            {t('signIn.submit')}
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
