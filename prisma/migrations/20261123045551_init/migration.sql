-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('clerk', 'doctor', 'scheduler', 'complaints_officer', 'quality_officer', 'admin');

-- CreateEnum
CREATE TYPE "DoctorTitle" AS ENUM ('CHIEF_PHYSICIAN', 'ASSOCIATE_CHIEF_PHYSICIAN', 'ATTENDING_PHYSICIAN', 'RESIDENT_PHYSICIAN');

-- CreateEnum
CREATE TYPE "FeeCategory" AS ENUM ('GENERAL', 'EXPERT', 'SPECIAL');

-- CreateEnum
CREATE TYPE "RoomKind" AS ENUM ('CONSULTING', 'EXAM', 'WINDOW');

-- CreateEnum
CREATE TYPE "ExamCategory" AS ENUM ('LAB', 'IMAGING', 'ENDOSCOPY', 'FUNCTION');

-- CreateEnum
CREATE TYPE "IdType" AS ENUM ('RESIDENT_ID', 'PASSPORT');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "Relationship" AS ENUM ('SELF', 'SPOUSE', 'CHILD', 'PARENT', 'OTHER');

-- CreateEnum
CREATE TYPE "SessionPeriod" AS ENUM ('AM', 'PM', 'EVENING');

-- CreateEnum
CREATE TYPE "RosterExceptionKind" AS ENUM ('DAY_OFF', 'EXTRA_SESSION', 'CAPACITY');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('PENDING_PAYMENT', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED', 'EXPIRED', 'NO_SHOW');

-- CreateEnum
CREATE TYPE "BookingChannel" AS ENUM ('MINIAPP', 'WINDOW', 'PHONE');

-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('WAITING', 'OFFERED', 'BOOKED', 'CANCELLED', 'LAPSED');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('CREATED', 'PAYING', 'PAID', 'REFUNDING', 'REFUNDED', 'PARTIALLY_REFUNDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('REQUESTED', 'PROCESSING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "OrderKind" AS ENUM ('REGISTRATION', 'EXAM');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('staff', 'patient', 'system');

-- CreateTable
CREATE TABLE "hospital" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "time_zone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "address" TEXT,
    "phone" TEXT,
    "complaint_phone" TEXT,
    "rules" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hospital_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notice" (
    "id" UUID NOT NULL,
    "hospital_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 100,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),

    CONSTRAINT "notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department" (
    "id" UUID NOT NULL,
    "hospital_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "sort_order" INTEGER NOT NULL DEFAULT 100,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "doctor" (
    "id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" "DoctorTitle" NOT NULL,
    "fee_category" "FeeCategory" NOT NULL,
    "fee_fen_override" INTEGER,
    "specialty" TEXT NOT NULL DEFAULT '',
    "bio" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "doctor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "room" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RoomKind" NOT NULL,
    "department_id" UUID,
    "building" TEXT NOT NULL DEFAULT '',
    "floor" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "room_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "exam_type" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "category" "ExamCategory" NOT NULL,
    "department_id" UUID NOT NULL,
    "room_id" UUID,
    "fee_fen" INTEGER NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "building" TEXT NOT NULL DEFAULT '',
    "floor" TEXT NOT NULL DEFAULT '',
    "room" TEXT NOT NULL DEFAULT '',
    "route" TEXT NOT NULL DEFAULT '',
    "fasting_hours" INTEGER,
    "full_bladder" BOOLEAN NOT NULL DEFAULT false,
    "water_ml" INTEGER,
    "water_minutes_before" INTEGER,
    "stop_medication" TEXT,
    "bring_prior_films" BOOLEAN NOT NULL DEFAULT false,
    "arrive_early_minutes" INTEGER NOT NULL DEFAULT 15,
    "preparation_notes" TEXT,
    "what_to_expect" TEXT NOT NULL DEFAULT '',
    "after_care" TEXT NOT NULL DEFAULT '',
    "result_ready_hours" INTEGER NOT NULL,
    "result_ready_text" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "exam_type_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "patient_account" (
    "id" UUID NOT NULL,
    "openid" TEXT NOT NULL,
    "unionid" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "patient_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "profile" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "id_type" "IdType" NOT NULL,
    "id_number_hash" TEXT NOT NULL,
    "id_number_enc" TEXT NOT NULL,
    "id_number_masked" TEXT NOT NULL,
    "phone_enc" TEXT NOT NULL,
    "phone_masked" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "sex" "Sex" NOT NULL,
    "relationship" "Relationship" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "profile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "roles" "StaffRole"[],
    "department_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "actor_name" TEXT,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT,
    "changes" JSONB,
    "request_id" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_template" (
    "id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "doctor_id" UUID,
    "exam_type_id" UUID,
    "room_id" UUID,
    "weekday" INTEGER NOT NULL,
    "period" "SessionPeriod" NOT NULL,
    "start_time" TEXT NOT NULL,
    "end_time" TEXT NOT NULL,
    "slot_minutes" INTEGER NOT NULL,
    "capacity_per_slot" INTEGER NOT NULL,
    "fee_fen_override" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roster_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roster_exception" (
    "id" UUID NOT NULL,
    "doctor_id" UUID,
    "exam_type_id" UUID,
    "date" DATE NOT NULL,
    "period" "SessionPeriod",
    "kind" "RosterExceptionKind" NOT NULL,
    "start_time" TEXT,
    "end_time" TEXT,
    "slot_minutes" INTEGER,
    "capacity_per_slot" INTEGER,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roster_exception_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clinic_session" (
    "id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "doctor_id" UUID,
    "exam_type_id" UUID,
    "room_id" UUID,
    "template_id" UUID,
    "date" DATE NOT NULL,
    "period" "SessionPeriod" NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "fee_fen" INTEGER NOT NULL,
    "suspended_at" TIMESTAMPTZ(3),
    "suspend_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "clinic_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slot" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "extra" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" UUID NOT NULL,
    "slot_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "doctor_id" UUID,
    "exam_type_id" UUID,
    "date" DATE NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "channel" "BookingChannel" NOT NULL,
    "fee_fen" INTEGER NOT NULL,
    "hold_expires_at" TIMESTAMPTZ(3),
    "is_extra" BOOLEAN NOT NULL DEFAULT false,
    "extra_reason" TEXT,
    "created_by_staff" UUID,
    "waitlist_entry_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "checked_in_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,
    "expired_at" TIMESTAMPTZ(3),
    "no_show_at" TIMESTAMPTZ(3),

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "waitlist_entry" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "status" "WaitlistStatus" NOT NULL,
    "booking_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "offered_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "waitlist_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking_suspension" (
    "id" UUID NOT NULL,
    "id_number_hash" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_suspension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_outbox" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "account_id" UUID,
    "profile_id" UUID,
    "booking_id" UUID,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_record" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("scope","key")
);

-- CreateTable
CREATE TABLE "payment_order" (
    "id" UUID NOT NULL,
    "order_no" TEXT NOT NULL,
    "booking_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "kind" "OrderKind" NOT NULL,
    "description" TEXT NOT NULL,
    "amount_fen" INTEGER NOT NULL,
    "refunded_fen" INTEGER NOT NULL DEFAULT 0,
    "status" "OrderStatus" NOT NULL,
    "provider" TEXT NOT NULL,
    "client_params" JSONB,
    "transaction_id" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "paid_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "close_reason" TEXT,
    "provider_closed" BOOLEAN NOT NULL DEFAULT false,
    "check_after" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_refund" (
    "id" UUID NOT NULL,
    "refund_no" TEXT NOT NULL,
    "order_id" UUID NOT NULL,
    "amount_fen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "provider_refund_id" TEXT,
    "requested_by" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT,
    "succeeded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payment_refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_notification" (
    "id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "order_no" TEXT,
    "refund_no" TEXT,
    "outcome" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "hospital_code_key" ON "hospital"("code");

-- CreateIndex
CREATE UNIQUE INDEX "notice_hospital_id_title_key" ON "notice"("hospital_id", "title");

-- CreateIndex
CREATE UNIQUE INDEX "department_hospital_id_code_key" ON "department"("hospital_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "doctor_code_key" ON "doctor"("code");

-- CreateIndex
CREATE INDEX "doctor_department_id_idx" ON "doctor"("department_id");

-- CreateIndex
CREATE UNIQUE INDEX "room_code_key" ON "room"("code");

-- CreateIndex
CREATE UNIQUE INDEX "exam_type_code_key" ON "exam_type"("code");

-- CreateIndex
CREATE UNIQUE INDEX "patient_account_openid_key" ON "patient_account"("openid");

-- CreateIndex
CREATE INDEX "profile_account_id_idx" ON "profile"("account_id");

-- CreateIndex
CREATE INDEX "profile_id_number_hash_idx" ON "profile"("id_number_hash");

-- CreateIndex
CREATE UNIQUE INDEX "staff_username_key" ON "staff"("username");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_at_idx" ON "audit_log"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE UNIQUE INDEX "roster_template_doctor_id_weekday_period_key" ON "roster_template"("doctor_id", "weekday", "period");

-- CreateIndex
CREATE UNIQUE INDEX "roster_template_exam_type_id_weekday_period_key" ON "roster_template"("exam_type_id", "weekday", "period");

-- CreateIndex
CREATE INDEX "roster_exception_doctor_id_date_idx" ON "roster_exception"("doctor_id", "date");

-- CreateIndex
CREATE INDEX "roster_exception_exam_type_id_date_idx" ON "roster_exception"("exam_type_id", "date");

-- CreateIndex
CREATE INDEX "clinic_session_date_department_id_idx" ON "clinic_session"("date", "department_id");

-- CreateIndex
CREATE UNIQUE INDEX "clinic_session_doctor_id_date_period_key" ON "clinic_session"("doctor_id", "date", "period");

-- CreateIndex
CREATE UNIQUE INDEX "clinic_session_exam_type_id_date_period_key" ON "clinic_session"("exam_type_id", "date", "period");

-- CreateIndex
CREATE INDEX "slot_starts_at_idx" ON "slot"("starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "slot_session_id_starts_at_key" ON "slot"("session_id", "starts_at");

-- CreateIndex
CREATE INDEX "booking_profile_id_status_idx" ON "booking"("profile_id", "status");

-- CreateIndex
CREATE INDEX "booking_account_id_starts_at_idx" ON "booking"("account_id", "starts_at");

-- CreateIndex
CREATE INDEX "booking_status_hold_expires_at_idx" ON "booking"("status", "hold_expires_at");

-- CreateIndex
CREATE INDEX "booking_session_id_status_idx" ON "booking"("session_id", "status");

-- CreateIndex
CREATE INDEX "booking_date_department_id_idx" ON "booking"("date", "department_id");

-- CreateIndex
CREATE UNIQUE INDEX "booking_slot_id_profile_id_key" ON "booking"("slot_id", "profile_id") WHERE (status = ANY (ARRAY['PENDING_PAYMENT'::"BookingStatus", 'CONFIRMED'::"BookingStatus", 'CHECKED_IN'::"BookingStatus", 'COMPLETED'::"BookingStatus"]));

-- CreateIndex
CREATE INDEX "waitlist_entry_session_id_status_created_at_idx" ON "waitlist_entry"("session_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "waitlist_entry_account_id_idx" ON "waitlist_entry"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "waitlist_entry_session_id_profile_id_key" ON "waitlist_entry"("session_id", "profile_id") WHERE (status = ANY (ARRAY['WAITING'::"WaitlistStatus", 'OFFERED'::"WaitlistStatus"]));

-- CreateIndex
CREATE INDEX "booking_suspension_id_number_hash_until_idx" ON "booking_suspension"("id_number_hash", "until");

-- CreateIndex
CREATE INDEX "notification_outbox_sent_at_created_at_idx" ON "notification_outbox"("sent_at", "created_at");

-- CreateIndex
CREATE INDEX "notification_outbox_booking_id_idx" ON "notification_outbox"("booking_id");

-- CreateIndex
CREATE INDEX "idempotency_record_created_at_idx" ON "idempotency_record"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "payment_order_order_no_key" ON "payment_order"("order_no");

-- CreateIndex
CREATE INDEX "payment_order_booking_id_idx" ON "payment_order"("booking_id");

-- CreateIndex
CREATE INDEX "payment_order_status_check_after_idx" ON "payment_order"("status", "check_after");

-- CreateIndex
CREATE INDEX "payment_order_account_id_created_at_idx" ON "payment_order"("account_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "payment_order_open_booking_key" ON "payment_order"("booking_id") WHERE (status = ANY (ARRAY['CREATED'::"OrderStatus", 'PAYING'::"OrderStatus"]));

-- CreateIndex
CREATE UNIQUE INDEX "payment_refund_refund_no_key" ON "payment_refund"("refund_no");

-- CreateIndex
CREATE INDEX "payment_refund_order_id_idx" ON "payment_refund"("order_id");

-- CreateIndex
CREATE INDEX "payment_refund_status_next_attempt_at_idx" ON "payment_refund"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "payment_notification_order_no_idx" ON "payment_notification"("order_no");

-- AddForeignKey
ALTER TABLE "notice" ADD CONSTRAINT "notice_hospital_id_fkey" FOREIGN KEY ("hospital_id") REFERENCES "hospital"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_hospital_id_fkey" FOREIGN KEY ("hospital_id") REFERENCES "hospital"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "doctor" ADD CONSTRAINT "doctor_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "room" ADD CONSTRAINT "room_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_type" ADD CONSTRAINT "exam_type_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exam_type" ADD CONSTRAINT "exam_type_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile" ADD CONSTRAINT "profile_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "patient_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_template" ADD CONSTRAINT "roster_template_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_template" ADD CONSTRAINT "roster_template_doctor_id_fkey" FOREIGN KEY ("doctor_id") REFERENCES "doctor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_template" ADD CONSTRAINT "roster_template_exam_type_id_fkey" FOREIGN KEY ("exam_type_id") REFERENCES "exam_type"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_template" ADD CONSTRAINT "roster_template_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_exception" ADD CONSTRAINT "roster_exception_doctor_id_fkey" FOREIGN KEY ("doctor_id") REFERENCES "doctor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "roster_exception" ADD CONSTRAINT "roster_exception_exam_type_id_fkey" FOREIGN KEY ("exam_type_id") REFERENCES "exam_type"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_doctor_id_fkey" FOREIGN KEY ("doctor_id") REFERENCES "doctor"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_exam_type_id_fkey" FOREIGN KEY ("exam_type_id") REFERENCES "exam_type"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "room"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "roster_template"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot" ADD CONSTRAINT "slot_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "clinic_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "clinic_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "profile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "clinic_session"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "profile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_order" ADD CONSTRAINT "payment_order_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payment_refund" ADD CONSTRAINT "payment_refund_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "payment_order"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot state (added by hand).
ALTER TABLE "slot" ADD CONSTRAINT "slot_places_check" CHECK ("capacity" >= 0 AND "booked" >= 0 AND "booked" <= "capacity" AND "extra" >= 0);
ALTER TABLE "roster_template" ADD CONSTRAINT "roster_template_owner_check" CHECK (("doctor_id" IS NULL) <> ("exam_type_id" IS NULL));
ALTER TABLE "roster_template" ADD CONSTRAINT "roster_template_shape_check" CHECK ("weekday" BETWEEN 1 AND 7 AND "slot_minutes" > 0 AND "capacity_per_slot" >= 0 AND "start_time" < "end_time");
ALTER TABLE "clinic_session" ADD CONSTRAINT "clinic_session_owner_check" CHECK (("doctor_id" IS NULL) <> ("exam_type_id" IS NULL));
ALTER TABLE "roster_exception" ADD CONSTRAINT "roster_exception_owner_check" CHECK (("doctor_id" IS NULL) <> ("exam_type_id" IS NULL));
ALTER TABLE "booking" ADD CONSTRAINT "booking_fee_check" CHECK ("fee_fen" >= 0);
ALTER TABLE "profile" ADD CONSTRAINT "profile_birth_date_check" CHECK ("birth_date" >= DATE '1900-01-01');
ALTER TABLE "payment_order" ADD CONSTRAINT "payment_order_amount_check" CHECK ("amount_fen" > 0 AND "refunded_fen" >= 0 AND "refunded_fen" <= "amount_fen");
ALTER TABLE "payment_refund" ADD CONSTRAINT "payment_refund_amount_check" CHECK ("amount_fen" > 0);
