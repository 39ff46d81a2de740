import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import bookings from '../assets/tab/bookings.png';
import bookingsActive from '../assets/tab/bookings-active.png';
import home from '../assets/tab/home.png';
import homeActive from '../assets/tab/home-active.png';
import me from '../assets/tab/me.png';
import meActive from '../assets/tab/me-active.png';
import { config } from '../config';
import { useI18n } from '../i18n';
import { useElderlyMode } from '../lib/settings';
import { useSelectedTab } from '../lib/tab-bar';
import { TAB_COLOR, TABS } from '../tabs';
import './index.css';

// The same pictures WeChat's native bar would take from app.config.ts, bundled for the component.
const ICONS: Record<string, [string, string]> = {
  'pages/home/index': [home, homeActive],
  'pages/bookings/index': [bookings, bookingsActive],
  'pages/me/index': [me, meActive],
};

/**
 * The tab bar on weapp (app.config.ts `tabBar.custom`): WeChat's own cannot grow, and in elderly mode (适老化)
 * the labels, icons and the bar itself must. Labels follow the app's language without setTabBarItem.
 */
export default function CustomTabBar() {
  const { t } = useI18n();
  const elderly = useElderlyMode();
  const selected = useSelectedTab();
  return (
    <View className={`tab-bar${elderly ? ' tab-bar--elderly' : ''}`} ariaRole="tablist">
      {TABS.map((tab, index) => {
        const on = index === selected;
        const [icon, activeIcon] = ICONS[tab.pagePath]!;
        return (
          <View
            key={tab.pagePath}
            className="tab-bar__item"
            ariaRole="tab"
            aria-selected={on}
            onClick={() => {
              if (!on) void Taro.switchTab({ url: `/${tab.pagePath}` });
            }}
          >
            <Image className="tab-bar__icon" src={on ? activeIcon : icon} mode="aspectFit" />
            <Text className="tab-bar__label" style={{ color: on ? config.brandColor : TAB_COLOR }}>
              {t(tab.label)}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
