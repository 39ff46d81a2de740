import { Cell, Grid } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api, type Department, type Notice } from '../../api';
import { AsyncView } from '../../components/async-view';
import { HospitalCard } from '../../components/hospital-card';
import { PageHeader } from '../../components/page-header';
import { PageShell } from '../../components/page-shell';
import { localName, useI18n } from '../../i18n';
import { go, ROUTES } from '../../lib/nav';
import { useElderlyMode } from '../../lib/settings';
import { useTabPage } from '../../lib/tab-bar';
import { useAsync, usePullToRefresh } from '../../lib/use-async';
import './index.css';
import { HomeSearch } from './search';

interface Catalog {
  departments: Department[];
  notices: Notice[];
}

export default function HomePage() {
  const { t, locale } = useI18n();
  useTabPage('pages/home/index');
  const elderly = useElderlyMode();
  // Names must never wrap a character or part of a word onto a line of its own (心血管内|科): fewer, wider
  // columns in elderly mode's larger text, and for English names, which are longer than their Chinese.
  const columns = locale === 'en' ? (elderly ? 2 : 3) : elderly ? 3 : 4;
  const catalog = useAsync<Catalog>(async () => {
    const [departments, notices] = await Promise.all([
      api.call('catalog.departments'),
      api.call('catalog.notices'),
    ]);
    return { departments: departments.items, notices: notices.items };
  }, []);
  // The hospital's phone, address and complaint line: on their own, so the departments never wait for them.
  const hospital = useAsync(() => api.call('catalog.hospital'), []);
  usePullToRefresh(() => {
    void hospital.reload();
    return catalog.reload();
  });

  return (
    <PageShell tab>
      <PageHeader heading={t('home.heading')} line={t('home.line')} />
      <View className="page-body home">
        {elderly ? (
          // Elderly mode: the few entries most patients need, first and large.
          <View className="card home-quick" data-testid="elderly-quick">
            <Text className="card__title">{t('home.quick')}</Text>
            <Cell.Group>
              <Cell
                className="tap home-quick__item"
                title={t('home.quickBook')}
                description={t('home.quickBookLine')}
                clickable
                onClick={() => void Taro.pageScrollTo({ selector: '#home-departments', duration: 300 })}
              />
              <Cell
                className="tap home-quick__item"
                title={t('home.quickBookings')}
                description={t('home.quickBookingsLine')}
                clickable
                onClick={() => go(ROUTES.bookings)}
              />
              <Cell
                className="tap home-quick__item"
                title={t('home.guidance')}
                description={t('home.guidanceLine')}
                clickable
                onClick={() => go(ROUTES.guidanceList)}
              />
            </Cell.Group>
          </View>
        ) : null}
        <HomeSearch />

        <View className="home-entries">
          {elderly ? null : (
            <View className="home-entry tap" onClick={() => go(ROUTES.guidanceList)}>
              <Text className="home-entry__title">{t('home.guidance')}</Text>
              <Text className="home-entry__line muted">{t('home.guidanceLine')}</Text>
            </View>
          )}
          <View className="home-entry tap" onClick={() => go(ROUTES.fees)}>
            <Text className="home-entry__title">{t('home.fees')}</Text>
            <Text className="home-entry__line muted">{t('home.feesLine')}</Text>
          </View>
        </View>

        <AsyncView {...catalog} onRetry={catalog.reload} rows={6}>
          {(data) => (
            <>
              <View className="card card--flush" id="home-departments">
                <Text className="card__title card__title--pad">{t('home.departments')}</Text>
                <Grid columns={columns} square={false} gap={0} className="home-grid">
                  {data.departments.map((d) => {
                    const name = localName(d, locale);
                    return (
                      <Grid.Item
                        key={d.id}
                        className="home-grid__item"
                        text={name}
                        onClick={() => go(ROUTES.doctors, { departmentId: d.id, name })}
                      >
                        <View className="home-grid__badge">{Array.from(name)[0]}</View>
                      </Grid.Item>
                    );
                  })}
                </Grid>
              </View>
              {data.notices.length > 0 ? (
                <View className="card">
                  <Text className="card__title">{t('home.notices')}</Text>
                  {data.notices.map((n) => (
                    <View key={n.id} className="home-notice">
                      <Text className="home-notice__title">{n.title}</Text>
                      <Text className="home-notice__body muted">{n.body}</Text>
                    </View>
                  ))}
                </View>
              ) : null}
            </>
          )}
        </AsyncView>
        {hospital.data ? <HospitalCard hospital={hospital.data} /> : null}
      </View>
    </PageShell>
  );
}
