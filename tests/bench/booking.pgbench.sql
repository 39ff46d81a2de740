-- The database ceiling for one booking: the essential SQL of booking.service.ts `book` in one transaction,
-- without Node, Prisma or HTTP. Run by booking.bench.ts as
--   pgbench -n -M extended -c 20 -j 2 -t <per_client> -f booking.pgbench.sql
--           -D n=0 -D per_client=… -D slot=… -D session=… -D department=… -D doctor=… -D date=… -D fee=…
-- Every transaction books a different patient (bench_patient tag 'pgbench', numbered per client; pgbench keeps
-- a client's variables between transactions) on one hot slot whose capacity never runs out.
\set n :n + 1
\set i :client_id * :per_client + :n
SELECT profile_id AS profile, account_id AS account, id_number_hash AS hash
  FROM bench_patient WHERE tag = 'pgbench' AND n = :i \gset
BEGIN;
-- the profile, row-locked (serialises one profile's limits and duplicates)
SELECT id, account_id, id_number_hash FROM profile WHERE id = :profile::uuid AND deleted_at IS NULL FOR UPDATE;
-- the slot with its session and department
SELECT s.id, s.capacity, s.starts_at, cs.date, cs.fee_fen, cs.suspended_at, dep.active
  FROM slot s JOIN clinic_session cs ON cs.id = s.session_id JOIN department dep ON dep.id = cs.department_id
 WHERE s.id = :slot::uuid;
-- no-show suspension
SELECT id FROM booking_suspension WHERE id_number_hash = :hash AND until > now() ORDER BY until DESC LIMIT 1;
-- the limits in one pass: already booked, per doctor session, per department and day, active bookings
SELECT count(*) FILTER (WHERE status IN ('PENDING_PAYMENT', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')
                          AND slot_id = :slot::uuid),
       count(*) FILTER (WHERE status IN ('PENDING_PAYMENT', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')
                          AND session_id = :session::uuid),
       count(*) FILTER (WHERE status IN ('PENDING_PAYMENT', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')
                          AND department_id = :department::uuid AND date = :date::date),
       count(*) FILTER (WHERE status IN ('PENDING_PAYMENT', 'CONFIRMED') AND starts_at > now())
  FROM booking WHERE profile_id = :profile::uuid;
-- lapsed holds on this slot go back first
SELECT id FROM booking WHERE status = 'PENDING_PAYMENT' AND hold_expires_at <= now() AND slot_id = :slot::uuid
 ORDER BY hold_expires_at LIMIT 200 FOR UPDATE SKIP LOCKED;
-- the booking, then the place, last before the commit (the slot row stays locked from the update to the commit)
INSERT INTO booking (id, slot_id, session_id, profile_id, account_id, department_id, doctor_id, date, starts_at,
                     ends_at, status, channel, fee_fen, hold_expires_at, updated_at)
SELECT gen_random_uuid(), s.id, s.session_id, :profile::uuid, :account::uuid, :department::uuid,
       :doctor::uuid, :date::date, s.starts_at, s.ends_at, 'PENDING_PAYMENT', 'MINIAPP', :fee::int,
       now() + interval '15 minutes', now()
  FROM slot s WHERE s.id = :slot::uuid;
-- the domain event (server/src/modules/events/event-log.ts): the transaction's id first, then the row
SELECT pg_current_xact_id()::text AS xid FROM (SELECT pg_notify('domain_event', '')) AS notified;
INSERT INTO domain_event (type, aggregate_type, aggregate_id, payload, occurred_at, actor_type, xid)
VALUES ('booking.booked', 'booking', gen_random_uuid()::text, jsonb_build_object('slotId', :slot::text), now(), 'patient',
        pg_current_xact_id()::text::bigint);
UPDATE slot SET booked = booked + 1 WHERE id = :slot::uuid AND booked < capacity;
COMMIT;
