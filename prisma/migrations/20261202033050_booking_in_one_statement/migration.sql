-- CreateIndex
CREATE INDEX "booking_hold_by_slot_idx" ON "booking"("slot_id", "hold_expires_at") WHERE (status = 'PENDING_PAYMENT'::"BookingStatus");

-- The per-profile limits of DOMAIN.md (against scalping), as the code of the first one a new booking would
-- break, or NULL: already booked on this slot, per doctor session, per department and day, active bookings still
-- ahead. The one place these limits are counted (book_place below; booking/use-cases/limits.ts for a waitlist
-- offer or a late payment). The caller holds the profile's row lock.
CREATE FUNCTION booking_limit_refusal(
  p_profile uuid,
  p_slot uuid,
  p_session uuid,
  p_department uuid,
  p_date date,
  p_has_doctor boolean,
  p_now timestamptz,
  p_max_per_session integer,
  p_max_per_department_day integer,
  p_max_active integer
) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT CASE
           WHEN c.slot > 0 THEN 'ALREADY_BOOKED'
           WHEN p_has_doctor AND c.session >= p_max_per_session THEN 'LIMIT_DOCTOR_SESSION'
           WHEN c.department_day >= p_max_per_department_day THEN 'LIMIT_DEPARTMENT_DAY'
           WHEN c.active >= p_max_active THEN 'LIMIT_ACTIVE_BOOKINGS'
         END
    FROM (SELECT count(*) FILTER (WHERE live AND b.slot_id = p_slot) AS slot,
                 count(*) FILTER (WHERE live AND b.session_id = p_session) AS session,
                 count(*) FILTER (WHERE live AND b.department_id = p_department AND b.date = p_date) AS department_day,
                 count(*) FILTER (WHERE b.status IN ('PENDING_PAYMENT', 'CONFIRMED') AND b.starts_at > p_now) AS active
            FROM booking b
           CROSS JOIN LATERAL (SELECT b.status IN ('PENDING_PAYMENT', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED') AS live) l
           WHERE b.profile_id = p_profile) c
$$;

-- One booking in one statement (docs/decisions/031-booking-in-one-statement.md): what must be decided under
-- locks, decided by PostgreSQL without a round trip to the server in between. Called by booking.repository.ts
-- (`place`); the server has checked before, from one read, what needs no lock (the slot exists, is released, the
-- profile is eligible, not suspended). Nothing is written unless the booking is: a refusal answers its code.
--
--   1. the profile, row-locked for this statement: one profile's limits are decided one booking at a time
--      (two devices of one patient: the second counts the first);
--   2. the session is not stopped (停诊), read in this statement;
--   3. the limits: already booked here, per doctor session, per department and day, active bookings ahead;
--   4. the place: the conditional update of the slot's counter (加号 counts apart, staff only);
--   5. the booking, then its domain event (the transaction's id was taken by the writes above, before the
--      event's position is drawn: server/src/modules/events/event-log.ts).
CREATE FUNCTION book_place(
  p_id uuid,
  p_slot uuid,
  p_profile uuid,
  p_account uuid,
  p_channel "BookingChannel",
  p_status "BookingStatus",
  p_fee_fen integer,
  p_hold_expires_at timestamptz,
  p_now timestamptz,
  p_extra_reason text,
  p_staff uuid,
  p_max_per_session integer,
  p_max_per_department_day integer,
  p_max_active integer,
  p_event_type text,
  p_event_payload jsonb,
  p_actor_type "ActorType",
  p_actor_id text,
  p_request_id text
) RETURNS TABLE (outcome text, created_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  v_account uuid;
  v_session record;
  v_refusal text;
  v_created timestamptz;
BEGIN
  SELECT p.account_id INTO v_account FROM profile p
   WHERE p.id = p_profile AND p.deleted_at IS NULL AND (p_account IS NULL OR p.account_id = p_account)
     FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'PROFILE_NOT_FOUND', NULL::timestamptz;
    RETURN;
  END IF;

  SELECT s.session_id, s.starts_at, s.ends_at, cs.department_id, cs.doctor_id, cs.exam_type_id, cs.date,
         cs.suspended_at
    INTO v_session FROM slot s JOIN clinic_session cs ON cs.id = s.session_id WHERE s.id = p_slot;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'SLOT_NOT_FOUND', NULL::timestamptz;
    RETURN;
  END IF;
  IF v_session.suspended_at IS NOT NULL THEN
    RETURN QUERY SELECT 'SESSION_SUSPENDED', NULL::timestamptz;
    RETURN;
  END IF;

  v_refusal := booking_limit_refusal(p_profile, p_slot, v_session.session_id, v_session.department_id,
                                     v_session.date, v_session.doctor_id IS NOT NULL, p_now, p_max_per_session,
                                     p_max_per_department_day, p_max_active);
  IF v_refusal IS NOT NULL THEN
    RETURN QUERY SELECT v_refusal, NULL::timestamptz;
    RETURN;
  END IF;

  IF p_extra_reason IS NULL THEN
    UPDATE slot SET booked = booked + 1 WHERE id = p_slot AND booked < capacity;
    IF NOT FOUND THEN
      RETURN QUERY SELECT 'SLOT_FULL', NULL::timestamptz;
      RETURN;
    END IF;
  ELSE
    UPDATE slot SET extra = extra + 1 WHERE id = p_slot;
  END IF;

  INSERT INTO booking (id, slot_id, session_id, profile_id, account_id, department_id, doctor_id, exam_type_id,
                       date, starts_at, ends_at, status, channel, fee_fen, hold_expires_at, is_extra, extra_reason,
                       created_by_staff, updated_at, confirmed_at)
  VALUES (p_id, p_slot, v_session.session_id, p_profile, v_account, v_session.department_id, v_session.doctor_id,
          v_session.exam_type_id, v_session.date, v_session.starts_at, v_session.ends_at, p_status, p_channel,
          p_fee_fen, p_hold_expires_at, p_extra_reason IS NOT NULL, p_extra_reason, p_staff, p_now,
          CASE WHEN p_status = 'CONFIRMED' THEN p_now END)
  RETURNING booking.created_at INTO v_created;

  INSERT INTO domain_event (type, aggregate_type, aggregate_id, payload, occurred_at, actor_type, actor_id,
                            request_id, xid)
  VALUES (p_event_type, 'booking', p_id::text, p_event_payload, p_now, p_actor_type, p_actor_id, p_request_id,
          pg_current_xact_id()::text::bigint);

  RETURN QUERY SELECT 'BOOKED', v_created;
END
$$;
