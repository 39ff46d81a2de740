import { config } from './config';
import { zhCN } from './i18n/zh-CN';
import { TAB_COLOR, TABS } from './tabs';

// On weapp the navigation bar and the tab bar are our own (components/page-shell/nav-bar, custom-tab-bar): WeChat's
// native ones cannot grow in elderly mode (适老化). H5 has neither natively: the browser shows the title and Taro
// draws the tab bar (app.css makes it grow).
const OWN_BARS = process.env.TARO_ENV === 'weapp';

// Tab pages must live in the main package; NutUI-heavy feature pages belong in subpackages.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/bookings/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'packages/booking',
      pages: ['doctors/index', 'doctor/index', 'schedule/index', 'confirm/index', 'detail/index'],
    },
    { root: 'packages/payment', pages: ['pay/index', 'result/index', 'fees/index', 'bills/index'] },
    { root: 'packages/guidance', pages: ['list/index', 'detail/index', 'timeline/index'] },
    { root: 'packages/profiles', pages: ['list/index', 'edit/index'] },
    { root: 'packages/account', pages: ['sign-in/index'] },
    { root: 'packages/privacy', pages: ['policy/index', 'data/index'] },
  ],
  // Open the booking flow's package early: a patient on the home page is likely to book.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/booking'] },
  },
  // WeChat pauses privacy APIs until the user agreed to the 用户隐私保护指引 (lib/wechat-privacy.ts, README).
  __usePrivacyCheck__: true,
  window: {
    navigationBarTitleText: config.hospitalName,
    navigationBarBackgroundColor: config.brandColor,
    // Also the colour of the status bar's text when the bar is our own.
    navigationBarTextStyle: 'white',
    ...(OWN_BARS ? { navigationStyle: 'custom' as const } : {}),
    backgroundColor: '#f3f6f6',
    backgroundTextStyle: 'dark',
    // Only the pages that show a list turn pull-to-refresh on (their index.config.ts).
    enablePullDownRefresh: false,
  },
  // Inject only the components a page uses when it opens, not every component of the app at launch.
  lazyCodeLoading: 'requiredComponents',
  // WeChat takes only local PNG/JPG tab icons; scripts/tab-icons.mjs draws them.
  tabBar: {
    custom: OWN_BARS,
    color: TAB_COLOR,
    selectedColor: config.brandColor,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: TABS.map((tab) => ({
      pagePath: tab.pagePath,
      text: zhCN[tab.label],
      iconPath: tab.icon,
      selectedIconPath: tab.activeIcon,
    })),
  },
});
