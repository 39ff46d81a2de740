import {
  type Booking,
  DEFAULT_HOSPITAL_RULES,
  type Doctor,
  type ExamType,
  type Hospital,
  type Profile,
} from '@hospital/shared';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { SlotList } from '../../miniapp/src/api/types';
import { resetTaro, storage } from './doubles/taro';

export const BASE = 'http://api.test';
type Slot = SlotList['items'][number];

export const DOCTOR_ID = '11111111-1111-4111-8111-111111111111';
export const DEPARTMENT_ID = '22222222-2222-4222-8222-222222222222';
export const PROFILE_ID = '33333333-3333-4333-8333-333333333333';

export const hospital: Hospital = {
  code: 'TEST',
  name: '测试医院',
  nameEn: null,
  timeZone: 'Asia/Shanghai',
  address: null,
  phone: null,
  complaintPhone: null,
  rules: DEFAULT_HOSPITAL_RULES,
  updatedAt: '2026-11-01T00:00:00.000Z',
};

export function slot(over: Partial<Slot> = {}): Slot {
  return {
    id: '44444444-4444-4444-8444-444444444444',
    sessionId: '55555555-5555-4555-8555-555555555555',
    date: '2026-11-24',
    period: 'AM',
    startsAt: '2026-11-24T00:00:00.000Z',
    endsAt: '2026-11-24T00:30:00.000Z',
    startTime: '08:00',
    endTime: '08:30',
    capacity: 2,
    placesLeft: 2,
    status: 'OPEN',
    releaseAt: '2026-11-17T23:00:00.000Z',
    feeFen: 3000,
    departmentId: DEPARTMENT_ID,
    doctorId: DOCTOR_ID,
    doctorName: '王建国',
    doctorNameEn: null,
    examTypeId: null,
    examTypeName: null,
    examTypeNameEn: null,
    suspendReason: null,
    waitlistLength: 0,
    ...over,
  };
}

/** 王建国 of 心血管内科, an expert clinic, with no English name and no photo unless given. */
export function doctor(over: Partial<Doctor> = {}): Doctor {
  return {
    id: DOCTOR_ID,
    code: 'D1',
    departmentId: DEPARTMENT_ID,
    departmentName: '心血管内科',
    departmentNameEn: 'Cardiology',
    name: '王建国',
    nameEn: null,
    photoUrl: null,
    title: 'CHIEF_PHYSICIAN',
    titleLabel: '主任医师',
    feeCategory: 'EXPERT',
    feeFen: 3000,
    specialty: '高血压',
    bio: '从事心血管内科临床工作20年。',
    active: true,
    allowedSex: null,
    minAge: null,
    maxAge: null,
    restrictions: [],
    ...over,
  };
}

export const slotList = (items: Slot[]): SlotList => ({
  serverTime: '2026-11-23T02:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  items,
});

export const profile: Profile = {
  id: PROFILE_ID,
  name: '张三',
  idType: 'RESIDENT_ID',
  idNumberMasked: '1****************4',
  guardian: null,
  phoneMasked: '*******5678',
  birthDate: '1980-01-01',
  sex: 'MALE',
  relationship: 'SELF',
  createdAt: '2026-11-01T00:00:00.000Z',
};

export function booking(over: Partial<Booking> = {}): Booking {
  return {
    id: '66666666-6666-4666-8666-666666666666',
    status: 'PENDING_PAYMENT',
    statusLabel: '待支付',
    channel: 'MINIAPP',
    slotId: slot().id,
    sessionId: slot().sessionId,
    date: '2026-11-24',
    period: 'AM',
    startsAt: '2026-11-24T00:00:00.000Z',
    endsAt: '2026-11-24T00:30:00.000Z',
    startTime: '08:00',
    endTime: '08:30',
    feeFen: 3000,
    holdExpiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    cancelDeadline: '2026-11-23T22:00:00.000Z',
    canCancel: true,
    profile: { id: PROFILE_ID, name: '张三' },
    department: { id: DEPARTMENT_ID, name: '心血管内科', nameEn: null, location: '门诊楼2层A区' },
    doctor: { id: DOCTOR_ID, name: '王建国', nameEn: null, title: 'CHIEF_PHYSICIAN', titleLabel: '主任医师' },
    examType: null,
    isExtra: false,
    cancelReason: null,
    stopReason: null,
    createdAt: '2026-11-23T02:00:00.000Z',
    ...over,
  };
}

export const EXAM_ID = '77777777-7777-4777-8777-777777777777';

/** 腹部超声 of 超声科 (fasting 8 hours), with no English names unless given. */
export function examType(over: Partial<ExamType> = {}): ExamType {
  return {
    id: EXAM_ID,
    code: 'US-ABD',
    name: '腹部超声（肝胆胰脾）',
    nameEn: null,
    category: 'IMAGING',
    departmentId: DEPARTMENT_ID,
    departmentName: '超声科',
    departmentNameEn: null,
    roomId: null,
    feeFen: 12000,
    durationMinutes: 15,
    location: { building: '医技楼', floor: '2层', room: '超声科（超声1室）', route: '经2楼连廊进入医技楼' },
    preparation: {
      fastingHours: 8,
      fastingWater: 'NONE',
      noWaterHours: null,
      fullBladder: false,
      waterMl: null,
      waterMinutesBefore: null,
      stopMedication: null,
      bringPriorFilms: false,
      arriveEarlyMinutes: 15,
      notes: '检查前8小时禁食，当日早晨不要喝水、不吃早餐。',
    },
    whatToExpect: '平躺露出腹部。',
    afterCare: '擦净耦合剂即可。',
    resultReadyMinutes: 30,
    resultReadyText: '检查后30分钟内在超声科分诊台领取纸质报告。',
    active: true,
    allowedSex: null,
    minAge: null,
    maxAge: null,
    restrictions: [],
    ...over,
  };
}

export const apiError = (code: string, message: string) => ({ error: { code, message, requestId: 'test' } });

/**
 * An msw server for one test file, with a signed-in patient (tokens in storage) before each test and the
 * Taro doubles reset. Register per-test answers with `server.use(...)`.
 */
export function signedInServer() {
  // The hospital (name, phone, rules) is read by many pages, the home page among them: answered by default.
  const server = setupServer(http.get(`${BASE}/api/v1/hospital`, () => HttpResponse.json(hospital)));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    resetTaro();
    storage.set('auth.access', 'token');
    storage.set('auth.refresh', 'refresh');
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
