"use client";

import { App, Button, Card, Descriptions, Empty, Form, Input, Result, Select, Space, Spin, Table } from "antd";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { PageHeader } from "@/components/PageHeader";
import type { FreightDepartureDetailQuery, MilestoneType } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { corridorStations, formatMoney, named, originTimeZone } from "@/lib/freight/format";
import { useLiveUpdates } from "@/lib/freight/live";
import { DepartureDetailDocument, DepartureUpdatesDocument, RecordMilestoneDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { isFailure, reportFailure, thrownMessage } from "@/lib/graphql/results";
import { ConsolidationPlanCard } from "./ConsolidationPlanCard";
import { BookingStatusTag, DepartureStatusTag, FillGauge, LiveIndicator, ZonedTime } from "./common";
import { MilestoneTimeline } from "./MilestoneTimeline";
import { CancelDepartureDialog, OfferRollDialog } from "./OperatorActions";

type Detail = Extract<NonNullable<FreightDepartureDetailQuery["node"]>, { code: string }>;
type BookingOnTrain = NonNullable<Detail["bookings"]>["edges"][number]["node"];

/** Bookings the operator may offer a later train. */
const ROLLABLE = new Set(["CONFIRMED", "PLANNED"]);

interface MilestoneValues {
  type: MilestoneType;
  stationCode?: string;
  /** the plan's container number (1-based); none: the whole train */
  containerRef?: string;
  occurredAt: string;
  note?: string;
}

const MILESTONE_TYPES: MilestoneType[] = ["GATE_IN", "LOADED", "DEPARTED", "BORDER_CROSSING", "GAUGE_CHANGE", "CUSTOMS_CLEARED", "ARRIVED", "DELIVERED"];

/** "2026-11-25T14:05" in the browser's zone, for a datetime-local input. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function OperatorDepartureDetail({ id }: { id: string }) {
  const { t, fmt, locale } = useI18n();
  const o = t.freight.operator;
  const { message } = App.useApp();
  const [departure, setDeparture] = useState<Detail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [rolling, setRolling] = useState<{ id: string; reference: string } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  /** Bookings still holding the train (all of them, not only the page shown). */
  const [affected, setAffected] = useState(0);
  const [form] = Form.useForm<MilestoneValues>();

  const load = useCallback(async () => {
    try {
      const { node, openBookings } = await gqlFetch(DepartureDetailDocument, { id });
      setDeparture(node && "code" in node ? (node as Detail) : null);
      setAffected(openBookings.totalCount);
    } catch (caught) {
      setError(thrownMessage(t, caught));
    }
  }, [id, t]);
  useEffect(() => {
    void load();
  }, [load]);
  // Milestones, bookings and plan changes made anywhere (another operator, the maker) arrive here.
  const live = useLiveUpdates(DepartureUpdatesDocument, { id }, () => void load());

  if (error) return <Result status="error" title={t.errors.pageTitle} subTitle={error} extra={<Button onClick={() => void load()}>{t.common.retry}</Button>} />;
  if (departure === undefined) return <Spin aria-label={t.common.loading} />;
  if (departure === null) return <Result status="404" title={t.errors.NOT_FOUND} extra={<Link href="/departures">{o.backToList}</Link>} />;

  const zone = originTimeZone(departure.corridor);
  const stations = corridorStations(departure.corridor);
  const bookings: BookingOnTrain[] = departure.bookings?.edges.map((e) => e.node) ?? [];
  const running = departure.status === "OPEN" || departure.status === "CLOSED";

  async function record(values: MilestoneValues) {
    if (!departure) return;
    setSaving(true);
    try {
      const { recordMilestone } = await gqlFetch(RecordMilestoneDocument, {
        input: {
          departureId: departure.id,
          type: values.type,
          stationCode: values.stationCode ?? null,
          containerRef: values.containerRef ?? null,
          occurredAt: new Date(values.occurredAt).toISOString(),
          note: values.note || null,
        },
      });
      if (isFailure(recordMilestone)) {
        reportFailure(recordMilestone, { t, notify: (text) => message.error(text), form, fields: ["type", "stationCode", "containerRef", "occurredAt", "note"] });
        return;
      }
      message.success(o.recorded);
      form.setFieldsValue({ note: "", containerRef: undefined, occurredAt: localInputValue(new Date()) });
      await load();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <PageHeader
        title={fmt(o.departureTitle, { code: departure.code })}
        description={
          <Space wrap>
            <DepartureStatusTag status={departure.status} />
            <LiveIndicator status={live} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button href="/departures">{o.backToList}</Button>
            {running ? (
              <Button danger onClick={() => setCancelling(true)}>
                {o.cancelDeparture}
              </Button>
            ) : null}
          </Space>
        }
      />
      <OfferRollDialog booking={rolling} departure={departure} timeZone={zone} onClose={() => setRolling(null)} onDone={load} />
      <CancelDepartureDialog open={cancelling} departure={departure} affected={affected} onClose={() => setCancelling(false)} onDone={load} />
      <div className="freight-grid">
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t.freight.corridor}>{named(departure.corridor, locale)}</Descriptions.Item>
              <Descriptions.Item label={t.freight.departs}>
                <ZonedTime value={departure.departsAt} timeZone={zone} />
              </Descriptions.Item>
              <Descriptions.Item label={t.freight.cutoff}>
                <ZonedTime value={departure.cutoffAt} timeZone={zone} />
              </Descriptions.Item>
              <Descriptions.Item label={t.freight.eta}>
                <strong data-testid="departure-eta">
                  <ZonedTime value={departure.etaAt} timeZone={zone} />
                </strong>
              </Descriptions.Item>
              <Descriptions.Item label={t.freight.capacity}>
                <FillGauge {...departure} />
              </Descriptions.Item>
              <Descriptions.Item label={t.freight.lclPrice}>{formatMoney(departure.lclPerWm, locale)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={o.bookings}>
            <Table<BookingOnTrain>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 640 }}
              dataSource={bookings}
              locale={{ emptyText: <Empty description={o.noBookings} /> }}
              columns={[
                { title: t.freight.shipments.reference, dataIndex: "reference" },
                { title: t.freight.status, key: "status", render: (_, row) => <BookingStatusTag status={row.status} /> },
                { title: t.freight.shipments.mode, dataIndex: "mode" },
                { title: t.freight.shipments.maker, key: "maker", render: (_, row) => named(row.maker, locale) },
                { title: t.freight.destination, dataIndex: "destinationCode" },
                { title: "FEU", key: "feu", render: (_, row) => Math.round(row.feu * 100) / 100 },
                {
                  title: o.actions,
                  key: "actions",
                  render: (_, row) =>
                    running && ROLLABLE.has(row.status) ? (
                      <Button size="small" onClick={() => setRolling({ id: row.id, reference: row.reference })} aria-label={`${o.offerRoll} ${row.reference}`}>
                        {o.offerRoll}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </Card>
          <ConsolidationPlanCard departureId={departure.id} plan={departure.plan} canPlan={running} onChanged={load} />
        </Space>
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Card title={o.recordMilestone}>
            <Form form={form} layout="vertical" onFinish={record} initialValues={{ type: "DEPARTED", stationCode: stations[0]?.code, occurredAt: localInputValue(new Date()) }}>
              <Form.Item name="type" label={o.milestoneType} rules={[{ required: true, message: t.common.required }]}>
                <Select options={MILESTONE_TYPES.map((value) => ({ value, label: t.freight.milestoneType[value] }))} />
              </Form.Item>
              <Form.Item name="stationCode" label={o.station}>
                <Select allowClear options={stations.map((s) => ({ value: s.code, label: `${named(s, locale)} (${s.code})` }))} />
              </Form.Item>
              {departure.plan?.status === "LOCKED" && departure.plan.containers.length ? (
                <Form.Item name="containerRef" label={o.milestoneContainer} extra={o.milestoneContainerHelp}>
                  <Select
                    allowClear
                    placeholder={o.wholeTrain}
                    options={departure.plan.containers.map((c) => ({ value: String(c.index + 1), label: fmt(o.containerOption, { n: c.index + 1, type: c.typeCode }) }))}
                  />
                </Form.Item>
              ) : null}
              <Form.Item name="occurredAt" label={o.occurredAt} rules={[{ required: true, message: t.common.required }]}>
                <Input type="datetime-local" />
              </Form.Item>
              <Form.Item name="note" label={o.note}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving}>
                {o.record}
              </Button>
            </Form>
          </Card>
          <Card title={t.freight.detail.timeline}>
            <MilestoneTimeline milestones={departure.milestones} timeZone={zone} />
          </Card>
        </Space>
      </div>
    </>
  );
}
