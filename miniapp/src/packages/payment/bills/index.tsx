import { formatYuan, type OrderStatus } from '@hospital/shared';
import { Tag } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { api } from '../../../api';
import { AsyncView } from '../../../components/async-view';
import { PageShell } from '../../../components/page-shell';
import { label, localName, useI18n } from '../../../i18n';
import { useAsync, usePullToRefresh } from '../../../lib/use-async';
import './index.css';

/** Colours per order state, each with text above 4.5:1 on its tag. */
const PAID = { background: '#e6f3f1', color: '#0f5e57' };
const REFUND = { background: '#fdeee4', color: '#9a3412' };
const CLOSED = { background: '#e8ecef', color: '#3d4a56' };
const ORDER_TAG: Record<OrderStatus, { background: string; color: string }> = {
  CREATED: REFUND,
  PAYING: REFUND,
  PAID,
  REFUNDING: REFUND,
  REFUNDED: CLOSED,
  PARTIALLY_REFUNDED: CLOSED,
  CLOSED,
};

export default function BillsPage() {
  const { t, locale } = useI18n();
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
              <View key={b.bookingId} className="card" data-testid={`bill-${b.bookingId}`}>
                <View className="bill-head">
                  <Text className="card__title bill-item">{b.item}</Text>
                  {/* The orders' states as small labels beside the item (NutUI's Tag is a block-wide flex box
                      unless its container lays it out). */}
                  <View className="bill-orders">
                    {b.orders.map((o) => (
                      <Tag key={o.orderNo} {...ORDER_TAG[o.status]} className="bill-tag">
                        {label('orderStatus', o.status)}
                      </Tag>
                    ))}
                  </View>
                </View>
                {/* Each part whole on its line: a name or a time never breaks inside. */}
                <Text className="muted bill-line">
                  <Text className="bill-part">
                    {b.date} {b.startTime}
                  </Text>
                  {' · '}
                  <Text className="bill-part">
                    {localName({ name: b.departmentName, nameEn: b.departmentNameEn }, locale)}
                  </Text>
                  {' · '}
                  <Text className="bill-part">{b.profileName}</Text>
                </Text>
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
