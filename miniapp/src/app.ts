import type { PropsWithChildren } from 'react';
import { installWechatPrivacy } from './lib/wechat-privacy';
// NutUI's design tokens, loaded once; app.css then overrides the brand colours.
import './styles/nutui-theme.css';
import './app.css';

// H5: Taro's px → rem scaling needs the root font size set from the screen width. Taro puts that in an inline
// <script>, which the server's Content-Security-Policy (script-src 'self') blocks, so it runs here instead.
if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
  const setRootFontSize = () => {
    const { width, height } = document.documentElement.getBoundingClientRect();
    const shortest = Math.min(...[width, height].filter(Boolean));
    const size = (40 * shortest) / 750;
    document.documentElement.style.fontSize = `${Math.min(40, Math.max(20, size))}px`;
  };
  setRootFontSize();
  window.addEventListener('resize', setRootFontSize);
}

// weapp: WeChat asks before a privacy API runs for a user who has not agreed yet (lib/wechat-privacy.ts).
installWechatPrivacy();

export default function App({ children }: PropsWithChildren) {
  // children are the pages Taro renders.
  return children;
}
