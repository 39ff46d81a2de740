import { ConfigProvider } from '@nutui/nutui-react-taro';
import enUS from '@nutui/nutui-react-taro/dist/es/locales/en-US';
import zhCN from '@nutui/nutui-react-taro/dist/es/locales/zh-CN';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type PropsWithChildren, useEffect } from 'react';
import { config } from '../../config';
import { useI18n } from '../../i18n';
import { useElderlyMode } from '../../lib/settings';
import './index.css';
import { NavBar } from './nav-bar';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

// Elderly mode (适老化): NutUI's own sizes through its theme (text ≥ 1.25×, taller buttons and cells),
// plus the root class `page--elderly` for our own styles (app.css).
const ELDERLY_THEME: Record<string, string> = {
  nutuiFontSizeXxs: '14px',
  nutuiFontSizeXs: '15px',
  nutuiFontSizeS: '16px',
  nutuiFontSizeBase: '18px',
  nutuiFontSizeL: '20px',
  nutuiFontSizeXl: '22px',
  nutuiFontSizeXxl: '26px',
  nutuiColorTitle: '#000000',
  nutuiColorText: '#111111',
  nutuiColorTextHelp: '#333333',
  nutuiButtonDefaultHeight: '48px',
  nutuiButtonLargeHeight: '56px',
  // 44 × 44 px at least for anything a finger taps (适老化; WCAG 2.5.5).
  nutuiButtonSmallHeight: '44px',
  nutuiButtonDefaultFontSize: '18px',
  nutuiButtonLargeFontSize: '20px',
  nutuiButtonSmallFontSize: '17px',
  nutuiCellTitleFontSize: '18px',
  nutuiCellDescriptionFontSize: '16px',
  nutuiCellExtraFontSize: '16px',
  nutuiCellPadding: '16px 16px',
  nutuiTabsTitlesItemFontSize: '18px',
  nutuiTagFontSize: '16px',
  nutuiTagPadding: '4px 10px',
};

interface PageShellProps {
  className?: string;
  /**
   * The navigation bar's title, already in the reader's language (or a name from the data); the hospital's name
   * when none (the tab pages). It replaces the page config's static Chinese title, and follows a switch of
   * language.
   */
  title?: string;
  /** A tab page: on weapp, room at the bottom for our tab bar, which grows in elderly mode (H5 makes its own). */
  tab?: boolean;
}

/**
 * The root of every page: NutUI theme and locale, the elderly-mode class, the calm page background, the
 * navigation bar (our own on weapp, the document title on H5).
 */
export function PageShell({ className, title, tab, children }: PropsWithChildren<PageShellProps>) {
  const elderly = useElderlyMode();
  const { locale } = useI18n();
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title });
  }, [title]);
  // H5 draws the tab bar itself, outside every page: the class on <html> lets it grow too (app.css).
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('elderly-mode', elderly);
  }, [elderly]);
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={elderly ? ELDERLY_THEME : undefined}>
      <View
        className={`page${elderly ? ' page--elderly' : ''}${tab && IS_WEAPP ? ' page--tab' : ''}${className ? ` ${className}` : ''}`}
      >
        {IS_WEAPP && <NavBar title={title || config.hospitalName} elderly={elderly} />}
        {children}
      </View>
    </ConfigProvider>
  );
}
