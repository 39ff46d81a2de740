import 'antd/dist/reset.css';
import './styles.css';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { isApiError } from './api';
import { currentLocale, useI18n } from './i18n';
import { type ConsolePage, PAGES } from './pages';
import { NoAccessPage, NotFoundPage, PageLoading } from './pages/results';
import { SignInPage } from './pages/sign-in';
import { RequireSignIn } from './session/gate';
import { RequirePermission } from './session/permission';
import { Shell } from './shell';

/** The hospital's colour (the patient app's too). */
const BRAND = '#0f766e';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a lost connection might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** A page's route: its code loaded on first visit, behind its permission. */
function pageRoute(page: ConsolePage) {
  const Page = lazy(() => page.load().then((component) => ({ default: component })));
  const element = (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
  const guarded = page.action ? (
    <RequirePermission action={page.action} fallback={<NoAccessPage />}>
      {element}
    </RequirePermission>
  ) : (
    element
  );
  return page.path === '/'
    ? { index: true, element: guarded }
    : { path: page.path.slice(1), element: guarded };
}

const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      path: '/',
      element: (
        <RequireSignIn>
          <Shell />
        </RequireSignIn>
      ),
      children: [
        ...Object.values(PAGES as Record<string, ConsolePage>).map(pageRoute),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ],
  { basename: '/console' },
);

function Root() {
  const { locale } = useI18n();
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{
        token: { colorPrimary: BRAND, colorLink: BRAND, borderRadius: 6 },
        components: { Menu: { itemSelectedBg: '#ccfbf1', itemSelectedColor: '#115e59' } },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queries}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

dayjs.locale(currentLocale() === 'en' ? 'en' : 'zh-cn');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
