import { identityMessage, maskPhone, normalizeMobile, PRIVACY_POLICY_VERSION } from '@hospital/shared';
import { Button, Input } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useEffect, useState } from 'react';
import { api, isApiError, messageOf } from '../../../api';
import { ConsentTick } from '../../../components/consent-tick';
import { PageHeader } from '../../../components/page-header';
import { PageShell } from '../../../components/page-shell';
import { useI18n } from '../../../i18n';
import { go, ROUTES, usePageParams } from '../../../lib/nav';
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
 * in; then back to the page that needed it (`back`). A number new to the hospital gets its account here. The
 * number is sent only once the privacy notice is ticked (docs/decisions/021): its version goes with the code
 * request and the sign-in, which records the consent.
 */
export default function SignInPage() {
  const { t, locale } = useI18n();
  const { back } = usePageParams();
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ mobile?: string; code?: string; consent?: string }>({});
  const [agreed, setAgreed] = useState(false);
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

  /** Nothing leaves the page before the notice is ticked: the message stands at the box. */
  const checkedConsent = (): boolean => {
    if (!agreed) setErrors({ consent: t('signIn.consentRequired') });
    return agreed;
  };

  /** A refusal goes to the box it is about: the notice (not ticked, or changed meanwhile), else `field`. */
  const showError = (e: unknown, field: 'mobile' | 'code') => {
    const aboutConsent =
      isApiError(e) && (e.code === 'PRIVACY_CONSENT_REQUIRED' || e.code === 'PRIVACY_POLICY_OUTDATED');
    setErrors({ [aboutConsent ? 'consent' : field]: messageOf(e, locale) });
  };

  const sendCode = async () => {
    const normalized = checkedMobile();
    if (!normalized || !checkedConsent()) return;
    setErrors({});
    setSending(true);
    try {
      const answer = await api.call('auth.smsSend', {
        body: { mobile: normalized, privacyVersion: PRIVACY_POLICY_VERSION },
      });
      setSent({
        to: maskPhone(normalized),
        minutes: Math.round(answer.expiresIn / 60),
        demoCode: answer.demoCode,
      });
      setWait(answer.resendAfter);
    } catch (e) {
      if (isApiError(e) && e.retryAfterSeconds) setWait(e.retryAfterSeconds);
      showError(e, 'mobile');
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
    if (!checkedConsent()) return;
    setErrors({});
    setSigningIn(true);
    try {
      await api.signIn({ mobile: normalized, code: typed, privacyVersion: PRIVACY_POLICY_VERSION });
      returnAfterSignIn(back);
    } catch (e) {
      showError(e, 'code');
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
            </View>
          </Field>
          <View
            className={`sign-in__consent${errors.consent ? ' sign-in__field--error' : ''}`}
            data-testid="sign-in-consent"
          >
            <ConsentTick
              className="sign-in__tick"
              checked={agreed}
              onChange={(checked) => {
                setAgreed(checked);
                if (checked) setErrors((now) => ({ ...now, consent: undefined }));
              }}
              label={
                <Text>
                  {t('signIn.consent')}
                  <Text
                    className="link"
                    onClick={(e) => {
                      e.stopPropagation();
                      go(ROUTES.privacyPolicy);
                    }}
                  >
                    {t('signIn.consentPolicy')}
                  </Text>
                </Text>
              }
            />
            {errors.consent ? (
              <View role="alert">
                <Text className="sign-in__error">{errors.consent}</Text>
              </View>
            ) : null}
          </View>
          <View className="sign-in__send-row">
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
