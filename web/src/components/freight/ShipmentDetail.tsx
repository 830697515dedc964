"use client";

import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Result, Space, Spin, Table } from "antd";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { DocumentList } from "@/components/documents/DocumentList";
import { PageHeader } from "@/components/PageHeader";
import type { FreightBookingDetailQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatMoney, named, originTimeZone } from "@/lib/freight/format";
import { useLiveUpdates } from "@/lib/freight/live";
import { BookingDetailDocument, CancelBookingDocument, RespondToRollDocument, ShipmentUpdatesDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { BookingStatusTag, LiveIndicator, round1, ZonedTime } from "./common";
import { MilestoneTimeline } from "./MilestoneTimeline";

type Detail = Extract<NonNullable<FreightBookingDetailQuery["node"]>, { reference: string }>;

const CANCELLABLE = new Set(["PLANNED", "CONFIRMED", "WAITLISTED", "ROLL_OFFERED"]);

/** One shipment: where it is, when it arrives; the maker may cancel it or answer a roll. */
export function ShipmentDetail({ id, canAct, backHref }: { id: string; canAct: boolean; backHref: string }) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const d = t.freight.detail;
  const [booking, setBooking] = useState<Detail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const { node } = await gqlFetch(BookingDetailDocument, { id });
      setBooking(node && "reference" in node ? (node as Detail) : null);
    } catch (caught) {
      setError(thrownMessage(t, caught));
    }
  }, [id, t]);
  useEffect(() => {
    void load();
  }, [load]);
  // Milestones the operator records, and plan changes, arrive without a reload.
  const live = useLiveUpdates(ShipmentUpdatesDocument, { id }, () => void load());

  if (error) return <Result status="error" title={t.errors.pageTitle} subTitle={error} extra={<Button onClick={() => void load()}>{t.common.retry}</Button>} />;
  if (booking === undefined) return <Spin aria-label={t.common.loading} />;
  if (booking === null) return <Result status="404" title={t.errors.NOT_FOUND} extra={<Link href={backHref}>{d.backToList}</Link>} />;

  const zone = originTimeZone(booking.departure.corridor);
  const afterCutoff = new Date(booking.departure.cutoffAt).getTime() < Date.now();

  async function cancel() {
    if (!booking) return;
    setBusy(true);
    try {
      const { cancelBooking } = await gqlFetch(CancelBookingDocument, { input: { bookingId: booking.id } });
      if (isFailure(cancelBooking)) message.error(failureMessage(t, cancelBooking));
      else message.success(fmt(d.cancelled, { reference: booking.reference }));
      await load();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setBusy(false);
    }
  }

  async function respond(accept: boolean) {
    if (!booking) return;
    setBusy(true);
    try {
      const { respondToRoll } = await gqlFetch(RespondToRollDocument, { input: { bookingId: booking.id, accept } });
      if (isFailure(respondToRoll)) message.error(failureMessage(t, respondToRoll));
      else message.success(accept ? d.rollAccepted : d.rollDeclined);
      await load();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title={fmt(d.titleFor, { reference: booking.reference })}
        description={
          <Space wrap>
            <BookingStatusTag status={booking.status} />
            <LiveIndicator status={live} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button href={backHref}>{d.backToList}</Button>
            {canAct && CANCELLABLE.has(booking.status) ? (
              <Popconfirm
                title={fmt(d.cancelConfirm, { reference: booking.reference })}
                description={<span style={{ maxWidth: 320, display: "inline-block" }}>{afterCutoff ? d.cancelAfterCutoff : d.cancelBeforeCutoff}</span>}
                okText={d.cancel}
                cancelText={t.common.close}
                okButtonProps={{ danger: true }}
                onConfirm={cancel}
              >
                <Button danger loading={busy}>
                  {d.cancel}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      {canAct && CANCELLABLE.has(booking.status) && afterCutoff ? <Alert type="warning" showIcon title={d.cancelAfterCutoff} style={{ marginBottom: 16 }} /> : null}
      {booking.status === "ROLL_OFFERED" && booking.rollOfferedTo ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={fmt(d.rollOffer, { code: booking.rollOfferedTo.code, departs: "" })}
          description={<ZonedTime value={booking.rollOfferedTo.departsAt} timeZone={zone} />}
          action={
            canAct ? (
              <Space direction="vertical">
                <Button type="primary" size="small" loading={busy} onClick={() => void respond(true)}>
                  {d.acceptRoll}
                </Button>
                <Button size="small" loading={busy} onClick={() => void respond(false)}>
                  {d.declineRoll}
                </Button>
              </Space>
            ) : null
          }
        />
      ) : null}
      <div className="freight-grid">
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Card title={d.summary}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t.freight.departure}>{`${booking.departure.code} · ${named(booking.departure.corridor, locale)}`}</Descriptions.Item>
              <Descriptions.Item label={t.freight.destination}>{booking.destinationCode}</Descriptions.Item>
              <Descriptions.Item label={t.freight.departs}>
                <ZonedTime value={booking.departure.departsAt} timeZone={zone} />
              </Descriptions.Item>
              <Descriptions.Item label={t.freight.cutoff}>
                <ZonedTime value={booking.departure.cutoffAt} timeZone={zone} />
              </Descriptions.Item>
              <Descriptions.Item label={d.etaNow}>
                <strong data-testid="shipment-eta">
                  <ZonedTime value={booking.departure.etaAt} timeZone={zone} />
                </strong>
              </Descriptions.Item>
              <Descriptions.Item label={t.freight.shipments.mode}>{booking.mode}</Descriptions.Item>
              <Descriptions.Item label={t.freight.shipments.maker}>{named(booking.maker, locale)}</Descriptions.Item>
              {booking.containers.length > 0 ? (
                <Descriptions.Item label={d.containers}>
                  <span data-testid="booking-containers">
                    {booking.containers.map((c) => fmt(d.containerCrates, { n: c.index + 1, type: c.typeCode, crates: c.crates })).join(", ")}
                  </span>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t.freight.shipments.consignee}>{booking.consignee ? named(booking.consignee, locale) : "—"}</Descriptions.Item>
              <Descriptions.Item label={t.freight.shipments.quoted}>{formatMoney(booking.quoted, locale)}</Descriptions.Item>
              {booking.cancellationFee ? <Descriptions.Item label={d.cancellationFee}>{formatMoney(booking.cancellationFee, locale)}</Descriptions.Item> : null}
              <Descriptions.Item label={t.freight.wizard.volume}>{`${round1(booking.volumeCbm)} m³`}</Descriptions.Item>
              <Descriptions.Item label={t.freight.wizard.weight}>{`${booking.grossKg.toLocaleString(locale)} kg`}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={d.cargo}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={booking.lines}
              locale={{ emptyText: <Empty /> }}
              columns={[
                { title: t.freight.wizard.model, key: "model", render: (_, line) => `${line.vehicleModel.code} · ${named(line.vehicleModel, locale)}` },
                { title: t.freight.wizard.itemQuantity, dataIndex: "quantity" },
                { title: d.crates, dataIndex: "crates" },
              ]}
            />
          </Card>
        </Space>
        <Card title={d.timeline}>
          <MilestoneTimeline milestones={ownMilestones(booking.departure.milestones, booking.containers)} timeZone={zone} />
        </Card>
      </div>
      <DocumentList bookingId={booking.id} canIssue={canAct} />
    </>
  );
}

/**
 * The train's milestones and those of the containers holding this booking's cargo (numbered as in
 * the plan, from 1); other boxes on the train are not this shipment's news.
 */
function ownMilestones<M extends { containerRef?: string | null }>(milestones: readonly M[], containers: ReadonlyArray<{ index: number }>): M[] {
  const mine = new Set(containers.map((c) => String(c.index + 1)));
  return milestones.filter((m) => !m.containerRef || mine.has(m.containerRef));
}
