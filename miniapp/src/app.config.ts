import { config } from './config';
import { zhCN } from './i18n/zh-CN';

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
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f6f6',
    backgroundTextStyle: 'dark',
    // Only the pages that show a list turn pull-to-refresh on (their index.config.ts).
    enablePullDownRefresh: false,
  },
  // Inject only the components a page uses when it opens, not every component of the app at launch.
  lazyCodeLoading: 'requiredComponents',
  // WeChat takes only local PNG/JPG tab icons; scripts/tab-icons.mjs draws them.
  tabBar: {
    color: '#6b7785',
    selectedColor: config.brandColor,
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: zhCN['tab.home'],
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/bookings/index',
        text: zhCN['tab.bookings'],
        iconPath: 'assets/tab/bookings.png',
        selectedIconPath: 'assets/tab/bookings-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: zhCN['tab.me'],
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
