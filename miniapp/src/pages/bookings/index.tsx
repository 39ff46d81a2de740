import { Text, View } from '@tarojs/components';
import { PageHeader } from '../../components/page-header';
import { useI18n, useTabBarLocale } from '../../i18n';
import './index.css';

export default function BookingsPage() {
  const { t } = useI18n();
  useTabBarLocale();

  return (
    <View className="page">
      <PageHeader heading={t('bookings.heading')} line={t('bookings.line')} />
      <View className="page-body">
        <View className="card bookings-empty">
          <Text>{t('bookings.empty')}</Text>
        </View>
      </View>
    </View>
  );
}
