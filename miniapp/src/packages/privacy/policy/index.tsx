import { PRIVACY_POLICY_SECTIONS, PRIVACY_POLICY_VERSION, privacyText } from '@hospital/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../api';
import { PageShell } from '../../../components/page-shell';
import { localName, useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/use-async';
import './index.css';

/** The full privacy notice (shared/src/privacy.ts), with the hospital's service line to contact. */
export default function PrivacyPolicyPage() {
  const { t, locale } = useI18n();
  // The contact line needs the hospital's phone; the policy shows without it.
  const hospital = useAsync(() => api.call('catalog.hospital'), []);
  const phone = hospital.data?.phone;
  return (
    <PageShell title={t('privacy.policyTitle')}>
      <View className="page-body privacy-policy" data-testid="privacy-policy">
        <View className="card">
          <Text className="card__title">
            {t('privacy.policyHeading', {
              name: hospital.data ? localName(hospital.data, locale) : '',
            })}
          </Text>
          <Text className="muted privacy-policy__version">
            {t('privacy.version', { version: PRIVACY_POLICY_VERSION })}
          </Text>
        </View>
        {PRIVACY_POLICY_SECTIONS.map((section) => (
          <View key={section.id} className="card" id={`privacy-${section.id}`}>
            <Text className="privacy-policy__title">{privacyText(section.title, locale)}</Text>
            {section.items.map((item) => (
              <Text key={item.zh} className="privacy-policy__item">
                {privacyText(item, locale)}
              </Text>
            ))}
            {section.id === 'contact' && phone ? (
              <Text className="link" onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
                {t('privacy.contactPhone', { phone })}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
