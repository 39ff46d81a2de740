import type { ResponseOf } from '@hospital/shared/api';
import { Cell, SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { label, localName, useI18n } from '../../i18n';
import { go, ROUTES } from '../../lib/nav';
import './search.css';

type Results = ResponseOf<'catalog.search'>;

export type Hit =
  | { kind: 'department'; id: string; title: string; line: string }
  | { kind: 'doctor'; id: string; title: string; line: string }
  | { kind: 'exam'; id: string; title: string; line: string };

/** How long typing must pause before the server is asked: one request per word, not one per keystroke. */
export const SEARCH_DEBOUNCE_MS = 300;
/** Answers kept for going back to an earlier query (a typo fixed) without asking again. */
const REMEMBERED = 20;

/** The server's answer as rows of one list: departments, then doctors, then exams. */
export function hitsOf(results: Results): Hit[] {
  return [
    ...results.departments.map(
      (d): Hit => ({ kind: 'department', id: d.id, title: localName(d), line: d.location }),
    ),
    ...results.doctors.map(
      (d): Hit => ({
        kind: 'doctor',
        id: d.id,
        title: `${localName(d)} ${label('doctorTitle', d.title)}`,
        line: localName({ name: d.departmentName, nameEn: d.departmentNameEn }),
      }),
    ),
    ...results.exams.map(
      (e): Hit => ({
        kind: 'exam',
        id: e.code,
        title: localName(e),
        line: localName({ name: e.departmentName, nameEn: e.departmentNameEn }),
      }),
    ),
  ];
}

interface SearchState {
  /** The query the hits answer (they stay on screen while the next one is on its way). */
  answered: string;
  results?: Results;
  failed: boolean;
}

/**
 * The server's search (`catalog.search`) for what the patient types: asked once typing pauses, each answer
 * shown only if it is for what the box says now — a slow answer to an earlier query never replaces a newer one.
 */
export function useCatalogSearch(query: string) {
  const words = query.trim();
  const [state, setState] = useState<SearchState>({ answered: '', failed: false });
  const remembered = useRef(new Map<string, Results>());
  const latest = useRef('');
  latest.current = words;

  const ask = useCallback(async (q: string) => {
    try {
      const results = await api.call('catalog.search', { query: { q } });
      const memory = remembered.current;
      memory.set(q, results);
      if (memory.size > REMEMBERED) memory.delete(memory.keys().next().value!);
      if (latest.current === q) setState({ answered: q, results, failed: false });
    } catch {
      if (latest.current === q) setState((s) => ({ ...s, answered: q, failed: true }));
    }
  }, []);

  useEffect(() => {
    if (!words) return;
    const known = remembered.current.get(words);
    if (known) {
      setState({ answered: words, results: known, failed: false });
      return;
    }
    const timer = setTimeout(() => void ask(words), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [words, ask]);

  const current = state.answered === words;
  return {
    hits: state.results ? hitsOf(state.results) : [],
    /** The answer for what the box says has not come yet. */
    searching: !!words && !current,
    failed: current && state.failed,
    retry: () => {
      setState((s) => ({ ...s, answered: '', failed: false }));
      void ask(words);
    },
  };
}

/** The search box of the home page and its results. */
export function HomeSearch() {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const { hits, searching, failed, retry } = useCatalogSearch(query);
  const words = query.trim();

  const open = (hit: Hit) => {
    if (hit.kind === 'department') go(ROUTES.doctors, { departmentId: hit.id, name: hit.title });
    else if (hit.kind === 'doctor') go(ROUTES.schedule, { doctorId: hit.id });
    else go(ROUTES.guidanceDetail, { code: hit.id });
  };

  return (
    <>
      <View className="home-search">
        <SearchBar
          shape="round"
          placeholder={t('home.search')}
          value={query}
          onChange={setQuery}
          onClear={() => setQuery('')}
        />
      </View>
      {words ? (
        <View className="card" data-testid="search-results">
          <Text className="card__title">{t('home.results')}</Text>
          {failed ? (
            <Text className="muted tap" data-testid="search-retry" onClick={retry}>
              {t('home.searchFailed')}
            </Text>
          ) : hits.length === 0 ? (
            <Text className="muted">
              {searching ? t('home.searching') : t('home.noResults', { q: words })}
            </Text>
          ) : (
            <Cell.Group className={searching ? 'home-search__stale' : undefined}>
              {hits.map((hit) => (
                <Cell
                  key={`${hit.kind}-${hit.id}`}
                  className="tap"
                  title={hit.title}
                  description={hit.line}
                  extra={t(`home.kind.${hit.kind}`)}
                  clickable
                  onClick={() => open(hit)}
                />
              ))}
            </Cell.Group>
          )}
        </View>
      ) : null}
    </>
  );
}
