-- AlterTable
ALTER TABLE "notification_outbox" ADD COLUMN     "event_position" BIGINT;

-- CreateTable
CREATE TABLE "domain_event" (
    "position" BIGSERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "aggregate_type" TEXT NOT NULL,
    "aggregate_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "request_id" TEXT,
    "xid" BIGINT NOT NULL,

    CONSTRAINT "domain_event_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "event_cursor" (
    "subscriber" TEXT NOT NULL,
    "position" BIGINT NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "retry_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_cursor_pkey" PRIMARY KEY ("subscriber")
);

-- CreateIndex
CREATE INDEX "domain_event_aggregate_type_aggregate_id_position_idx" ON "domain_event"("aggregate_type", "aggregate_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "notification_outbox_event_position_key" ON "notification_outbox"("event_position");
