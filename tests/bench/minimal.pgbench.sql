-- The anchor: the least SQL that keeps the booking's capacity invariant — one statement, the conditional update
-- of the slot's counter and the booking's insert in one CTE — with nothing else (no limits, no holds, no
-- domain event). What the project's booking (booking.pgbench.sql, and through HTTP) is measured against. Run by
-- booking.bench.ts as
--   pgbench -n -M extended -c 20 -j 2 -t <per_client> -f minimal.pgbench.sql -D tag=minimal -D slot=… …
-- Every transaction books another patient (bench_patient, numbered per client) on one hot slot whose capacity
-- never runs out.
\set n :n + 1
\set i :client_id * :per_client + :n
SELECT profile_id AS profile, account_id AS account FROM bench_patient WHERE tag = :tag AND n = :i \gset
WITH place AS (
  UPDATE slot SET booked = booked + 1 WHERE id = :slot::uuid AND booked < capacity
  RETURNING id, session_id, starts_at, ends_at
)
INSERT INTO booking (id, slot_id, session_id, profile_id, account_id, department_id, doctor_id, date, starts_at,
                     ends_at, status, channel, fee_fen, hold_expires_at, updated_at)
SELECT gen_random_uuid(), place.id, place.session_id, :profile::uuid, :account::uuid, :department::uuid,
       :doctor::uuid, :date::date, place.starts_at, place.ends_at, 'PENDING_PAYMENT', 'MINIAPP', :fee::int,
       now() + interval '15 minutes', now()
  FROM place;
