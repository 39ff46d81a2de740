import { Button, Dropdown, Layout, Menu, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { setLocale, useI18n } from './i18n';
import { pagesFor } from './pages';
import { useCan, useMe, useSignOut } from './session/session';

/** The signed-in frame: the menu (the pages the permissions open), the language switch and the user menu. */
export function Shell() {
  const { locale, t, labels } = useI18n();
  const { data: me } = useMe();
  const can = useCan();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const pages = pagesFor(can).filter((p) => p.inMenu);
  const selected = pages.find((p) =>
    p.path === '/' ? location.pathname === '/' : location.pathname.startsWith(p.path),
  )?.path;

  return (
    <Layout className="shell">
      <Layout.Sider width={220} theme="light" className="shell-sider" breakpoint="lg" collapsedWidth={0}>
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            医
          </span>
          <span>{t('app.title')}</span>
        </div>
        <nav aria-label={t('app.title')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={pages.map((p) => ({ key: p.path, label: t(p.title) }))}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Button
            type="text"
            title={t('lang.label')}
            lang={locale === 'en' ? 'zh-CN' : 'en'}
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {t('lang.switch')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'password', label: t('menu.password') },
                { type: 'divider' },
                { key: 'signOut', label: t('menu.signOut') },
              ],
              onClick: async ({ key }) => {
                if (key === 'password') return navigate('/password');
                await signOut();
              },
            }}
          >
            <Button type="text" data-testid="user-menu">
              {me?.displayName}
              <Typography.Text type="secondary" className="user-role">
                {me?.roles.map((r) => labels.role[r]).join('、')}
              </Typography.Text>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="shell-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
