import Taro from '@tarojs/taro';
import { isTab, pageUrl, ROUTES } from './nav';

// H5 only (weapp signs in silently with wx.login): where the sign-in page opens from and returns to.

/** The current page as a URL to come back to: its path and its own query (Taro's `stamp`/`$taro…` dropped). */
function currentPage(): string | undefined {
  const router = Taro.getCurrentInstance().router;
  const path = router?.path?.split('?')[0];
  if (!path) return undefined;
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(router?.params ?? {})) {
    if (k === 'stamp' || k.startsWith('$taro') || typeof v !== 'string') continue;
    own[k] = decodeURIComponent(v);
  }
  return pageUrl(path, own);
}

let opening = false;

/**
 * Opens the sign-in page with the current page as `back` (the API client calls it when a call needs a patient
 * and nobody is signed in). A tab page stays under it; any other page is replaced, so it loads afresh after
 * sign-in. Several calls failing at once open it once.
 */
export function openSignIn(): void {
  const back = currentPage();
  const route = back?.split('?')[0];
  if (opening || route === ROUTES.signIn) return;
  opening = true;
  const url = pageUrl(ROUTES.signIn, { back });
  const opened = route && !isTab(route) ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
  const done = () => {
    opening = false;
  };
  void Promise.resolve(opened).then(done, done);
}

/**
 * After signing in: back where the patient was, loaded afresh (a tab through reLaunch, so its data loads for
 * the account now signed in); the 我的 tab when there is nowhere to go back to. Only the app's own pages.
 */
export function returnAfterSignIn(back: string | undefined): void {
  const target = back && /^\/(pages|packages)\//.test(back) ? back : ROUTES.me;
  const path = target.split('?')[0]!;
  if (path === ROUTES.signIn) {
    void Taro.reLaunch({ url: ROUTES.me });
  } else if (isTab(path)) {
    void Taro.reLaunch({ url: path });
  } else {
    void Taro.redirectTo({ url: target });
  }
}
