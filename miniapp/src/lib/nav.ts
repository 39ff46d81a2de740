import Taro, { useRouter } from '@tarojs/taro';

type Params = Record<string, string | number | undefined>;

export function pageUrl(path: string, params?: Params): string {
  const query = Object.entries(params ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

export const ROUTES = {
  home: '/pages/home/index',
  bookings: '/pages/bookings/index',
  me: '/pages/me/index',
  doctors: '/packages/booking/doctors/index',
  doctor: '/packages/booking/doctor/index',
  schedule: '/packages/booking/schedule/index',
  confirm: '/packages/booking/confirm/index',
  bookingDetail: '/packages/booking/detail/index',
  pay: '/packages/payment/pay/index',
  result: '/packages/payment/result/index',
  fees: '/packages/payment/fees/index',
  bills: '/packages/payment/bills/index',
  guidanceList: '/packages/guidance/list/index',
  guidanceDetail: '/packages/guidance/detail/index',
  guidanceTimeline: '/packages/guidance/timeline/index',
  profiles: '/packages/profiles/list/index',
  profileEdit: '/packages/profiles/edit/index',
  signIn: '/packages/account/sign-in/index',
  privacyPolicy: '/packages/privacy/policy/index',
  privacyData: '/packages/privacy/data/index',
} as const;

const TABS = new Set<string>([ROUTES.home, ROUTES.bookings, ROUTES.me]);

/** Whether a route (path without query) is a tab page. */
export function isTab(path: string): boolean {
  return TABS.has(path);
}

/** Opens a page; tab pages through switchTab, as WeChat requires. */
export function go(path: string, params?: Params): void {
  if (TABS.has(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: pageUrl(path, params) });
}

/** Replaces the current page (booking → pay → result), so Back does not resubmit. */
export function replace(path: string, params?: Params): void {
  if (TABS.has(path)) void Taro.switchTab({ url: path });
  else void Taro.redirectTo({ url: pageUrl(path, params) });
}

/** Query parameters of the current page, decoded. */
export function usePageParams(): Record<string, string> {
  const { params } = useRouter();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params ?? {})) {
    if (typeof v === 'string') out[k] = decodeURIComponent(v);
  }
  return out;
}
