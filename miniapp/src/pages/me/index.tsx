import { Button, Cell, Switch } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { api, signedInMobile } from '../../api';
import { PageHeader } from '../../components/page-header';
import { PageShell } from '../../components/page-shell';
import { LOCALES, useI18n } from '../../i18n';
import { go, ROUTES } from '../../lib/nav';
import { setElderlyMode, useElderlyMode } from '../../lib/settings';
import { useTabPage } from '../../lib/tab-bar';
import './index.css';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** The masked number signed in with, or undefined; follows sign-in and sign-out. */
function useSignedInMobile(): string | undefined {
  const [mobile, setMobile] = useState(signedInMobile);
  useEffect(() => api.subscribe(() => setMobile(signedInMobile())), []);
  return mobile;
}

/** H5 only: who is signed in (the number, masked) with sign-out; or the way to sign in. */
function AccountCard() {
  const { t } = useI18n();
  const mobile = useSignedInMobile();
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    setBusy(true);
    await api.signOut(); // ends the sign-in on the server too; never throws
    setBusy(false);
  };
  return (
    <View className="card me-account">
      <Text className="card__title">{t('me.account')}</Text>
      {mobile ? (
        <View className="me-account__row">
          <Text className="me-account__mobile" data-testid="signed-in">
            {t('me.signedInMobile', { mobile })}
          </Text>
          <Button size="small" fill="outline" loading={busy} onClick={() => void signOut()}>
            {t('me.signOut')}
          </Button>
        </View>
      ) : (
        <>
          <Text className="muted me-account__line">{t('me.signInLine')}</Text>
          <Button type="primary" block onClick={() => go(ROUTES.signIn, { back: ROUTES.me })}>
            {t('me.signIn')}
          </Button>
        </>
      )}
    </View>
  );
}

export default function MePage() {
  const { t, locale, setLocale } = useI18n();
  useTabPage('pages/me/index');
  const elderly = useElderlyMode();
  const nextLocale = LOCALES[(LOCALES.indexOf(locale) + 1) % LOCALES.length] ?? 'zh-CN';

  return (
    <PageShell tab>
      <PageHeader heading={t('me.heading')} line={t('me.line')} />
      <View className="page-body">
        {IS_H5 ? <AccountCard /> : null}
        <Cell.Group>
          <Cell
            className="tap"
            title={t('me.profiles')}
            clickable
            onClick={() => go(ROUTES.profiles)}
            extra="›"
          />
          <Cell className="tap" title={t('me.bills')} clickable onClick={() => go(ROUTES.bills)} extra="›" />
          <Cell className="tap" title={t('me.fees')} clickable onClick={() => go(ROUTES.fees)} extra="›" />
          <Cell
            className="tap"
            title={t('me.guidance')}
            clickable
            onClick={() => go(ROUTES.guidanceList)}
            extra="›"
          />
        </Cell.Group>
        <Cell.Group>
          <Cell
            className="tap"
            title={t('me.privacyData')}
            description={t('me.privacyDataLine')}
            clickable
            onClick={() => go(ROUTES.privacyData)}
            extra="›"
          />
          <Cell
            className="tap"
            title={t('me.policy')}
            clickable
            onClick={() => go(ROUTES.privacyPolicy)}
            extra="›"
          />
        </Cell.Group>
        <Cell.Group>
          <Cell
            className="tap"
            title={t('me.elderly')}
            description={t('me.elderlyLine')}
            extra={
              // No loading spinner: the switch takes effect at once (NutUI's spinner, shown while onChange
              // runs, stayed on after a re-render of the whole page and refused the next tap).
              <Switch
                checked={elderly}
                loadingIcon={null}
                onChange={(on) => setElderlyMode(on)}
                aria-label={t('me.elderly')}
              />
            }
          />
          <Cell
            className="tap"
            title={t('me.language')}
            extra={`${t('language.name')} ›`}
            clickable
            onClick={() => setLocale(nextLocale)}
          />
        </Cell.Group>
      </View>
    </PageShell>
  );
}
