import pino, { type Logger } from 'pino';

/**
 * JSON logs. Redaction is by key wherever it appears, because personal data must never reach a log line
 * even when someone logs a whole object by mistake.
 */
const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'idNumber',
  'idNumberEnc',
  'phone',
  'mobile',
  'accessKeySecret',
  'phoneEnc',
  'openid',
  'unionid',
  'session_key',
  'sessionKey',
  'secret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const paths = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  return pino(
    {
      level,
      base: { service: 'hospital-api' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
