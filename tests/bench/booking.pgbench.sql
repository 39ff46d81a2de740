-- The database ceiling for one booking: the SQL of use-cases/book.ts without Node, Prisma or HTTP — the read
-- (booking.repository.ts `bookingFacts`; keep the two in step) and the one statement (`book_place`, from the
-- migration 20261202033050_booking_in_one_statement). Run by booking.bench.ts as
--   pgbench -n -M extended -c 20 -j 2 -t <per_client> -f booking.pgbench.sql -D tag=pgbench
--           -D n=0 -D per_client=… -D slot=… -D session=… -D department=… -D doctor=… -D date=… -D fee=…
-- Every transaction books a different patient (bench_patient, numbered per client; pgbench keeps a client's
-- variables between transactions) on one hot slot whose capacity never runs out. The server's coalesced
-- notification of the event dispatchers (one in flight per instance, not one per booking) is left out.
\set n :n + 1
\set i :client_id * :per_client + :n
SELECT profile_id AS profile, account_id AS account FROM bench_patient WHERE tag = :tag AND n = :i \gset
-- 1. what needs no lock, in one read
SELECT s.id, s.session_id, s.starts_at, s.ends_at,
       s.booked >= s.capacity AND NOT EXISTS (
         SELECT 1 FROM booking h WHERE h.slot_id = s.id AND h.status = 'PENDING_PAYMENT' AND h.hold_expires_at <= now()) AS full,
       to_char(cs.date, 'YYYY-MM-DD'), cs.period::text, cs.ends_at, cs.fee_fen, cs.suspended_at, cs.suspend_reason,
       cs.department_id, cs.doctor_id, cs.exam_type_id, dep.active, dep.pediatric, dep.name, dep.name_en,
       dep.location, dep.allowed_sex::text, dep.min_age, dep.max_age, doc.name, doc.name_en, doc.title::text,
       doc.allowed_sex::text, doc.min_age, doc.max_age, ex.code, ex.name, ex.name_en, ex.building, ex.floor, ex.room,
       ex.allowed_sex::text, ex.min_age, ex.max_age, p.id, p.account_id, p.name, p.sex::text,
       to_char(p.birth_date, 'YYYY-MM-DD'), p.id_number_hash, p.guardian_id_number_hash,
       (SELECT max(bs.until) FROM booking_suspension bs WHERE bs.id_number_hash = p.id_number_hash AND bs.until > now())
  FROM slot s
  JOIN clinic_session cs ON cs.id = s.session_id
  JOIN department dep ON dep.id = cs.department_id
  LEFT JOIN doctor doc ON doc.id = cs.doctor_id
  LEFT JOIN exam_type ex ON ex.id = cs.exam_type_id
  LEFT JOIN profile p ON p.id = :profile::uuid AND p.deleted_at IS NULL
 WHERE s.id = :slot::uuid;
-- 2. the booking in one statement: the limits under the profile's lock, the place, the booking, its event
SELECT outcome, created_at FROM book_place(
  gen_random_uuid(), :slot::uuid, :profile::uuid, :account::uuid, 'MINIAPP', 'PENDING_PAYMENT', :fee::int,
  now() + interval '15 minutes', now(), NULL, NULL, 1, 1, 5, 'booking.booked',
  jsonb_build_object('slotId', :slot::text, 'profileId', :profile::text, 'departmentId', :department::text,
                     'doctorId', :doctor::text, 'date', :date::text),
  'patient', :account::text, NULL);
