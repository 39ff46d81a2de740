import { EARLIEST_DATE, LATEST_DATE } from './dates';
import type { Locale, LocalizedText } from './errors';
import { IDENTITY_MESSAGES } from './identity';

/**
 * The field messages the contracts' schemas (and the server's own field checks) state, in every locale
 * (docs/decisions/026-english-names-and-field-errors.md). A schema holds the Chinese text — zod keeps one
 * message per issue, and Chinese is the hospital's default — written as `fieldError(key)`, so the text comes
 * from this table alone; {@link localFieldMessage} turns it into the reader's locale. Generic zod issues
 * (a wrong type, a number out of range) are worded by zod's own locale per parse instead.
 */
export const FIELD_MESSAGES = {
  // common
  id: { zh: '编号格式不正确', en: 'This id is not in the expected format (a UUID)' },
  dateRange: {
    zh: `日期应在 ${EARLIEST_DATE} 至 ${LATEST_DATE} 之间，请检查后重新填写`,
    en: `A date must be between ${EARLIEST_DATE} and ${LATEST_DATE}; check it and try again`,
  },
  timeOfDay: { zh: '时间格式应为 HH:mm', en: 'A time of day is written HH:mm' },
  code: {
    zh: '编码只能包含大写字母、数字、下划线和连字符，最长 32 位',
    en: 'A code has at most 32 capital letters, digits, underscores and hyphens',
  },
  atLeastOneChange: { zh: '至少修改一项', en: 'Change at least one field' },
  dateOrder: { zh: '开始日期不能晚于结束日期', en: 'The start date cannot be after the end date' },
  // request shape (server/src/http)
  unknownQueryKey: {
    zh: '此接口不接受该查询参数，请删除',
    en: 'This endpoint does not take this query parameter; remove it',
  },
  badEncoding: {
    zh: '编码有误（百分号编码不完整）',
    en: 'Not properly percent-encoded',
  },
  noBody: { zh: '此接口不接受请求内容', en: 'This endpoint takes no request body' },
  notAnObject: { zh: '请求内容应为 JSON 对象', en: 'The request body must be a JSON object' },
  idempotencyKey: {
    zh: 'Idempotency-Key 应为 8–128 位字母、数字或 _.:-',
    en: 'An Idempotency-Key has 8 to 128 letters, digits or _.:-',
  },
  unstorable: {
    zh: '含有无法保存的字符（空字符或残缺的 Unicode 字符），请删除后重新提交',
    en: 'Contains characters that cannot be stored (a NUL or half of a Unicode surrogate pair); remove them and submit again',
  },
  // sign-in and accounts
  loginCodeRequired: { zh: '缺少登录凭证', en: 'The sign-in code is missing' },
  usernameRequired: { zh: '请输入用户名', en: 'Enter the username' },
  passwordRequired: { zh: '请输入密码', en: 'Enter the password' },
  smsCode: { zh: '请输入短信中的 6 位数字验证码', en: 'Enter the 6-digit code from the text message' },
  disableReason: { zh: '请填写停用原因', en: 'Give the reason for disabling the account' },
  currentPasswordRequired: { zh: '请输入当前密码', en: 'Enter your current password' },
  passwordLength: {
    zh: '新密码至少 10 位',
    en: 'The new password needs at least 10 characters',
  },
  passwordLettersDigits: {
    zh: '新密码需同时包含字母和数字',
    en: 'The new password needs both letters and digits',
  },
  passwordUnchanged: {
    zh: '新密码不能与当前密码相同',
    en: 'The new password must differ from the current one',
  },
  // staff accounts (the admin's page)
  usernameFormat: {
    zh: '用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母开头',
    en: 'A username has 3 to 32 lower-case letters, digits, dots, underscores or hyphens, starting with a letter',
  },
  displayNameRequired: { zh: '请输入姓名', en: 'Enter the name' },
  rolesRequired: { zh: '请至少选择一个角色', en: 'Choose at least one role' },
  departmentRequired: {
    zh: '医生等按科室授权的角色须指定所属科室',
    en: 'A role whose reach is its own department (such as doctor) needs a department',
  },
  unknownDepartment: { zh: '科室不存在或已停用', en: 'There is no such department, or it is closed' },
  // catalog
  ageRange: { zh: '最大年龄不能小于最小年龄', en: 'The maximum age cannot be below the minimum age' },
  departmentName: { zh: '请输入科室名称', en: 'Enter the department’s name' },
  doctorName: { zh: '请输入医生姓名', en: 'Enter the doctor’s name' },
  photo: {
    zh: '请填写照片的网址或存储路径',
    en: 'Give the photo’s web address or storage path',
  },
  photoData: { zh: '照片数据应为 base64 编码', en: 'The photo must be sent base64-encoded' },
  roomName: { zh: '请输入名称', en: 'Enter the name' },
  examName: { zh: '请输入检查名称', en: 'Enter the exam’s name' },
  waterTogether: {
    zh: '饮水量和饮水时间需同时填写',
    en: 'Give the amount of water and when to drink it together, or neither',
  },
  searchRequired: { zh: '请输入要搜索的内容', en: 'Type what to search for' },
  searchTooLong: { zh: '搜索内容最多 40 个字', en: 'A search has at most 40 characters' },
  timeZone: {
    zh: '不是有效的时区名称（例如 Asia/Shanghai）',
    en: 'Not a valid time-zone name (for example Asia/Shanghai)',
  },
  // booking
  extraReason: { zh: '加号需填写原因', en: 'An extra place beyond capacity needs a reason' },
  profileOrPatient: {
    zh: '请选择就诊人，或填写患者实名信息（二选一）',
    en: 'Choose a patient profile or give the patient’s real-name details (one of the two)',
  },
  // payment
  orderNo: { zh: '订单号格式不正确', en: 'This order number is not in the expected format' },
  refundAmount: { zh: '退款金额必须大于 0', en: 'A refund must be more than 0' },
  refundReason: { zh: '请填写退款原因', en: 'Give the reason for the refund' },
  // scheduling
  doctorOrExam: {
    zh: '请指定医生或检查项目（二选一）',
    en: 'Give a doctor or an exam service (one of the two)',
  },
  timeOrder: { zh: '结束时间必须晚于开始时间', en: 'The end time must be after the start time' },
  weekday: {
    zh: '星期应为 1（周一）到 7（周日）',
    en: 'The weekday is 1 (Monday) to 7 (Sunday)',
  },
  extraSessionFields: {
    zh: '加开的出诊需填写时段、开始和结束时间、号源时长和每号人数',
    en: 'An extra session needs its period, start and end times, slot length and places per slot',
  },
  capacityFields: {
    zh: '调整号源需填写时段和每号人数',
    en: 'A capacity change needs its period and places per slot',
  },
  slotsScope: {
    zh: '请指定科室、医生或检查项目',
    en: 'Give a department, a doctor or an exam service',
  },
  suspendReason: { zh: '请填写停诊原因', en: 'Give the reason for stopping the clinic' },
  // scheduling: the server's checks against what is stored (server/src/modules/scheduling)
  slotLongerThanSession: {
    zh: '号源时长超过了出诊时长，至少要能排出一个号',
    en: 'The slot length is longer than the session; the session must hold at least one slot',
  },
  unknownDoctor: { zh: '医生不存在', en: 'There is no such doctor' },
  unknownExam: { zh: '检查项目不存在', en: 'There is no such exam service' },
  unknownRoom: { zh: '诊室不存在', en: 'There is no such room' },
  pastDate: {
    zh: '不能修改已经过去的日期的排班',
    en: 'The schedule of a day that has passed cannot be changed',
  },
  extraSessionRoom: {
    zh: '加开出诊沿用该医生或检查项目的排班诊室，暂不支持单独指定诊室',
    en: 'An extra session is held in the doctor’s or exam service’s usual room; it cannot be given a room of its own',
  },
  extraSessionOnly: {
    zh: '只有加开出诊需要填写时间和号源时长',
    en: 'Only an extra session takes start and end times and a slot length',
  },
  dayOffCapacity: { zh: '休息不需要填写每号人数', en: 'A day off takes no places per slot' },
} as const satisfies Record<string, LocalizedText>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;

/** A schema's message for `key`: its Chinese text, which {@link localFieldMessage} knows in every locale. */
export function fieldError(key: FieldMessageKey): string {
  return FIELD_MESSAGES[key].zh;
}

/**
 * Every field message by its Chinese text: the table above and the identity checks' (IDENTITY_MESSAGES, whose
 * schemas hold the Chinese text the same way). Built once, lazily: a Chinese sentence names one message.
 */
let byChinese: Map<string, LocalizedText> | undefined;
function messageOfChinese(zh: string): LocalizedText | undefined {
  byChinese ??= new Map(
    [...Object.values(FIELD_MESSAGES), ...Object.values(IDENTITY_MESSAGES)].map((m) => [m.zh, m]),
  );
  return byChinese.get(zh);
}

/** What a zod issue or a field issue may carry beside its message: a key, or its English. */
export interface FieldMessageParams {
  /** A key of FIELD_MESSAGES or IDENTITY_MESSAGES. */
  key?: string;
  /** The English of a message that is not in a table (guidance checks word theirs from the fields). */
  en?: string;
}

/**
 * A field message in the reader's locale: by the issue's key, or its English, or the Chinese text it holds;
 * a message none of them knows (zod's own, already worded in the locale of the parse) is returned as it is.
 *
 * @param message - the issue's message, Chinese for the contracts' own checks
 * @param locale - the reader's
 * @param params - the issue's `params`, when it has any
 */
export function localFieldMessage(message: string, locale: Locale, params?: FieldMessageParams): string {
  if (locale !== 'en') return message;
  if (params?.en) return params.en;
  const key = params?.key;
  if (key && Object.hasOwn(FIELD_MESSAGES, key)) return FIELD_MESSAGES[key as FieldMessageKey].en;
  if (key && Object.hasOwn(IDENTITY_MESSAGES, key)) {
    return IDENTITY_MESSAGES[key as keyof typeof IDENTITY_MESSAGES].en;
  }
  return messageOfChinese(message)?.en ?? message;
}
