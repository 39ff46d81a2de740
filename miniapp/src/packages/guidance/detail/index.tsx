import { formatYuan, minutesText } from '@hospital/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { InfoRow } from '../../../components/info-row';
import { PageShell } from '../../../components/page-shell';
import { localName, useI18n } from '../../../i18n';
import { go, ROUTES, usePageParams } from '../../../lib/nav';
import { examPlace, preparationLines } from '../../../lib/prep';
import { useAsync } from '../../../lib/use-async';
import './index.css';

export default function GuidanceDetailPage() {
  const { t, locale } = useI18n();
  const { code = '' } = usePageParams();
  const state = useAsync(() => api.call('catalog.examType', { params: { code: code } }), [code]);
  return (
    <PageShell title={state.data ? localName(state.data, locale) : undefined}>
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {(e) => (
            <>
              <View className="card">
                <Text className="card__title">{localName(e, locale)}</Text>
                <Text className="muted guide-line">
                  {localName({ name: e.departmentName, nameEn: e.departmentNameEn }, locale)} ·{' '}
                  {formatYuan(e.feeFen)} · {t('guidance.duration', { n: e.durationMinutes })}
                </Text>
              </View>
              <View className="card">
                <InfoRow label={t('guidance.where')}>
                  <Text>{examPlace(e)}</Text>
                </InfoRow>
                {e.location.route ? (
                  <InfoRow label={t('guidance.route')}>
                    <Text>{e.location.route}</Text>
                  </InfoRow>
                ) : null}
              </View>
              <Text className="section-title">{t('guidance.prep')}</Text>
              <View className="card">
                {preparationLines(e, t).map((line) => (
                  <Text key={line} className="guide-item">
                    · {line}
                  </Text>
                ))}
              </View>
              {e.whatToExpect ? (
                <>
                  <Text className="section-title">{t('guidance.expect')}</Text>
                  <View className="card">
                    <Text>{e.whatToExpect}</Text>
                  </View>
                </>
              ) : null}
              {e.afterCare ? (
                <>
                  <Text className="section-title">{t('guidance.after')}</Text>
                  <View className="card">
                    <Text>{e.afterCare}</Text>
                  </View>
                </>
              ) : null}
              <Text className="section-title">{t('guidance.results')}</Text>
              <View className="card">
                <Text>
                  {t('guidance.resultsIn', {
                    time: minutesText(e.resultReadyMinutes, locale === 'en' ? 'en' : 'zh'),
                  })}
                </Text>
                {e.resultReadyText ? <Text className="guide-line">{e.resultReadyText}</Text> : null}
              </View>
              <Button
                type="primary"
                size="large"
                block
                onClick={() => go(ROUTES.schedule, { examTypeCode: e.code })}
              >
                {t('guidance.book')}
              </Button>
            </>
          )}
        </AsyncView>
      </View>
    </PageShell>
  );
}
