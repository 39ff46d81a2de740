import type { PropsWithChildren } from 'react';
// NutUI's design tokens, loaded once; app.css then overrides the brand colours.
import './styles/nutui-theme.css';
import './app.css';

export default function App({ children }: PropsWithChildren) {
  // children are the pages Taro renders.
  return children;
}
