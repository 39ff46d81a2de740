import type { Ineligibility } from './eligibility';
import { localName } from './local-name';

/**
 * Stable error codes of the API. The server answers `{ error: { code, message, details? } }`; clients key
 * their behaviour on `code` and may show `message` as is. Each code has one HTTP status and a default
 * message per locale, so the server, the mini-program and the console never drift apart.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的信息有误，请检查后重试',
    en: 'Some fields are invalid; check them and try again',
  },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '请求内容类型不受支持，请使用 JSON',
    en: 'Send the request body as application/json',
  },
  UNSUPPORTED_CONTENT_ENCODING: {
    status: 415,
    zh: '请求内容的压缩方式（Content-Encoding）不受支持，请不压缩发送，或使用 gzip、deflate、br',
    en: 'This Content-Encoding is not supported; send the body uncompressed, or as gzip, deflate or br',
  },
  INVALID_CONTENT_ENCODING: {
    status: 400,
    zh: '请求内容无法按声明的压缩方式（Content-Encoding）解压，请检查压缩方式后重新发送',
    en: 'The body could not be decompressed as its Content-Encoding says; check the encoding and send it again',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  TOKEN_EXPIRED: { status: 401, zh: '登录已过期，请重新登录', en: 'Your session has expired; sign in again' },
  TOKEN_INVALID: {
    status: 401,
    zh: '登录凭证无效，请重新登录',
    en: 'The sign-in token is invalid; sign in again',
  },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  CURRENT_PASSWORD_WRONG: {
    status: 403,
    zh: '当前密码不正确，密码未修改',
    en: 'The current password is wrong; the password was not changed',
  },
  SESSION_REVOKED: {
    status: 401,
    zh: '登录已失效（已退出或被终止），请重新登录',
    en: 'This sign-in has ended (signed out or revoked); sign in again',
  },
  ACCOUNT_DISABLED: {
    status: 403,
    zh: '该账号已被停用，如有疑问请联系医院',
    en: 'This account has been disabled; contact the hospital',
  },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '未找到相关内容', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  METHOD_NOT_ALLOWED: { status: 405, zh: '不支持该请求方式', en: 'Method not allowed on this endpoint' },
  CONFLICT: {
    status: 409,
    zh: '数据已被修改，请刷新后重试',
    en: 'The data changed meanwhile; reload and retry',
  },
  ALREADY_EXISTS: { status: 409, zh: '记录已存在', en: 'This record already exists' },
  SELF_LOCKOUT: {
    status: 409,
    zh: '不能停用自己的账号或取消自己的系统管理员角色，请由另一位管理员操作',
    en: 'You cannot disable your own account or remove your own admin role; ask another admin to do it',
  },
  CONSTRAINT_VIOLATED: {
    status: 422,
    zh: '提交的数据不符合规则（例如开始时间须早于结束时间、数量和金额不能为负），请检查后重试',
    en: 'The data breaks a rule (for example a start after its end, or a negative count or amount); check it and retry',
  },
  GUIDANCE_CONTRADICTS_FIELDS: {
    status: 422,
    zh: '检查须知的文字与结构化的准备要求（空腹、饮水、用药、出结果时间）不一致，请按提示改为一致后再保存',
    en: 'The guidance text contradicts its fields (fasting, water, medication, result time); make them agree and save again',
  },
  PROFILE_LIMIT_REACHED: {
    status: 422,
    zh: '就诊人数量已达上限，请先删除不再使用的就诊人',
    en: 'This account holds the most patient profiles allowed; remove one first',
  },
  PROFILE_DUPLICATE_ID: {
    status: 409,
    zh: '该证件号码已添加为就诊人，无需重复添加',
    en: 'A profile with this ID number already exists on your account',
  },
  PRIVACY_CONSENT_REQUIRED: {
    status: 409,
    zh: '请先阅读并同意隐私政策，再填写就诊人的证件号码和手机号码',
    en: 'Read and accept the privacy policy before entering ID and mobile numbers',
  },
  PRIVACY_POLICY_OUTDATED: {
    status: 409,
    zh: '隐私政策已更新，请阅读新版本后再同意',
    en: 'The privacy policy has changed; read the new version and agree again',
  },
  ACCOUNT_DELETE_BLOCKED: {
    status: 409,
    zh: '您还有未完成的预约、候补或正在处理的支付、退款，请先取消或等待完成后再注销账号',
    en: 'You still have open bookings, waitlist entries, payments or refunds; cancel them or wait for them to finish before deleting the account',
  },
  IDENTITY_MISMATCH: {
    status: 422,
    zh: '证件号码与姓名等信息不符，请核对就诊人的姓名和证件号码',
    en: "The name and details do not match this ID number's records; check the patient's name and ID number",
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '同一个请求编号已用于不同的内容，请刷新页面后重试',
    en: 'This Idempotency-Key was used for a different request',
  },
  REQUEST_IN_PROGRESS: {
    status: 409,
    zh: '上一次提交仍在处理中，请稍候',
    en: 'The same request is still being processed',
  },
  SLOT_FULL: {
    status: 409,
    zh: '该时段号源已约满，可选择其他时段或加入候补',
    en: 'This slot is full; pick another or join the waitlist',
  },
  SLOT_NOT_RELEASED: {
    status: 422,
    zh: '该时段号源尚未开放预约',
    en: 'This slot is not open for booking yet',
  },
  SLOT_PAST: { status: 422, zh: '该时段已开始或已过去，无法预约', en: 'This slot has already started' },
  SESSION_SUSPENDED: {
    status: 422,
    zh: '该出诊已停诊，请选择其他医生或日期',
    en: 'This session was cancelled (stop-clinic)',
  },
  ALREADY_BOOKED: {
    status: 409,
    zh: '该就诊人已预约此时段，无需重复预约',
    en: 'This patient already holds this slot',
  },
  LIMIT_DOCTOR_SESSION: {
    status: 422,
    zh: '同一就诊人在同一医生的同一时段（上午/下午）的预约已达上限',
    en: 'One booking per patient per doctor per session',
  },
  LIMIT_DEPARTMENT_DAY: {
    status: 422,
    zh: '同一就诊人在同一科室当天的预约已达上限',
    en: 'One booking per patient per department per day',
  },
  LIMIT_ACTIVE_BOOKINGS: {
    status: 422,
    zh: '该就诊人待就诊的预约已达上限，请先就诊或取消部分预约',
    en: 'This patient has reached the maximum number of upcoming bookings',
  },
  BOOKING_SUSPENDED: {
    status: 422,
    zh: '因多次爽约，该就诊人的线上预约已暂停，如需就诊请到窗口办理',
    en: 'On-line booking is suspended for this patient after repeated no-shows; please book at a window',
  },
  NOT_ELIGIBLE: {
    status: 422,
    zh: '该就诊人的性别或年龄不符合此科室、医生或检查的接诊范围，不能预约',
    en: "This patient's sex or age is outside what this department, doctor or exam accepts",
  },
  CANCEL_CUTOFF_PASSED: {
    status: 422,
    zh: '已超过线上取消时限，如需取消请到挂号窗口办理',
    en: 'Too late to cancel on-line; please cancel at a registration window',
  },
  INVALID_STATE: {
    status: 409,
    zh: '当前状态不允许此操作，请刷新后查看最新状态',
    en: 'This is not allowed in its current state; reload to see the latest',
  },
  CHECK_IN_NOT_TODAY: {
    status: 422,
    zh: '只能在就诊当天签到，该预约不是今天的',
    en: 'Patients can only be checked in on the day of their booking; this booking is not for today',
  },
  WAITLIST_LIMIT: {
    status: 422,
    zh: '候补数量已达上限，请先取消不需要的候补',
    en: 'Too many waitlist entries for this patient',
  },
  WAITLIST_NOT_FULL: {
    status: 422,
    zh: '该出诊仍有号源，请直接预约',
    en: 'This session still has places; book directly',
  },
  WAITLIST_DUPLICATE: {
    status: 409,
    zh: '该就诊人已在此出诊的候补队列中',
    en: 'Already on the waitlist for this session',
  },
  PAYMENT_NOT_NEEDED: {
    status: 409,
    zh: '该预约无需支付或已支付',
    en: 'This booking needs no payment or is already paid',
  },
  HOLD_EXPIRED: {
    status: 422,
    zh: '支付已超时，号源已释放，请重新预约',
    en: 'The hold has expired and the place was released; book again',
  },
  DESK_QUERY_UNKNOWN: {
    status: 400,
    zh: '无法识别：请扫描预约二维码，或输入预约号、订单号、手机号或证件号码',
    en: 'Not recognised: scan the booking QR code, or type a booking or order number, a mobile or an ID number',
  },
  PAID_AT_WINDOW: {
    status: 409,
    zh: '该预约在挂号窗口缴费，请到挂号窗口办理取消和退费',
    en: 'This booking was paid at a registration window: cancel it there, where the fee is handed back',
  },
  PAYMENT_IN_PROGRESS: {
    status: 409,
    zh: '患者已开始在线支付该预约，请等待支付结果或让患者取消支付后再在窗口收费',
    en: 'The patient has started paying this booking on-line; wait for the result before taking the fee at the window',
  },
  PAYMENT_UNAVAILABLE: {
    status: 503,
    zh: '支付服务暂时不可用，请稍后重试',
    en: 'Payment is temporarily unavailable; try again',
  },
  REFUND_EXCEEDS_PAID: {
    status: 422,
    zh: '退款金额超过可退金额',
    en: 'The refund exceeds what is left to refund',
  },
  ORDER_NOT_REFUNDABLE: { status: 409, zh: '该订单当前不能退款', en: 'This order cannot be refunded now' },
  NOTIFICATION_REJECTED: {
    status: 401,
    zh: '支付通知验签失败',
    en: 'The payment notification failed verification',
  },
  NOTIFICATION_UNKNOWN_ORDER: {
    status: 404,
    zh: '支付通知对应的订单不存在',
    en: 'The notification names an unknown order',
  },
  NOTIFICATION_MISMATCH: {
    status: 400,
    zh: '支付通知与订单信息不一致',
    en: 'The notification does not match the order (amount, merchant or app)',
  },
  WECHAT_CODE_INVALID: {
    status: 401,
    zh: '微信登录凭证无效或已使用，请重新进入小程序',
    en: 'The WeChat login code is invalid or already used; reopen the mini-program',
  },
  WECHAT_UNAVAILABLE: {
    status: 503,
    zh: '微信服务暂时不可用，请稍后重试',
    en: 'WeChat is unavailable; try again shortly',
  },
  SMS_CODE_INVALID: {
    status: 401,
    zh: '验证码错误或已过期，请重新输入或重新获取',
    en: 'The verification code is wrong or has expired; check it or request a new one',
  },
  SMS_LOCKED: {
    status: 429,
    zh: '验证码错误次数过多，该手机号已暂时锁定，请 15 分钟后再试',
    en: 'Too many wrong codes: this number is locked for 15 minutes',
  },
  SMS_MOBILE_INVALID: {
    status: 422,
    zh: '该手机号码无法接收短信，请核对后重试',
    en: 'This mobile number cannot receive text messages; check it and try again',
  },
  SMS_SIGN_IN_DISABLED: {
    status: 403,
    zh: '本院未开通手机号登录，请在微信中搜索医院小程序使用',
    en: 'This hospital does not offer sign-in by mobile number; use its WeChat mini-program instead',
  },
  SMS_UNAVAILABLE: {
    status: 503,
    zh: '短信服务暂时不可用，请稍后重试',
    en: 'Text messages cannot be sent right now; try again shortly',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '操作过于频繁，请稍后再试',
    en: 'Too many requests; wait a moment and retry',
  },
  SERVER_BUSY: {
    status: 503,
    zh: '当前预约人数较多，请稍候重试',
    en: 'Many people are booking right now; try again in a moment',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    zh: '服务暂时不可用，请稍后重试',
    en: 'The service is temporarily unavailable',
  },
  INTERNAL: {
    status: 500,
    zh: '系统繁忙，请稍后重试',
    en: 'Something went wrong on our side; try again later',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type Locale = 'zh-CN' | 'en';

/** The message for a code in a locale; Chinese is the default for patients and staff. */
export function errorMessage(code: ErrorCode, locale: Locale = 'zh-CN'): string {
  const entry = ERRORS[code];
  return locale === 'en' ? entry.en : entry.zh;
}

/** One sentence in each locale. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/**
 * The messages that state the hospital's own numbers or dates (its configured limits, a suspension's end), in
 * every locale, so that an English reader learns the same as a Chinese one. The server throws them with
 * `AppError.with(code, params)`; the codes' plain messages above stay the fallback for clients.
 */
export const ERROR_MESSAGES_WITH = {
  PROFILE_LIMIT_REACHED: ({ max }: { max: number }) => ({
    zh: `每个账号最多添加 ${max} 位就诊人，请先删除不再使用的就诊人`,
    en: `An account can hold at most ${max} patient profiles; remove one you no longer need first`,
  }),
  LIMIT_DOCTOR_SESSION: ({ max }: { max: number }) => ({
    zh: `同一就诊人同一医生同一时段（上午/下午）只能预约 ${max} 个号`,
    en: `A patient can hold at most ${max} booking(s) with one doctor in one session (morning or afternoon)`,
  }),
  LIMIT_DEPARTMENT_DAY: ({ max }: { max: number }) => ({
    zh: `同一就诊人同一科室每天只能预约 ${max} 个号`,
    en: `A patient can hold at most ${max} booking(s) in one department on one day`,
  }),
  LIMIT_ACTIVE_BOOKINGS: ({ max }: { max: number }) => ({
    zh: `该就诊人待就诊的预约已达 ${max} 个，请先就诊或取消部分预约`,
    en: `This patient already has ${max} upcoming bookings; attend or cancel one first`,
  }),
  WAITLIST_LIMIT: ({ max }: { max: number }) => ({
    zh: `每位就诊人最多同时候补 ${max} 个出诊，请先取消不需要的候补`,
    en: `A patient can wait for at most ${max} sessions at once; leave one you no longer need first`,
  }),
  BOOKING_SUSPENDED: ({ until }: { until: string }) => ({
    zh: `因多次爽约，该就诊人的线上预约已暂停至 ${until}，如需就诊请到窗口办理`,
    en: `After repeated no-shows, on-line booking is suspended for this patient until ${until}; please book at a window`,
  }),
  CHECK_IN_NOT_TODAY: ({ date }: { date: string }) => ({
    zh: `该预约的就诊日期为 ${date}，只能在就诊当天签到`,
    en: `This booking is for ${date}; patients can only be checked in on the day of their visit`,
  }),
  NOT_ELIGIBLE: (i: Ineligibility) => notEligibleText(i),
  ACCOUNT_DELETE_BLOCKED: (open: OpenItems) => accountDeleteBlockedText(open),
  REFUND_EXCEEDS_PAID: ({ left }: { left: string }) => ({
    zh: `可退金额为 ${left}`,
    en: `At most ${left} can be refunded`,
  }),
  SMS_CODE_INVALID: ({ left }: { left: number }) => ({
    zh: `验证码错误，还可以再试 ${left} 次`,
    en: `Wrong code; ${left} more ${left === 1 ? 'try' : 'tries'} before this number is locked`,
  }),
  SMS_LOCKED: ({ minutes }: { minutes: number }) => ({
    zh: `验证码错误次数过多，该手机号已暂时锁定，请 ${minutes} 分钟后再试`,
    en: `Too many wrong codes: this number is locked; try again in ${minutes} min`,
  }),
  /** A sign-in code asked for again too soon (per number); `seconds` until the next may be sent. */
  RATE_LIMITED: ({ seconds }: { seconds: number }) =>
    seconds > 60
      ? {
          zh: `验证码发送过于频繁，请 ${Math.ceil(seconds / 60)} 分钟后再试`,
          en: `Too many codes sent to this number; try again in ${Math.ceil(seconds / 60)} min`,
        }
      : {
          zh: `验证码发送过于频繁，请 ${seconds} 秒后再试`,
          en: `A code was just sent to this number; try again in ${seconds} s`,
        },
} satisfies Partial<Record<ErrorCode, (params: never) => LocalizedText>>;

/** What keeps an account from being deleted (docs/decisions/020): each count is of open items. */
export interface OpenItems {
  /** Held for payment, paid and upcoming, or checked in. */
  bookings: number;
  /** Waiting or offered. */
  waitlist: number;
  /** Orders being paid and refunds not yet settled. */
  payments: number;
}

/** 您还有 1 个待就诊的预约、1 笔正在处理的支付或退款，请先取消或等待完成后再注销账号. */
function accountDeleteBlockedText(open: OpenItems): LocalizedText {
  const zh: string[] = [];
  const en: string[] = [];
  if (open.bookings) {
    zh.push(`${open.bookings} 个未完成的预约`);
    en.push(`${open.bookings} open booking(s)`);
  }
  if (open.waitlist) {
    zh.push(`${open.waitlist} 个候补`);
    en.push(`${open.waitlist} waitlist entr${open.waitlist === 1 ? 'y' : 'ies'}`);
  }
  if (open.payments) {
    zh.push(`${open.payments} 笔正在处理的支付或退款`);
    en.push(`${open.payments} payment(s) or refund(s) in progress`);
  }
  return {
    zh: `您还有 ${zh.join('、')}，请先取消或等待完成后再注销账号`,
    en: `You still have ${en.join(', ')}; cancel them or wait for them to finish before deleting the account`,
  };
}

const SCOPE_WORDS = {
  DEPARTMENT: { zh: '该科室', en: 'This department' },
  DOCTOR: { zh: '该医生', en: 'This doctor' },
  EXAM_TYPE: { zh: '该检查', en: 'This exam' },
} as const;

/** A restriction in words: 仅限 14 周岁及以下的女性患者 / only for female patients aged 14 or younger. */
export function restrictionText(r: Pick<Ineligibility, 'allowedSex' | 'minAge' | 'maxAge'>): LocalizedText {
  const sexZh = r.allowedSex === 'FEMALE' ? '女性' : r.allowedSex === 'MALE' ? '男性' : '';
  const sexEn = r.allowedSex === 'FEMALE' ? 'female ' : r.allowedSex === 'MALE' ? 'male ' : '';
  let ageZh = '';
  let ageEn = '';
  if (r.minAge !== null && r.maxAge !== null) {
    ageZh = ` ${r.minAge}–${r.maxAge} 周岁的`;
    ageEn = ` aged ${r.minAge} to ${r.maxAge}`;
  } else if (r.maxAge !== null) {
    ageZh = ` ${r.maxAge} 周岁及以下的`;
    ageEn = ` aged ${r.maxAge} or younger`;
  } else if (r.minAge !== null) {
    ageZh = ` ${r.minAge} 周岁及以上的`;
    ageEn = ` aged ${r.minAge} or older`;
  }
  return { zh: `仅限${ageZh}${sexZh}患者`, en: `only for ${sexEn}patients${ageEn}` };
}

/**
 * 妇产科仅限女性患者，该就诊人为男性，不能预约 — the restriction, and what this patient is. The English sentence
 * names the department, doctor or exam by its English name where the hospital gave one.
 */
function notEligibleText(i: Ineligibility): LocalizedText {
  const scope = SCOPE_WORDS[i.scope];
  const who = i.name
    ? { zh: i.scope === 'DOCTOR' ? `${i.name}医生` : i.name, en: localName(i, 'en') }
    : scope;
  const rule = restrictionText(i);
  const sexZh = i.sex === 'FEMALE' ? '女性' : '男性';
  const sexEn = i.sex === 'FEMALE' ? 'female' : 'male';
  const isZh = i.reason === 'SEX' ? `为${sexZh}` : ` ${i.age} 周岁`;
  const isEn = i.reason === 'SEX' ? sexEn : `${i.age}`;
  return {
    zh: `${who.zh}${rule.zh}，该就诊人${isZh}，不能预约`,
    en: `${who.en} is ${rule.en}; this patient is ${isEn} and cannot be booked`,
  };
}

/** One field-level problem in a VALIDATION_FAILED answer. */
export interface FieldIssue {
  /** Where the problem is: `body.idNumber`, `query.page`, `params.id`. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown; requestId?: string };
}
