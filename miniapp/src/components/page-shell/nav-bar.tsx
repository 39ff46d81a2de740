import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo } from 'react';
import homeIcon from '../../assets/tab/home.png';
import { useI18n } from '../../i18n';
import { ROUTES } from '../../lib/nav';
import { TABS } from '../../tabs';

interface Geometry {
  /** The phone's status bar: the bar starts below it. */
  statusBar: number;
  /** The row WeChat's capsule (··· ◎) sits in: its height and the margin above and below it. */
  row: number;
  /** Kept clear on both sides so the title stays centred and never runs under the capsule. */
  side: number;
}

/** Where WeChat puts its capsule on this phone, in real px; a common phone's figures if it will not say. */
function geometry(): Geometry {
  try {
    const win = Taro.getWindowInfo();
    const capsule = Taro.getMenuButtonBoundingClientRect();
    const statusBar = win.statusBarHeight ?? 20;
    const margin = Math.max(capsule.top - statusBar, 4);
    return {
      statusBar,
      row: capsule.height + margin * 2,
      side: Math.max(win.windowWidth - capsule.left, 88),
    };
  } catch {
    return { statusBar: 20, row: 40, side: 96 };
  }
}

/** What the bar offers on this page: back when there is a page under it, home when opened on its own. */
function leading(): 'back' | 'home' | null {
  const pages = Taro.getCurrentPages();
  if (pages.length > 1) return 'back';
  const route = pages[0]?.route ?? '';
  return TABS.some((tab) => tab.pagePath === route) ? null : 'home';
}

/**
 * The navigation bar on weapp (app.config.ts `navigationStyle: 'custom'`): WeChat's native bar keeps its small
 * title in elderly mode; ours grows (a 22 px title, a 56 px row, 48 px back and home buttons). It lines up with
 * the capsule WeChat still draws at the top right, and stays on top as the page scrolls.
 */
export function NavBar({ title, elderly }: { title: string; elderly: boolean }) {
  const { t } = useI18n();
  const g = useMemo(geometry, []);
  const action = useMemo(leading, []);
  const row = Math.max(g.row, elderly ? 56 : 44);
  return (
    <View
      className={`nav-bar${elderly ? ' nav-bar--elderly' : ''}`}
      style={{ paddingTop: `${g.statusBar}px` }}
      ariaRole="navigation"
    >
      <View className="nav-bar__row" style={{ height: `${row}px`, padding: `0 ${g.side}px` }}>
        {action && (
          <View
            className="nav-bar__action"
            ariaRole="button"
            ariaLabel={action === 'back' ? t('common.back') : t('tab.home')}
            onClick={() => {
              if (action === 'back') void Taro.navigateBack();
              else void Taro.switchTab({ url: ROUTES.home });
            }}
          >
            {action === 'back' ? (
              <View className="nav-bar__icon--back" />
            ) : (
              <Image className="nav-bar__icon--home" src={homeIcon} mode="aspectFit" />
            )}
          </View>
        )}
        <Text className="nav-bar__title" numberOfLines={1}>
          {title}
        </Text>
      </View>
    </View>
  );
}
