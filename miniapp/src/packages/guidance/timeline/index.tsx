import { formatLocation } from '@hospital/shared';
import { Step, Steps } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { localName, useI18n } from '../../../i18n';
import { usePageParams } from '../../../lib/nav';
import { useAsync } from '../../../lib/use-async';
import './index.css';

/** A booked exam's guidance as a timeline anchored on its slot, in hospital time. */
export default function GuidanceTimelinePage() {
  const { t, locale } = useI18n();
  const { bookingId = '' } = usePageParams();
  const state = useAsync(() => api.call('booking.guidance', { params: { id: bookingId } }), [bookingId]);
  return (
    <PageShell title={t('guidance.timeline')}>
      <View className="page-body">
        <AsyncView {...state} onRetry={state.reload} rows={8}>
          {(g) => {
            const now = Date.now();
            const current = g.steps.findIndex((s) => Date.parse(s.at) > now);
            return (
              <>
                <View className="card">
                  <Text className="card__title">{t('guidance.timeline')}</Text>
                  <Text className="muted timeline-line">
                    {t('guidance.timelineLine', {
                      name: localName({ name: g.examName, nameEn: g.examNameEn }, locale),
                    })}
                  </Text>
                  <Text className="timeline-line">
                    {t('guidance.whereLine', { place: formatLocation(g.location) })}
                  </Text>
                  {g.location.route ? <Text className="muted timeline-line">{g.location.route}</Text> : null}
                </View>
                <View className="card timeline" data-testid="timeline">
                  <Steps direction="vertical" type="dot" value={current < 0 ? g.steps.length : current + 1}>
                    {g.steps.map((s, i) => (
                      <Step key={`${s.kind}-${s.at}`} value={i + 1} title={s.title} description={s.detail} />
                    ))}
                  </Steps>
                </View>
              </>
            );
          }}
        </AsyncView>
      </View>
    </PageShell>
  );
}
