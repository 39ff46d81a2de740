import { Button, Cell, Input, Switch } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { api, devLoginName, messageOf, rememberDevLoginName } from '../../api';
import { PageHeader } from '../../components/page-header';
import { PageShell } from '../../components/page-shell';
import { LOCALES, useI18n, useTabBarLocale } from '../../i18n';
import { go, ROUTES } from '../../lib/nav';
import { setElderlyMode, useElderlyMode } from '../../lib/settings';
import './index.css';

const IS_H5 = process.env.TARO_ENV === 'h5';

function useSignedIn(): boolean {
  const [signedIn, setSignedIn] = useState(api.signedIn);
  useEffect(() => api.subscribe(() => setSignedIn(api.signedIn)), []);
  return signedIn;
}

/** H5 only: sign in to the local WeChat stand-in with a typed name (`dev:<name>`), remembered. */
function DevLogin() {
  const { t, locale } = useI18n();
  const signedIn = useSignedIn();
  const [name, setName] = useState(devLoginName());
  const [current, setCurrent] = useState(signedIn ? devLoginName() : '');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const signIn = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.signOut(); // ends the previous name's sign-in on the server too
      rememberDevLoginName(trimmed);
      await api.signIn(`dev:${trimmed}`);
      setCurrent(trimmed);
    } catch (e) {
      setError(messageOf(e, locale));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card me-login">
      <Text className="card__title">{t('me.devLogin')}</Text>
      <Text className="muted me-login__line">{t('me.devLoginLine')}</Text>
      <View className="me-login__row">
        <Input
          className="me-login__input"
          name="devName"
          value={name}
          onChange={setName}
          placeholder={t('me.devName')}
          maxLength={20}
        />
        <Button type="primary" loading={busy} onClick={() => void signIn()} className="me-login__button">
          {t('me.signIn')}
        </Button>
      </View>
      {current ? (
        <Text className="me-login__status" data-testid="signed-in">
          {t('me.signedInAs', { name: current })}
        </Text>
      ) : null}
      {error ? <Text className="error-text">{error}</Text> : null}
    </View>
  );
}

export default function MePage() {
  const { t, locale, setLocale } = useI18n();
  useTabBarLocale();
  const elderly = useElderlyMode();
  const nextLocale = LOCALES[(LOCALES.indexOf(locale) + 1) % LOCALES.length] ?? 'zh-CN';

  return (
    <PageShell>
      <PageHeader heading={t('me.heading')} line={t('me.line')} />
      <View className="page-body">
        {IS_H5 ? <DevLogin /> : null}
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
            title={t('me.elderly')}
            description={t('me.elderlyLine')}
            extra={
              <Switch checked={elderly} onChange={(on) => setElderlyMode(on)} aria-label={t('me.elderly')} />
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
