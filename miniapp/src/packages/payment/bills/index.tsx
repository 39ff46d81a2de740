import { formatYuan } from '@hospital/shared';
import { Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, useI18n } from '../../../i18n';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';
import './index.css';

export default function BillsPage() {
  const { t } = useI18n();
  const state = useAsync(() => api.call('payment.bills'), []);
  usePullToRefresh(state.reload);
  return (
    <PageShell title={t('bills.title')}>
      <View className="page-body">
        <AsyncView
          {...state}
          onRetry={state.reload}
          isEmpty={(d) => d.items.length === 0}
          emptyText={t('bills.empty')}
        >
          {(bills) =>
            bills.items.map((b) => (
              <View key={b.bookingId} className="card">
                <Text className="card__title">{b.item}</Text>
                <Text className="muted bill-line">
                  {b.date} {b.startTime} · {b.departmentName} · {b.profileName}
                </Text>
                <View className="bill-orders">
                  {b.orders.map((o) => (
                    <Tag
                      key={o.orderNo}
                      type={o.status === 'PAID' ? 'success' : 'default'}
                      className="bill-tag"
                    >
                      {label('orderStatus', o.status)}
                    </Tag>
                  ))}
                </View>
                <View className="bill-sums">
                  <Text>{t('bills.paid', { fee: formatYuan(b.paidFen) })}</Text>
                  {b.refundedFen > 0 ? (
                    <Text>{t('bills.refunded', { fee: formatYuan(b.refundedFen) })}</Text>
                  ) : null}
                  <Text className="bill-net">{t('bills.net', { fee: formatYuan(b.netFen) })}</Text>
                </View>
              </View>
            ))
          }
        </AsyncView>
      </View>
    </PageShell>
  );
}
