import Taro from '@tarojs/taro';

// WeChat's own privacy check (app.config `__usePrivacyCheck__`): before a privacy API (the clipboard today;
// camera and album later) runs for a user who has not agreed to the mini-program's 用户隐私保护指引, WeChat
// pauses it and asks the app through `onNeedPrivacyAuthorization`. The app answers with its own notice: the
// page's <WechatPrivacyPrompt> (components/privacy-consent) shows it, and the agree button
// (`open-type="agreePrivacyAuthorization"`, id PRIVACY_AGREE_BUTTON) lets the paused call continue.

export const PRIVACY_AGREE_BUTTON = 'privacy-agree';
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

let pending: Resolve | null = null;
const listeners = new Set<() => void>();
let installed = false;

/** Listens for WeChat's requests once (app start, weapp only). */
export function installWechatPrivacy(): void {
  if (!IS_WEAPP || installed) return;
  installed = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    if (!listeners.size) {
      // No page shows the prompt: the paused call fails (its caller says so) rather than hang.
      resolve({ event: 'disagree' });
      return;
    }
    pending = resolve as Resolve;
    for (const listener of listeners) listener();
  });
}

/** Whether WeChat is waiting for an answer, and a subscription to when it starts waiting. */
export function wechatPrivacyPending(): boolean {
  return pending !== null;
}

export function onWechatPrivacyRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells WeChat the prompt is on screen. */
export function wechatPrivacyShown(): void {
  pending?.({ event: 'exposureAuthorization' });
}

/** Answers WeChat: agreed (after the agree button's own event) or refused. Nothing waiting: nothing to do. */
export function answerWechatPrivacy(agree: boolean): void {
  const resolve = pending;
  pending = null;
  resolve?.(agree ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON } : { event: 'disagree' });
}

/** Opens the 用户隐私保护指引 as declared in the WeChat admin console (weapp only). */
export function openWechatPrivacyContract(): void {
  if (IS_WEAPP) Taro.openPrivacyContract({ fail: () => undefined });
}
