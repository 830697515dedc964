"use client";

import { Badge, Progress, Tag, Tooltip, Typography } from "antd";
import type { BookingStatus, DepartureStatus } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { BOOKING_STATUS_COLOR, DEPARTURE_STATUS_COLOR } from "@/lib/freight/format";
import type { LiveStatus } from "@/lib/freight/live";

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={BOOKING_STATUS_COLOR[status]} data-testid="booking-status">
      {t.freight.bookingStatus[status]}
    </Tag>
  );
}

export function DepartureStatusTag({ status }: { status: DepartureStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={DEPARTURE_STATUS_COLOR[status]} data-testid="departure-status">
      {t.freight.departureStatus[status]}
    </Tag>
  );
}

/** A time in the corridor origin's zone; the zone's short label ends the text. */
export function ZonedTime({ value, timeZone }: { value: string | null | undefined; timeZone: string }) {
  const { locale } = useI18n();
  if (!value) return <>—</>;
  return (
    <time dateTime={value} className="nowrap" title={timeZone}>
      {formatDateTime(value, locale, timeZone)}
    </time>
  );
}

export function FillGauge({ bookedFeu, capacityFeu, fillPct, remainingFeu }: { bookedFeu: number; capacityFeu: number; fillPct: number; remainingFeu: number }) {
  const { t, fmt } = useI18n();
  const pct = Math.round(fillPct);
  const label = fmt(t.freight.capacityLabel, { booked: round1(bookedFeu), capacity: capacityFeu, pct });
  return (
    <div style={{ minWidth: 140 }}>
      <Progress percent={Math.min(100, pct)} size="small" status={pct >= 100 ? "exception" : "normal"} aria-label={label} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fmt(t.freight.remaining, { remaining: round1(remainingFeu) })}
      </Typography.Text>
    </div>
  );
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

const LIVE_BADGE = { live: "processing", connecting: "default", offline: "warning" } as const;

/** A small badge saying whether the page receives live updates. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  return (
    <Tooltip title={t.freight.live.hint}>
      <span data-testid="live-indicator" data-status={status} role="status" aria-live="polite">
        <Badge status={LIVE_BADGE[status]} text={t.freight.live[status]} />
      </span>
    </Tooltip>
  );
}
