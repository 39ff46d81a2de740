import type { Logger } from '../../core/logger';
import { createAliyunSmsSender } from './aliyun';
import { createLocalSmsSender } from './local';
import type { SmsSender } from './sender';

export type { SmsSender } from './sender';

/**
 * Which sender the server uses (server/src/config.ts reads it from ALIYUN_SMS_* and SMS_SIGN_IN); `off`: none,
 * SMS sign-in is switched off (a weapp-only hospital).
 */
export type SmsConfig =
  | { kind: 'off' }
  | { kind: 'local' }
  | {
      kind: 'aliyun';
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateCode: string;
      endpoint: string;
    };

/**
 * The configured sender, or null when SMS sign-in is off (its endpoints then answer `SMS_SIGN_IN_DISABLED`). The
 * real one tells the log (at error level) when Aliyun says our setup is wrong.
 */
export function createSmsSender(config: SmsConfig, logger: Logger): SmsSender | null {
  if (config.kind === 'off') return null;
  if (config.kind === 'local') return createLocalSmsSender(logger);
  return createAliyunSmsSender({
    accessKeyId: config.accessKeyId,
    accessKeySecret: config.accessKeySecret,
    signName: config.signName,
    templateCode: config.templateCode,
    endpoint: config.endpoint,
    onMisconfigured: (code, message) =>
      logger.error(
        { aliyunCode: code, aliyunMessage: message },
        'Aliyun SMS rejected our account, signature or template',
      ),
  });
}
