import { config } from './config';
import { zhCN } from './i18n/zh-CN';

// Tab pages must live in the main package; NutUI-heavy feature pages belong in subpackages.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/bookings/index', 'pages/me/index'],
  window: {
    navigationBarTitleText: config.hospitalName,
    navigationBarBackgroundColor: config.brandColor,
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f6f6',
    backgroundTextStyle: 'light',
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
