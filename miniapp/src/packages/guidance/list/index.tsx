import { formatYuan } from '@hospital/shared';
import { Cell } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { api, type ExamType } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { localName, type MessageKey, useI18n } from '../../../i18n';
import { go, ROUTES } from '../../../lib/nav';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';

const ORDER: ExamType['category'][] = ['LAB', 'IMAGING', 'ENDOSCOPY', 'FUNCTION'];

export default function GuidanceListPage() {
  const { t, locale } = useI18n();
  const state = useAsync(() => api.call('catalog.examTypes'), []);
  usePullToRefresh(state.reload);
  return (
    <PageShell title={t('guidance.title')}>
      <View className="page-body">
        <AsyncView
          {...state}
          onRetry={state.reload}
          isEmpty={(d) => d.items.length === 0}
          emptyText={t('guidance.empty')}
          rows={8}
        >
          {(data) =>
            ORDER.map((category) => {
              const exams = data.items.filter((e) => e.category === category);
              if (!exams.length) return null;
              return (
                <View key={category}>
                  <Text className="section-title">{t(`guidance.category.${category}` as MessageKey)}</Text>
                  <Cell.Group>
                    {exams.map((e) => (
                      <Cell
                        key={e.code}
                        className="tap"
                        title={localName(e, locale)}
                        description={`${localName({ name: e.departmentName, nameEn: e.departmentNameEn }, locale)} · ${formatYuan(e.feeFen)}`}
                        extra="›"
                        clickable
                        onClick={() => go(ROUTES.guidanceDetail, { code: e.code })}
                      />
                    ))}
                  </Cell.Group>
                </View>
              );
            })
          }
        </AsyncView>
      </View>
    </PageShell>
  );
}
