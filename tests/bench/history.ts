// A year of past clinics for every active doctor, written with INSERT … SELECT generate_series (seconds, not
// minutes): Monday–Friday AM and PM, Saturday AM, eight 30-minute slots of 4 places, ~90 % of places booked,
// bookings COMPLETED or (about one in seven) CANCELLED. Past days only, so the booking window is untouched.
import type { SqlExecutor } from '../../server/src/db/sql';
import { insertPatients } from './support';

export async function insertHistory(sql: SqlExecutor, opts: { days: number; patients: number }) {
  await insertPatients(sql, 'history', opts.patients);
  const tz = `(SELECT time_zone FROM hospital LIMIT 1)`;
  const today = `(now() AT TIME ZONE ${tz})::date`;
  await sql.query(
    `INSERT INTO clinic_session (id, department_id, doctor_id, date, period, starts_at, ends_at, fee_fen, updated_at)
     SELECT gen_random_uuid(), d.department_id, d.id, g.day::date, p.period::"SessionPeriod",
            (g.day::date + p.starts) AT TIME ZONE ${tz}, (g.day::date + p.ends) AT TIME ZONE ${tz}, 5000, now()
       FROM doctor d
      CROSS JOIN generate_series((${today} - $1::int)::timestamp, (${today} - 1)::timestamp, interval '1 day') AS g(day)
      CROSS JOIN (VALUES ('AM', time '08:00', time '12:00'), ('PM', time '13:30', time '17:30')) AS p(period, starts, ends)
      WHERE d.active AND extract(isodow FROM g.day) < 7 AND NOT (extract(isodow FROM g.day) = 6 AND p.period = 'PM')
     ON CONFLICT DO NOTHING`,
    [opts.days],
  );
  await sql.exec(
    `INSERT INTO slot (id, session_id, starts_at, ends_at, capacity, booked)
     SELECT gen_random_uuid(), cs.id, cs.starts_at + i * interval '30 minutes', cs.starts_at + (i + 1) * interval '30 minutes', 4, 0
       FROM clinic_session cs CROSS JOIN generate_series(0, 7) AS i
      WHERE cs.date < ${today}`,
  );
  // Patients by a hash of the slot: k = 1…4 give four different patients per slot (the live-booking unique index).
  await sql.query(
    `INSERT INTO booking (id, slot_id, session_id, profile_id, account_id, department_id, doctor_id, date, starts_at,
                          ends_at, status, channel, fee_fen, created_at, updated_at, confirmed_at, completed_at,
                          cancelled_at, cancel_reason)
     SELECT gen_random_uuid(), s.id, cs.id, p.profile_id, p.account_id, cs.department_id, cs.doctor_id, cs.date,
            s.starts_at, s.ends_at, CASE WHEN h.cancelled THEN 'CANCELLED' ELSE 'COMPLETED' END::"BookingStatus",
            'MINIAPP', cs.fee_fen, s.starts_at - interval '3 days', s.ends_at, s.starts_at - interval '3 days',
            CASE WHEN h.cancelled THEN NULL ELSE s.ends_at END, CASE WHEN h.cancelled THEN s.starts_at - interval '1 day' END,
            CASE WHEN h.cancelled THEN '患者取消预约' END
       FROM slot s
       JOIN clinic_session cs ON cs.id = s.session_id AND cs.date < ${today}
      CROSS JOIN generate_series(1, 4) AS k
      CROSS JOIN LATERAL (SELECT abs(hashtext(s.id::text)) + k AS v) AS x
      CROSS JOIN LATERAL (SELECT x.v % 7 = 0 AS cancelled, x.v % 10 = 0 AS empty) AS h
       JOIN bench_patient p ON p.tag = 'history' AND p.n = 1 + x.v % $1::int
      WHERE NOT h.empty`,
    [opts.patients],
  );
  await sql.exec(
    `UPDATE slot s SET booked = c.n
       FROM (SELECT slot_id, count(*)::int AS n FROM booking WHERE status = 'COMPLETED' GROUP BY slot_id) AS c
      WHERE c.slot_id = s.id AND s.starts_at < now()`,
  );
  await sql.exec('VACUUM ANALYZE');
  const [counts] = await sql.query<{ sessions: number; slots: number; bookings: number }>(
    `SELECT (SELECT count(*) FROM clinic_session WHERE date < ${today})::int AS sessions,
            (SELECT count(*) FROM slot WHERE starts_at < now())::int AS slots,
            (SELECT count(*) FROM booking)::int AS bookings`,
  );
  return counts!;
}
