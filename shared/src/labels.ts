import type { BookingShownStatus } from './booking-status';
import type { Order, OrderStatus, RefundStatus } from './contracts/payment';
import type {
  DoctorTitle,
  FeeCategory,
  IdType,
  KeptSlotReason,
  Relationship,
  Role,
  RoomKind,
  RosterExceptionKind,
  SessionPeriod,
  Sex,
  SlotStatus,
  WaitlistStatus,
} from './enums';
import type { Locale } from './errors';

/**
 * The words for every enum a person sees, per locale: the one place both the server (`*Label` fields, which
 * follow the request's Accept-Language) and the mini-program (which renders from the enum value, so a locale
 * switch applies without reloading) read them from.
 */
export interface LabelSet {
  role: Record<Role, string>;
  doctorTitle: Record<DoctorTitle, string>;
  feeCategory: Record<FeeCategory, string>;
  roomKind: Record<RoomKind, string>;
  idType: Record<IdType, string>;
  sex: Record<Sex, string>;
  relationship: Record<Relationship, string>;
  period: Record<SessionPeriod, string>;
  /** ISO weekdays, 1 = Monday … 7 = Sunday (the roster's numbering). */
  weekday: Record<1 | 2 | 3 | 4 | 5 | 6 | 7, string>;
  rosterException: Record<RosterExceptionKind, string>;
  slotStatus: Record<SlotStatus, string>;
  /** Why a booked slot was kept as it was when the roster changed (the generation report's `kept`). */
  keptSlot: Record<KeptSlotReason, string>;
  /** Statuses as shown (`shownBookingStatus`): 停诊 apart from an ordinary cancel. */
  bookingStatus: Record<BookingShownStatus, string>;
  waitlist: Record<WaitlistStatus, string>;
  orderStatus: Record<OrderStatus, string>;
  /** What an order pays for; a bill's registration line reads `<doctor> 挂号` / `Registration · <doctor>`. */
  orderKind: Record<Order['kind'], string>;
  refundStatus: Record<RefundStatus, string>;
}

export const LABELS: Record<Locale, LabelSet> = {
  'zh-CN': {
    role: {
      patient: '患者',
      clerk: '窗口工作人员',
      doctor: '医生',
      scheduler: '排班管理员',
      complaints_officer: '医患办',
      quality_officer: '质控办',
      admin: '系统管理员',
    },
    doctorTitle: {
      CHIEF_PHYSICIAN: '主任医师',
      ASSOCIATE_CHIEF_PHYSICIAN: '副主任医师',
      ATTENDING_PHYSICIAN: '主治医师',
      RESIDENT_PHYSICIAN: '住院医师',
    },
    feeCategory: { GENERAL: '普通号', EXPERT: '专家号', SPECIAL: '特需号' },
    roomKind: { CONSULTING: '诊室', EXAM: '检查室', WINDOW: '窗口' },
    idType: {
      RESIDENT_ID: '居民身份证',
      HK_MACAO_PERMIT: '港澳居民来往内地通行证',
      TAIWAN_PERMIT: '台湾居民来往大陆通行证',
      FOREIGN_PERMANENT_ID: '外国人永久居留身份证',
      PASSPORT: '护照',
      CHILD_NO_ID: '无证件儿童',
    },
    sex: { MALE: '男', FEMALE: '女' },
    relationship: { SELF: '本人', SPOUSE: '配偶', CHILD: '子女', PARENT: '父母', OTHER: '其他' },
    period: { AM: '上午', PM: '下午', EVENING: '夜间' },
    weekday: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
    rosterException: { DAY_OFF: '停诊', EXTRA_SESSION: '加诊', CAPACITY: '调整号源' },
    slotStatus: { OPEN: '可预约', FULL: '约满', NOT_RELEASED: '未放号', PAST: '已过', SUSPENDED: '停诊' },
    keptSlot: {
      times: '该号源已有预约，保留原时段（新排班中此时段的起止时间已改变）',
      capacity: '该号源已有预约，每号人数未按新排班减少',
      notPlanned: '该号源已有预约，保留原号源（新排班中已没有这个时段）',
      sessionRemoved: '该出诊已不在排班中（休息或排班停用），但号源已有预约，已保留；如需取消请使用停诊',
      bookedMeanwhile: '生成号源期间该号源刚被预约，已保留原样',
    },
    bookingStatus: {
      PENDING_PAYMENT: '待支付',
      CONFIRMED: '已预约',
      CHECKED_IN: '已签到',
      COMPLETED: '已就诊',
      CANCELLED: '已取消',
      EXPIRED: '已过期',
      NO_SHOW: '爽约',
      STOPPED: '停诊',
    },
    waitlist: {
      WAITING: '候补中',
      OFFERED: '待支付',
      BOOKED: '已转预约',
      CANCELLED: '已退出',
      LAPSED: '已失效',
    },
    orderStatus: {
      CREATED: '待支付',
      PAYING: '支付中',
      PAID: '已支付',
      REFUNDING: '退款中',
      REFUNDED: '已退款',
      PARTIALLY_REFUNDED: '部分退款',
      CLOSED: '已关闭',
    },
    orderKind: { REGISTRATION: '挂号', EXAM: '检查' },
    refundStatus: { REQUESTED: '退款中', PROCESSING: '退款中', SUCCEEDED: '已退款', FAILED: '退款失败' },
  },
  en: {
    role: {
      patient: 'Patient',
      clerk: 'Registration clerk',
      doctor: 'Doctor',
      scheduler: 'Scheduler',
      complaints_officer: 'Patient relations officer',
      quality_officer: 'Quality officer',
      admin: 'Administrator',
    },
    doctorTitle: {
      CHIEF_PHYSICIAN: 'Chief physician',
      ASSOCIATE_CHIEF_PHYSICIAN: 'Associate chief physician',
      ATTENDING_PHYSICIAN: 'Attending physician',
      RESIDENT_PHYSICIAN: 'Resident physician',
    },
    feeCategory: { GENERAL: 'General', EXPERT: 'Expert', SPECIAL: 'Special needs' },
    roomKind: { CONSULTING: 'Consulting room', EXAM: 'Exam room', WINDOW: 'Window' },
    idType: {
      RESIDENT_ID: 'Resident ID card',
      HK_MACAO_PERMIT: 'Mainland Travel Permit (Hong Kong/Macao)',
      TAIWAN_PERMIT: 'Mainland Travel Permit (Taiwan)',
      FOREIGN_PERMANENT_ID: 'Foreign Permanent Resident ID',
      PASSPORT: 'Passport',
      CHILD_NO_ID: 'Child without an ID',
    },
    sex: { MALE: 'Male', FEMALE: 'Female' },
    relationship: { SELF: 'Self', SPOUSE: 'Spouse', CHILD: 'Child', PARENT: 'Parent', OTHER: 'Other' },
    period: { AM: 'Morning', PM: 'Afternoon', EVENING: 'Evening' },
    weekday: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
    rosterException: { DAY_OFF: 'Day off', EXTRA_SESSION: 'Extra session', CAPACITY: 'Capacity change' },
    slotStatus: {
      OPEN: 'Open',
      FULL: 'Full',
      NOT_RELEASED: 'Not yet released',
      PAST: 'Past',
      SUSPENDED: 'Stopped',
    },
    keptSlot: {
      times: 'Booked: kept at its old time (the new roster moves this slot’s times)',
      capacity: 'Booked: its places were not reduced to the new roster’s number',
      notPlanned: 'Booked: kept (the new roster no longer has this slot)',
      sessionRemoved:
        'The session is no longer rostered (a day off, or the roster turned off), but the slot is booked and was kept; stop the clinic to cancel it',
      bookedMeanwhile: 'Booked while the slots were being made: kept as it was',
    },
    bookingStatus: {
      PENDING_PAYMENT: 'Awaiting payment',
      CONFIRMED: 'Booked',
      CHECKED_IN: 'Checked in',
      COMPLETED: 'Seen',
      CANCELLED: 'Cancelled',
      EXPIRED: 'Expired',
      NO_SHOW: 'Missed',
      STOPPED: 'Clinic stopped',
    },
    waitlist: {
      WAITING: 'Waiting',
      OFFERED: 'Awaiting payment',
      BOOKED: 'Booked',
      CANCELLED: 'Left',
      LAPSED: 'Lapsed',
    },
    orderStatus: {
      CREATED: 'Awaiting payment',
      PAYING: 'Paying',
      PAID: 'Paid',
      REFUNDING: 'Refunding',
      REFUNDED: 'Refunded',
      PARTIALLY_REFUNDED: 'Partly refunded',
      CLOSED: 'Closed',
    },
    orderKind: { REGISTRATION: 'Registration', EXAM: 'Exam' },
    refundStatus: {
      REQUESTED: 'Refund under way',
      PROCESSING: 'Refund under way',
      SUCCEEDED: 'Refunded',
      FAILED: 'Refund failed',
    },
  },
};

/** The labels of a locale. */
export function labelsFor(locale: Locale): LabelSet {
  return LABELS[locale];
}
