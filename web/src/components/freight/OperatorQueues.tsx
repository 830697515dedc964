"use client";

import { Alert, Card, Empty, Segmented, Space, Table, Tag, Typography } from "antd";
import Link from "next/link";
import { useCallback, useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/PageHeader";
import type { DepartureStatus, FreightOperatorQueueQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { corridorStations, named, originTimeZone } from "@/lib/freight/format";
import { OperatorQueueDocument } from "@/lib/freight/operations";
import { byOccurrence, DAY, nextStep, relativeTo, type Step } from "@/lib/freight/queue";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { DepartureStatusTag, FillGauge, ZonedTime } from "./common";

type Train = FreightOperatorQueueQuery["departures"]["edges"][number]["node"];
type PlanningRow = Train & { step: Step };

const STEP_COLOR: Record<Step, string> = { noBookings: "default", run: "orange", resolve: "red", lock: "gold", review: "blue", ready: "green" };
const ACTION: ReadonlySet<Step> = new Set(["run", "resolve", "lock"]);

interface Window {
  /** departure times, relative to now; null: open-ended */
  fromMs: number | null;
  toMs: number | null;
  status: DepartureStatus[];
}

/** The operator's own trains in these windows (merged, each once), reloaded on demand. */
function useTrains(windows: readonly Window[]) {
  const [trains, setTrains] = useState<Train[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(() => Date.now());
  const [truncated, setTruncated] = useState(false);
  const load = useCallback(async () => {
    const at = Date.now();
    const iso = (offset: number | null) => (offset === null ? null : new Date(at + offset).toISOString());
    try {
      const pages = await Promise.all(windows.map((w) => gqlFetch(OperatorQueueDocument, { from: iso(w.fromMs), to: iso(w.toMs), status: w.status, first: 100 })));
      const byId = new Map<string, Train>();
      for (const page of pages) for (const e of page.departures.edges) byId.set(e.node.id, e.node);
      setTrains([...byId.values()]);
      setTruncated(pages.some((page) => page.departures.totalCount > page.departures.edges.length));
      setNow(at);
      setError(null);
    } catch (caught) {
      setError(caught);
      setTrains(null);
    }
  }, [windows]);
  useEffect(() => {
    void load();
  }, [load]);
  // cut-offs pass and ETAs come while the page is open: the steps and "in 3 hours" follow
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return { trains, error, now, truncated };
}

// Trains that should have left but still wait (late) stay in view for three days.
const PLANNING: readonly Window[] = [{ fromMs: -3 * DAY, toMs: null, status: ["OPEN", "CLOSED"] }];
// On the way, whenever they left; loading within two days; arrived in the last 45 days.
const TRANSIT: readonly Window[] = [
  { fromMs: null, toMs: null, status: ["DEPARTED"] },
  { fromMs: -45 * DAY, toMs: 2 * DAY, status: ["OPEN", "CLOSED", "ARRIVED"] },
];

function DepartureLink({ train }: { train: Train }) {
  const { locale } = useI18n();
  return (
    <Space direction="vertical" size={0}>
      <Link href={`/departures/${encodeURIComponent(train.id)}`}>{train.code}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {named(train.corridor, locale)}
      </Typography.Text>
    </Space>
  );
}

/** /consolidation: the operator's coming trains by cut-off, with what each one's load needs next. */
export function ConsolidationQueue() {
  const { t, fmt, locale } = useI18n();
  const q = t.freight.queues;
  const { trains, error, now, truncated } = useTrains(PLANNING);
  const [filter, setFilter] = useState<"action" | "all">("action");
  const rows = useMemo(
    () =>
      (trains ?? [])
        .map((d) => ({ ...d, step: nextStep(d, now) }))
        .filter((d) => filter === "all" || ACTION.has(d.step))
        .sort((a, b) => a.cutoffAt.localeCompare(b.cutoffAt) || a.code.localeCompare(b.code)),
    [trains, filter, now],
  );
  return (
    <>
      <PageHeader title={q.planningTitle} description={q.planningDescription} />
      <Card>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as "action" | "all")}
          options={[
            { value: "action", label: q.needsAction },
            { value: "all", label: q.allUpcoming },
          ]}
          style={{ marginBottom: 16 }}
        />
        {error ? <Alert type="error" showIcon title={thrownMessage(t, error)} style={{ marginBottom: 16 }} /> : null}
        <Table<PlanningRow>
          data-testid="consolidation-queue"
          rowKey="id"
          loading={trains === null && !error}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: error ? t.common.none : <Empty description={filter === "action" ? q.emptyPlanning : q.emptyAll} /> }}
          scroll={{ x: 960 }}
          columns={[
            { title: q.departure, key: "departure", render: (_: unknown, d: Train) => <DepartureLink train={d} /> },
            {
              title: q.cutoff,
              key: "cutoff",
              render: (_: unknown, d: Train) => (
                <Space direction="vertical" size={0}>
                  <ZonedTime value={d.cutoffAt} timeZone={originTimeZone(d.corridor)} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {relativeTo(d.cutoffAt, now, locale, q.inTime, q.passed)}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: q.booked, key: "booked", render: (_: unknown, d: Train) => <FillGauge {...d} /> },
            {
              title: q.plan,
              key: "plan",
              render: (_: unknown, d: Train) =>
                d.plan ? (
                  <Tag color={d.plan.status === "LOCKED" ? "green" : "blue"}>
                    {d.plan.status === "LOCKED" ? t.freight.operator.planStatus.LOCKED : fmt(q.draft, { version: d.plan.version })}
                  </Tag>
                ) : (
                  <Tag>{q.noPlan}</Tag>
                ),
            },
            {
              title: q.containers,
              key: "containers",
              render: (_: unknown, d: Train) =>
                d.plan ? (
                  <Space direction="vertical" size={0}>
                    <span>{fmt(q.containersValue, { used: d.plan.containersUsed, bound: d.plan.lowerBound, ratio: (Math.round(d.plan.ratio * 100) / 100).toFixed(2) })}</span>
                    {d.plan.unplaced.length > 0 ? (
                      <Typography.Text type="danger" style={{ fontSize: 12 }}>
                        {fmt(q.unplaced, { count: d.plan.unplaced.length })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                ) : (
                  t.common.none
                ),
            },
            {
              title: q.next,
              key: "next",
              render: (_: unknown, d: PlanningRow) => (
                <Tag color={STEP_COLOR[d.step]} data-testid={`next-step-${d.code}`}>
                  {q.step[d.step]}
                </Tag>
              ),
            },
          ]}
        />
        {truncated ? <Typography.Text type="secondary">{q.truncated}</Typography.Text> : null}
      </Card>
    </>
  );
}

/** On the way first (soonest arrival first), then loading (soonest departure first), then arrived (latest first). */
const rank = (d: Train) => (d.status === "DEPARTED" ? 0 : d.status === "ARRIVED" ? 2 : 1);
const within = (a: Train, b: Train) =>
  a.status === "ARRIVED" ? b.etaAt.localeCompare(a.etaAt) : a.status === "DEPARTED" ? a.etaAt.localeCompare(b.etaAt) : a.departsAt.localeCompare(b.departsAt);

/** /milestones: the operator's trains loading now, on the way, and arrived in the last weeks. */
export function TransitBoard() {
  const { t, fmt, locale } = useI18n();
  const q = t.freight.queues;
  const { trains, error, now, truncated } = useTrains(TRANSIT);
  const rows = useMemo(() => (trains ?? []).sort((a, b) => rank(a) - rank(b) || within(a, b)), [trains]);
  return (
    <>
      <PageHeader title={q.transitTitle} description={q.transitDescription} />
      <Card>
        {error ? <Alert type="error" showIcon title={thrownMessage(t, error)} style={{ marginBottom: 16 }} /> : null}
        <Table
          data-testid="transit-board"
          rowKey="id"
          loading={trains === null && !error}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: error ? t.common.none : <Empty description={q.emptyTransit} /> }}
          scroll={{ x: 960 }}
          columns={[
            { title: q.departure, key: "departure", render: (_: unknown, d: Train) => <DepartureLink train={d} /> },
            { title: q.status, key: "status", render: (_: unknown, d: Train) => <DepartureStatusTag status={d.status} /> },
            { title: q.departs, key: "departs", render: (_: unknown, d: Train) => <ZonedTime value={d.departsAt} timeZone={originTimeZone(d.corridor)} /> },
            {
              title: q.lastMilestone,
              key: "last",
              render: (_: unknown, d: Train) => {
                const last = [...d.milestones].sort(byOccurrence).at(-1);
                if (!last) return <Typography.Text type="secondary">{q.noMilestone}</Typography.Text>;
                const station = corridorStations(d.corridor).find((s) => s.code === last.stationCode);
                return (
                  <Space direction="vertical" size={0} data-testid={`last-milestone-${d.code}`}>
                    <span>
                      {t.freight.milestoneType[last.type]}
                      {station ? ` · ${named(station, locale)}` : last.stationCode ? ` · ${last.stationCode}` : ""}
                      {last.containerRef ? ` · ${fmt(q.container, { ref: last.containerRef })}` : ""}
                    </span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      <ZonedTime value={last.occurredAt} timeZone={station?.timezone ?? originTimeZone(d.corridor)} />
                    </Typography.Text>
                  </Space>
                );
              },
            },
            {
              title: q.eta,
              key: "eta",
              render: (_: unknown, d: Train) => {
                const legs = [...d.corridor.legs].sort((a, b) => a.seq - b.seq);
                const tz = legs.at(-1)?.to.timezone ?? originTimeZone(d.corridor);
                return (
                  <Space direction="vertical" size={0}>
                    <ZonedTime value={d.etaAt} timeZone={tz} />
                    {d.status !== "ARRIVED" ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {relativeTo(d.etaAt, now, locale, q.inTime, q.passed)}
                      </Typography.Text>
                    ) : null}
                  </Space>
                );
              },
            },
            {
              title: t.common.actions,
              key: "record",
              render: (_: unknown, d: Train) => (
                <Link href={`/departures/${encodeURIComponent(d.id)}`} aria-label={`${q.record} ${d.code}`}>
                  {q.record}
                </Link>
              ),
            },
          ]}
        />
        {truncated ? <Typography.Text type="secondary">{q.truncated}</Typography.Text> : null}
      </Card>
    </>
  );
}
