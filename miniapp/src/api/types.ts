// The answers and request bodies the patient app handles, named once, from the shared contracts (types only:
// nothing here reaches the bundle).
import type { RequestBody, ResponseOf } from '@hospital/shared/api';

export type {
  Bill,
  Booking,
  Department,
  Doctor,
  ExamType,
  GuidanceTimeline,
  Hospital,
  Notice,
  Order,
  Profile,
  WaitlistEntryView,
} from '@hospital/shared';

export type SlotList = ResponseOf<'scheduling.slots'>;
export type PayResult = ResponseOf<'payment.pay'>;
export type Fees = ResponseOf<'payment.fees'>;
/** Form input for a profile: what the user typed, before the server's validation. */
export type ProfileInput = RequestBody<'profiles.create'>;
