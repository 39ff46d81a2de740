import { ArrowRight } from '@nutui/icons-react-taro';
import { Cell } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { PageHeader } from '../../components/page-header';
import { LOCALES, useI18n, useTabBarLocale } from '../../i18n';
import './index.css';

export default function MePage() {
  const { t, locale, setLocale } = useI18n();
  useTabBarLocale();
  const nextLocale = LOCALES[(LOCALES.indexOf(locale) + 1) % LOCALES.length]!;

  return (
    <View className="page">
      <PageHeader heading={t('me.heading')} line={t('me.line')} />
      <View className="page-body">
        <Cell.Group>
          <Cell
            title={t('me.language')}
            extra={
              <View className="me-language">
                {t('language.name')}
                <ArrowRight className="me-language__arrow" size={14} />
              </View>
            }
            clickable
            onClick={() => setLocale(nextLocale)}
          />
        </Cell.Group>
      </View>
    </View>
  );
}
