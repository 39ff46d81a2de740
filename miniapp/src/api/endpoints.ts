import type {
  Bill,
  Booking,
  Department,
  Doctor,
  ExamType,
  feesResponse,
  GuidanceTimeline,
  Hospital,
  Order,
  Profile,
  ProfileCreateRequest,
  ProfileUpdateRequest,
  payResponse,
  slotListResponse,
  WaitlistEntryView,
} from '@hospital/shared';
import type { z } from 'zod';
import type { ApiClient } from './client';

export type SlotList = z.infer<typeof slotListResponse>;
export type PayResult = z.infer<typeof payResponse>;
export type Fees = z.infer<typeof feesResponse>;
export type {
  Bill,
  Booking,
  Department,
  Doctor,
  ExamType,
  GuidanceTimeline,
  Hospital,
  Order,
  Profile,
  WaitlistEntryView,
};

/** Hospital notices have no shared contract yet; this is the shape GET /api/v1/notices answers. */
export interface Notice {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
}

interface Items<T> {
  items: T[];
}

/** Form input for a profile: what the user typed, before the server's validation. */
export type ProfileInput = Omit<ProfileCreateRequest, 'phone'> & { phone: string };

/** Every endpoint the patient app calls, typed on the shared contracts. */
export function createEndpoints(client: ApiClient) {
  const get = <T>(path: string, query?: Record<string, string | undefined>, auth = true) =>
    client.request<T>('GET', path, { query, auth });
  const id = encodeURIComponent;
  return {
    hospital: () => get<Hospital>('/api/v1/hospital', undefined, false),
    notices: () => get<Items<Notice>>('/api/v1/notices', undefined, false),
    departments: () => get<Items<Department>>('/api/v1/departments', undefined, false),
    doctors: (departmentId: string) =>
      get<Items<Doctor>>(`/api/v1/departments/${id(departmentId)}/doctors`, undefined, false),
    doctor: (doctorId: string) => get<Doctor>(`/api/v1/doctors/${id(doctorId)}`, undefined, false),
    examTypes: () => get<Items<ExamType>>('/api/v1/exam-types', undefined, false),
    examType: (code: string) => get<ExamType>(`/api/v1/exam-types/${id(code)}`, undefined, false),
    slots: (query: {
      doctorId?: string;
      examTypeCode?: string;
      departmentId?: string;
      from?: string;
      to?: string;
    }) => get<SlotList>('/api/v1/slots', query, false),
    fees: () => get<Fees>('/api/v1/fees', undefined, false),

    profiles: () => get<Items<Profile> & { max: number }>('/api/v1/me/profiles'),
    addProfile: (body: ProfileInput) => client.request<Profile>('POST', '/api/v1/me/profiles', { body }),
    updateProfile: (profileId: string, body: ProfileUpdateRequest) =>
      client.request<Profile>('PATCH', `/api/v1/me/profiles/${id(profileId)}`, { body }),
    removeProfile: (profileId: string) =>
      client.request<unknown>('DELETE', `/api/v1/me/profiles/${id(profileId)}`),

    myBookings: () => get<Items<Booking>>('/api/v1/me/bookings'),
    booking: (bookingId: string) => get<Booking>(`/api/v1/bookings/${id(bookingId)}`),
    book: (body: { slotId: string; profileId: string }, idempotencyKey: string) =>
      client.request<Booking>('POST', '/api/v1/bookings', { body, idempotencyKey }),
    cancel: (bookingId: string, idempotencyKey: string) =>
      client.request<Booking>('POST', `/api/v1/bookings/${id(bookingId)}/cancel`, {
        body: {},
        idempotencyKey,
      }),
    guidance: (bookingId: string) => get<GuidanceTimeline>(`/api/v1/bookings/${id(bookingId)}/guidance`),
    pay: (bookingId: string, idempotencyKey: string) =>
      client.request<PayResult>('POST', `/api/v1/bookings/${id(bookingId)}/pay`, { idempotencyKey }),
    confirmLocalPayment: (orderNo: string) =>
      client.request<Order>('POST', `/api/v1/payments/local/${id(orderNo)}/confirm`),

    joinWaitlist: (body: { sessionId: string; profileId: string }) =>
      client.request<WaitlistEntryView>('POST', '/api/v1/waitlist', { body }),
    myWaitlist: () => get<Items<WaitlistEntryView>>('/api/v1/me/waitlist'),
    leaveWaitlist: (entryId: string) => client.request<unknown>('DELETE', `/api/v1/waitlist/${id(entryId)}`),

    bills: () => get<Items<Bill>>('/api/v1/me/bills'),
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
