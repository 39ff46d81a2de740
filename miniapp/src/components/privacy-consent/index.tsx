import {
  PRIVACY_CONSENT_STATEMENT,
  PRIVACY_CONSENT_SUMMARY,
  PRIVACY_POLICY_VERSION,
  privacyText,
} from '@hospital/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useState } from 'react';
import { api, messageOf } from '../../api';
import { useI18n } from '../../i18n';
import { go, ROUTES } from '../../lib/nav';
import { useAsync } from '../../lib/use-async';
import {
  answerWechatPrivacy,
  IS_WEAPP,
  onWechatPrivacyRequest,
  openWechatPrivacyContract,
  PRIVACY_AGREE_BUTTON,
  wechatPrivacyPending,
  wechatPrivacyShown,
} from '../../lib/wechat-privacy';
import { AsyncView } from '../async-view';
import { ConsentTick } from '../consent-tick';
import './index.css';

/**
 * The agree button. On weapp it is also WeChat's `agreePrivacyAuthorization` button, so agreeing here agrees
 * to the mini-program's 用户隐私保护指引 too, and a privacy API WeChat paused continues.
 */
function AgreeButton({
  disabled,
  loading,
  onAgree,
}: {
  disabled: boolean;
  loading?: boolean;
  onAgree: () => void;
}) {
  const { t } = useI18n();
  return (
    <Button
      type="primary"
      size="large"
      block
      disabled={disabled}
      loading={loading}
      onClick={onAgree}
      {...(IS_WEAPP
        ? {
            id: PRIVACY_AGREE_BUTTON,
            openType: 'agreePrivacyAuthorization' as const,
            onAgreePrivacyAuthorization: () => answerWechatPrivacy(true),
          }
        : {})}
    >
      {t('privacy.agree')}
    </Button>
  );
}

/**
 * The consent sheet (PIPL arts. 14, 29): the notice in brief, a link to the full policy, one box the patient
 * must tick — the notice and, separately, the sensitive information — and agree, disabled until it is ticked.
 */
export function PrivacyConsentSheet({
  onAgree,
  onDecline,
  busy,
  error,
}: {
  onAgree: () => void;
  onDecline: () => void;
  busy?: boolean;
  error?: string;
}) {
  const { t, locale } = useI18n();
  const [ticked, setTicked] = useState(false);
  return (
    <View className="card privacy-sheet" data-testid="privacy-consent">
      <Text className="card__title privacy-sheet__title">{t('privacy.sheetTitle')}</Text>
      <Text className="muted privacy-sheet__line">{t('privacy.sheetLine')}</Text>
      {PRIVACY_CONSENT_SUMMARY.map((item) => (
        <Text key={item.zh} className="privacy-sheet__item">
          {privacyText(item, locale)}
        </Text>
      ))}
      <View className="privacy-sheet__links">
        <Text className="link" onClick={() => go(ROUTES.privacyPolicy)}>
          {t('privacy.readPolicy')}
        </Text>
        {IS_WEAPP ? (
          <Text className="link" onClick={openWechatPrivacyContract}>
            {t('privacy.wechatGuide')}
          </Text>
        ) : null}
      </View>
      <ConsentTick
        className="privacy-sheet__tick"
        checked={ticked}
        onChange={setTicked}
        label={privacyText(PRIVACY_CONSENT_STATEMENT, locale)}
      />
      {error ? (
        <View role="alert">
          <Text className="error-text">{error}</Text>
        </View>
      ) : null}
      <View className="privacy-sheet__actions">
        <AgreeButton disabled={!ticked || Boolean(busy)} loading={busy} onAgree={onAgree} />
        <Button size="large" block fill="none" onClick={onDecline}>
          {t('privacy.decline')}
        </Button>
      </View>
      <Text className="muted privacy-sheet__version">
        {t('privacy.version', { version: PRIVACY_POLICY_VERSION })}
      </Text>
    </View>
  );
}

/**
 * Shows `children` (a form that asks for ID and phone numbers) only once the account accepted the current
 * privacy notice; until then the consent sheet. "Not now" goes back: nothing is collected without consent.
 */
export function PrivacyConsentGate({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  const state = useAsync(() => api.call('privacy.status'), []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const agree = async () => {
    setBusy(true);
    setError(undefined);
    try {
      state.setData(await api.call('privacy.consent', { body: { version: PRIVACY_POLICY_VERSION } }));
    } catch (e) {
      setError(messageOf(e, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AsyncView {...state} onRetry={state.reload} rows={4}>
      {(status) =>
        status.accepted ? (
          children
        ) : (
          <PrivacyConsentSheet
            busy={busy}
            error={error}
            onAgree={() => void agree()}
            onDecline={() => void Taro.navigateBack({ delta: 1 })}
          />
        )
      }
    </AsyncView>
  );
}

/**
 * weapp: WeChat paused a privacy API (the clipboard…) for a user who has not agreed to the 用户隐私保护指引 on
 * WeChat's side: the same notice, and an agree button that lets the call continue. Renders nothing elsewhere.
 */
export function WechatPrivacyPrompt() {
  const { t, locale } = useI18n();
  const [asking, setAsking] = useState(wechatPrivacyPending);
  const [ticked, setTicked] = useState(false);
  useEffect(() => onWechatPrivacyRequest(() => setAsking(true)), []);
  useEffect(() => {
    if (asking) wechatPrivacyShown();
  }, [asking]);
  if (!asking) return null;
  const answer = (agree: boolean) => {
    if (!agree) answerWechatPrivacy(false);
    setAsking(false);
  };
  return (
    <View className="card privacy-sheet" data-testid="wechat-privacy">
      <Text className="card__title privacy-sheet__title">{t('privacy.sheetTitle')}</Text>
      {PRIVACY_CONSENT_SUMMARY.map((item) => (
        <Text key={item.zh} className="privacy-sheet__item">
          {privacyText(item, locale)}
        </Text>
      ))}
      <Text className="link" onClick={openWechatPrivacyContract}>
        {t('privacy.wechatGuide')}
      </Text>
      <ConsentTick
        className="privacy-sheet__tick"
        checked={ticked}
        onChange={setTicked}
        label={privacyText(PRIVACY_CONSENT_STATEMENT, locale)}
      />
      <View className="privacy-sheet__actions">
        <AgreeButton disabled={!ticked} onAgree={() => answer(true)} />
        <Button size="large" block fill="none" onClick={() => answer(false)}>
          {t('privacy.decline')}
        </Button>
      </View>
    </View>
  );
}
