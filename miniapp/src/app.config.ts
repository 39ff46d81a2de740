import { config } from './config';
import { zhCN } from './i18n/zh-CN';

// Tab pages must live in the main package; NutUI-heavy feature pages belong in subpackages.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/bookings/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/booking', pages: ['doctors/index', 'schedule/index', 'confirm/index'] },
    { root: 'packages/payment', pages: ['pay/index', 'result/index', 'fees/index', 'bills/index'] },
    { root: 'packages/guidance', pages: ['list/index', 'detail/index', 'timeline/index'] },
    { root: 'packages/profiles', pages: ['list/index', 'edit/index'] },
  ],
  // Open the booking flow's package early: a patient on the home page is likely to book.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['packages/booking'] },
  },
  window: {
    navigationBarTitleText: config.hospitalName,
    navigationBarBackgroundColor: config.brandColor,
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f6f6',
    backgroundTextStyle: 'dark',
    enablePullDownRefresh: true,
  },
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
