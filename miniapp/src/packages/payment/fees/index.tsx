import { formatYuan } from '@hospital/shared';
import { Cell } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, localName, useI18n } from '../../../i18n';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';

export default function FeesPage() {
  const { t, locale } = useI18n();
  const state = useAsync(() => api.call('payment.fees'), []);
  usePullToRefresh(state.reload);
  return (
    <PageShell title={t('fees.title')}>
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {(fees) => (
            <>
              <Text className="section-title">{t('fees.registration')}</Text>
              <Cell.Group>
                {fees.registration.map((r) => (
                  <Cell
                    key={r.category}
                    title={label('feeCategory', r.category)}
                    extra={formatYuan(r.feeFen)}
                  />
                ))}
              </Cell.Group>
              <Text className="section-title">{t('fees.exams')}</Text>
              <Cell.Group>
                {fees.exams.map((e) => (
                  <Cell
                    key={e.code}
                    title={localName(e, locale)}
                    description={localName({ name: e.departmentName, nameEn: e.departmentNameEn }, locale)}
                    extra={formatYuan(e.feeFen)}
                  />
                ))}
              </Cell.Group>
            </>
          )}
        </AsyncView>
      </View>
    </PageShell>
  );
}
