import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageHeader } from '../../components/page-header';
import { useI18n, useTabBarLocale } from '../../i18n';

export default function HomePage() {
  const { t } = useI18n();
  useTabBarLocale();

  return (
    <View className="page">
      <PageHeader heading={t('home.heading')} line={t('home.line')} />
      <View className="page-body">
        <View className="card">
          <Text className="card__title">{t('home.bookingTitle')}</Text>
          <Text className="card__line">{t('home.bookingLine')}</Text>
          <Button type="primary" block onClick={() => Taro.switchTab({ url: '/pages/bookings/index' })}>
            {t('home.book')}
          </Button>
        </View>
      </View>
    </View>
  );
}
