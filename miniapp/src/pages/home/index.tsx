import { Cell, Grid, SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import { api, type Department, type Doctor, type ExamType, type Notice } from '../../api';
import { AsyncView } from '../../components/async-view';
import { PageHeader } from '../../components/page-header';
import { PageShell } from '../../components/page-shell';
import { label, useI18n, useTabBarLocale } from '../../i18n';
import { go, ROUTES } from '../../lib/nav';
import { useElderlyMode } from '../../lib/settings';
import { useAsync, usePullToRefresh } from '../../lib/use-async';
import './index.css';

interface Catalog {
  departments: Department[];
  notices: Notice[];
}

interface SearchIndex {
  doctors: Doctor[];
  exams: ExamType[];
}

type Hit =
  | { kind: 'department'; id: string; title: string; line: string }
  | { kind: 'doctor'; id: string; title: string; line: string }
  | { kind: 'exam'; id: string; title: string; line: string };

/** Client-side search over departments, their doctors and exam types. */
export function searchCatalog(
  query: string,
  departments: Department[],
  index: SearchIndex | undefined,
): Hit[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const has = (...texts: (string | null | undefined)[]) => texts.some((s) => s?.toLowerCase().includes(q));
  const hits: Hit[] = [];
  for (const d of departments)
    if (has(d.name, d.nameEn, d.description))
      hits.push({ kind: 'department', id: d.id, title: d.name, line: d.location });
  for (const d of index?.doctors ?? [])
    if (has(d.name, d.specialty, d.departmentName))
      hits.push({
        kind: 'doctor',
        id: d.id,
        title: `${d.name} ${label('doctorTitle', d.title)}`,
        line: d.departmentName,
      });
  for (const e of index?.exams ?? [])
    if (has(e.name, e.nameEn, e.code))
      hits.push({ kind: 'exam', id: e.code, title: e.name, line: e.departmentName });
  return hits;
}

export default function HomePage() {
  const { t } = useI18n();
  useTabBarLocale();
  const elderly = useElderlyMode();
  const [query, setQuery] = useState('');
  const catalog = useAsync<Catalog>(async () => {
    const [departments, notices] = await Promise.all([
      api.call('catalog.departments'),
      api.call('catalog.notices'),
    ]);
    return { departments: departments.items, notices: notices.items };
  }, []);
  // The doctors of every department and the exam types are loaded only once the patient searches.
  const [index, setIndex] = useState<SearchIndex>();
  const [indexing, setIndexing] = useState(false);
  const [indexFailed, setIndexFailed] = useState(false);
  usePullToRefresh(catalog.reload);

  // Once there is something to search for and the departments are in — whichever comes last; a patient may
  // type before the page has loaded. A failed load says so, with a retry, instead of "nothing found".
  const departments = catalog.data?.departments;
  const wantIndex = !!query.trim() && !index && !indexing && !indexFailed && !!departments;
  useEffect(() => {
    if (!wantIndex || !departments) return;
    setIndexing(true);
    Promise.all([
      Promise.all(departments.map((d) => api.call('catalog.departmentDoctors', { params: { id: d.id } }))),
      api.call('catalog.examTypes'),
    ])
      .then(([doctorLists, exams]) =>
        setIndex({ doctors: doctorLists.flatMap((l) => l.items), exams: exams.items }),
      )
      .catch(() => setIndexFailed(true))
      .finally(() => setIndexing(false));
  }, [wantIndex, departments]);
  const onSearch = (value: string) => setQuery(value);

  const hits = useMemo(
    () => searchCatalog(query, catalog.data?.departments ?? [], index),
    [query, catalog.data, index],
  );

  const openHit = (hit: Hit) => {
    if (hit.kind === 'department') go(ROUTES.doctors, { departmentId: hit.id, name: hit.title });
    else if (hit.kind === 'doctor') go(ROUTES.schedule, { doctorId: hit.id });
    else go(ROUTES.guidanceDetail, { code: hit.id });
  };

  return (
    <PageShell>
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
        <View className="home-search">
          <SearchBar
            shape="round"
            placeholder={t('home.search')}
            value={query}
            onChange={onSearch}
            onClear={() => setQuery('')}
          />
        </View>

        {query.trim() ? (
          <View className="card" data-testid="search-results">
            <Text className="card__title">{t('home.results')}</Text>
            {indexFailed && hits.length === 0 ? (
              <Text className="muted tap" data-testid="search-retry" onClick={() => setIndexFailed(false)}>
                {t('home.searchFailed')}
              </Text>
            ) : hits.length === 0 && !indexing ? (
              <Text className="muted">{t('home.noResults', { q: query.trim() })}</Text>
            ) : (
              <Cell.Group>
                {hits.slice(0, 30).map((hit) => (
                  <Cell
                    key={`${hit.kind}-${hit.id}`}
                    className="tap"
                    title={hit.title}
                    description={hit.line}
                    extra={t(`home.kind.${hit.kind}`)}
                    clickable
                    onClick={() => openHit(hit)}
                  />
                ))}
              </Cell.Group>
            )}
          </View>
        ) : null}

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
                <Grid columns={4} square={false} gap={0} className="home-grid">
                  {data.departments.map((d) => (
                    <Grid.Item
                      key={d.id}
                      className="home-grid__item"
                      text={d.name}
                      onClick={() => go(ROUTES.doctors, { departmentId: d.id, name: d.name })}
                    >
                      <View className="home-grid__badge">{d.name.slice(0, 1)}</View>
                    </Grid.Item>
                  ))}
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
      </View>
    </PageShell>
  );
}
