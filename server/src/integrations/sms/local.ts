import { maskPhone } from '@hospital/shared';
import type { Logger } from '../../core/logger';
import type { SmsSender } from './sender';

/**
 * The embedded default when no Aliyun AccessKey is configured: no text message, the code goes to the server
 * log (with the number masked) and, through `auth.smsSend`'s `demoCode`, to the page that asked. Whoever asks
 * learns the code of any number, so the config must never choose it in production (except for a demo).
 */
export function createLocalSmsSender(logger: Logger): SmsSender {
  return {
    kind: 'local',
    async sendCode(mobile, code) {
      logger.info(
        { mobileMasked: maskPhone(mobile), smsCode: code },
        'local SMS stand-in: sign-in code (no text message sent)',
      );
    },
  };
}
