"use client";

import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Progress, Select, Skeleton, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import type { PlanViewFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { LockPlanDocument, MoveBookingInPlanDocument, PlanPicturesDocument, RunConsolidationDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { round1 } from "./common";

type PlanContainer = PlanViewFragment["containers"][number];

/**
 * The load-plan picture: an SVG document our own engine renders. Shown as an image (a data URL),
 * so nothing in it can run or style the page, whatever the text inside.
 */
function LoadPlanImage({ svg, alt }: { svg: string; alt: string }) {
  return (
    // biome-ignore lint/performance/noImgElement: an inline SVG data URL, nothing for next/image to optimize
    <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={alt} style={{ width: "100%", height: "auto", display: "block" }} />
  );
}

type Pictures = { top: string; side: string };
/** Pictures already fetched, by plan, version and container: a plan version never changes. */
const pictureCache = new Map<string, Pictures>();

/**
 * A container's top and side views. They are large (a 33-container train's pictures are over a
 * megabyte together), so each card fetches its own when it comes within a screen of the viewport.
 */
function LoadPlanPictures({ planId, version, index }: { planId: string; version: number; index: number }) {
  const { t, fmt } = useI18n();
  const o = t.freight.operator;
  const key = `${planId}:${version}:${index}`;
  const [pictures, setPictures] = useState<Pictures | null>(() => pictureCache.get(key) ?? null);
  const [failed, setFailed] = useState(false);
  const holder = useRef<HTMLDivElement>(null);
  /** The container shown now: an answer for another one (the plan changed meanwhile) is dropped. */
  const shown = useRef(key);
  shown.current = key;
  const n = index + 1;

  const load = useCallback(async () => {
    setFailed(false);
    try {
      const { node } = await gqlFetch(PlanPicturesDocument, { planId, index });
      const c = node && "container" in node ? node.container : null;
      if (!c) throw new Error("no such container");
      const got = { top: c.topViewSvg, side: c.sideViewSvg };
      pictureCache.set(key, got);
      if (shown.current === key) setPictures(got);
    } catch {
      if (shown.current === key) setFailed(true);
    }
  }, [key, planId, index]);

  useEffect(() => {
    const cached = pictureCache.get(key);
    setPictures(cached ?? null);
    const element = holder.current;
    if (cached || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          void load();
        }
      },
      { rootMargin: "100% 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [key, load]);

  return (
    <div ref={holder} data-testid={`load-plan-${n}`}>
      {failed ? (
        <Alert
          type="warning"
          showIcon
          title={o.picturesFailed}
          action={
            <Button size="small" onClick={() => void load()}>
              {t.common.retry}
            </Button>
          }
        />
      ) : pictures ? (
        <Tabs
          size="small"
          items={[
            { key: "top", label: o.topView, children: <LoadPlanImage svg={pictures.top} alt={fmt(o.loadPlanAlt, { n, view: o.topView })} /> },
            { key: "side", label: o.sideView, children: <LoadPlanImage svg={pictures.side} alt={fmt(o.loadPlanAlt, { n, view: o.sideView })} /> },
          ]}
        />
      ) : (
        <div role="status" aria-label={o.picturesLoading}>
          <Skeleton.Node active style={{ width: "100%", height: 120 }} />
        </div>
      )}
    </div>
  );
}

function ratioColor(ratio: number): string {
  if (ratio <= 1.05) return "green";
  if (ratio <= 1.35) return "blue";
  return "orange";
}

/** The departure's consolidation plan, container by container, with the operator's actions on it. */
export function ConsolidationPlanCard({
  departureId,
  plan,
  canPlan,
  onChanged,
}: {
  departureId: string;
  plan: PlanViewFragment | null | undefined;
  canPlan: boolean;
  onChanged: () => Promise<void>;
}) {
  const { t, fmt, locale } = useI18n();
  const o = t.freight.operator;
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [targets, setTargets] = useState<Record<string, number | undefined>>({});

  async function act<R extends object>(key: string, run: () => Promise<R>, done: (result: R) => string | null, refused?: (failure: { code: string; message: string }) => string) {
    setBusy(key);
    try {
      const result = await run();
      if (isFailure(result)) {
        const failure = result as unknown as { code: string; message: string };
        message.error(refused && failure.code === "RULE_VIOLATION" ? refused(failure) : failureMessage(t, failure), 8);
      } else {
        const text = done(result);
        if (text) message.success(text);
      }
      await onChanged();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setBusy(null);
    }
  }

  const runPlan = () =>
    act(
      "run",
      async () => (await gqlFetch(RunConsolidationDocument, { input: { departureId } })).runConsolidation,
      (r) => ("data" in r ? fmt(o.consolidated, { version: r.data.version }) : null),
    );
  const lock = () =>
    plan &&
    act(
      "lock",
      async () => (await gqlFetch(LockPlanDocument, { input: { planId: plan.id } })).lockPlan,
      () => o.locked,
    );
  const move = (bookingId: string, reference: string, toContainer: number) =>
    plan &&
    act(
      `move:${bookingId}`,
      async () => (await gqlFetch(MoveBookingInPlanDocument, { input: { planId: plan.id, bookingId, toContainer } })).moveBookingInPlan,
      () => fmt(o.moved, { reference, n: toContainer + 1 }),
      // The API's reason carries the figures ("does not fit: 3 of 12 crates left over").
      (failure) => `${fmt(o.moveRefused, { reference, n: toContainer + 1 })} ${failure.message}`,
    );

  const draft = plan?.status === "DRAFT";
  const number = (v: number, digits = 0) => v.toLocaleString(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits });

  const actions = canPlan ? (
    <Space wrap>
      {!plan || draft ? (
        <Button type={plan ? "default" : "primary"} loading={busy === "run"} onClick={() => void runPlan()}>
          {plan ? o.runAgain : o.runConsolidation}
        </Button>
      ) : null}
      {plan && draft ? (
        <Popconfirm title={fmt(o.lockConfirm, { version: plan.version })} okText={o.lockPlan} cancelText={t.common.close} onConfirm={() => lock()}>
          <Button type="primary" loading={busy === "lock"}>
            {o.lockPlan}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  ) : null;

  if (!plan) {
    return (
      <Card title={o.plan} extra={actions}>
        <Empty description={o.noPlan} />
      </Card>
    );
  }

  const containerOptions = plan.containers.map((c) => ({ value: c.index, label: fmt(o.containerN, { n: c.index + 1 }) }));

  return (
    <Card
      title={
        <Space wrap>
          {o.plan}
          <Tag color={plan.status === "LOCKED" ? "purple" : "blue"} data-testid="plan-status">
            {`${fmt(o.planVersion, { version: plan.version })} · ${o.planStatus[plan.status as keyof typeof o.planStatus] ?? plan.status}`}
          </Tag>
        </Space>
      }
      extra={actions}
      data-testid="consolidation-plan"
    >
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Space wrap size={[32, 12]}>
          <Statistic title={o.containersUsed} value={plan.containersUsed} />
          <Statistic title={o.lowerBound} value={plan.lowerBound} />
          <Tooltip title={o.boundHint}>
            <span>
              <Statistic title={o.planRatio} value={number(plan.ratio, 2)} valueStyle={{ color: plan.ratio <= 1.05 ? "#389e0d" : undefined }} />
            </span>
          </Tooltip>
          <Statistic title={o.patternEstimate} value={plan.patternEstimate} />
          <Statistic title={o.volumeUsed} value={round1(plan.volumeUtilizationPct)} suffix="%" />
          <Statistic title={o.cratesPlaced} value={plan.cratesPlaced} />
          <Statistic title={o.splitBookings} value={plan.splitBookings} />
        </Space>
        {plan.unplaced.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={o.unplaced}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {plan.unplaced.map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            }
          />
        ) : null}
        {plan.containers.map((c) => (
          <ContainerCard
            key={c.index}
            planId={plan.id}
            version={plan.version}
            container={c}
            canMove={canPlan && draft}
            options={containerOptions.filter((option) => option.value !== c.index)}
            targets={targets}
            setTarget={(bookingId, value) => setTargets((prev) => ({ ...prev, [`${c.index}:${bookingId}`]: value }))}
            busy={busy}
            onMove={(bookingId, reference, to) => void move(bookingId, reference, to)}
          />
        ))}
      </Space>
    </Card>
  );
}

function ContainerCard({
  planId,
  version,
  container: c,
  canMove,
  options,
  targets,
  setTarget,
  busy,
  onMove,
}: {
  planId: string;
  version: number;
  container: PlanContainer;
  canMove: boolean;
  options: Array<{ value: number; label: string }>;
  targets: Record<string, number | undefined>;
  setTarget: (bookingId: string, value: number | undefined) => void;
  busy: string | null;
  onMove: (bookingId: string, reference: string, to: number) => void;
}) {
  const { t, fmt, locale } = useI18n();
  const o = t.freight.operator;
  const n = c.index + 1;
  const title = fmt(o.containerTitle, { n, type: c.typeCode });
  return (
    <Card
      type="inner"
      size="small"
      title={<span data-testid="container-title">{title}</span>}
      extra={
        <Tooltip title={o.boundHint}>
          <Tag color={ratioColor(c.ratio)}>{`${o.containerRatio} ${c.ratio.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`}</Tag>
        </Tooltip>
      }
      data-testid={`plan-container-${n}`}
    >
      <Space direction="vertical" size={8} style={{ width: "100%" }}>
        <div>
          <Typography.Text type="secondary">{o.volumeUsed}</Typography.Text>
          <Progress percent={Math.round(c.volumeUtilizationPct)} size="small" aria-label={`${title}: ${o.volumeUsed} ${Math.round(c.volumeUtilizationPct)}%`} />
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={o.crates}>{c.crates}</Descriptions.Item>
          <Descriptions.Item label={o.grossKg}>{`${c.grossKg.toLocaleString(locale)} kg`}</Descriptions.Item>
          <Descriptions.Item label={o.floorUsed}>{`${round1(c.floorUtilizationPct)} %`}</Descriptions.Item>
          <Descriptions.Item label={o.cogOffset}>{`${c.centerOfGravityOffsetMm > 0 ? "+" : ""}${c.centerOfGravityOffsetMm.toLocaleString(locale)} mm`}</Descriptions.Item>
          <Descriptions.Item label={o.stops}>{c.stops.join(" → ")}</Descriptions.Item>
          {c.lithiumKwh > 0 ? <Descriptions.Item label={o.lithiumKwh}>{`${round1(c.lithiumKwh)} kWh`}</Descriptions.Item> : null}
        </Descriptions>
        <Table
          size="small"
          rowKey="bookingId"
          pagination={false}
          dataSource={c.bookings}
          scroll={{ x: 420 }}
          columns={[
            { title: o.booking, dataIndex: "reference" },
            { title: o.crates, dataIndex: "crates" },
            { title: o.grossKg, key: "kg", render: (_, b) => `${b.grossKg.toLocaleString(locale)} kg` },
            { title: t.freight.destination, dataIndex: "stopCode" },
            ...(canMove && options.length > 0
              ? [
                  {
                    title: o.moveTo,
                    key: "move",
                    render: (_: unknown, b: PlanContainer["bookings"][number]) => {
                      const key = `${c.index}:${b.bookingId}`;
                      const target = targets[key];
                      return (
                        <Space.Compact>
                          <Select
                            size="small"
                            style={{ minWidth: 110 }}
                            aria-label={fmt(o.moveToLabel, { reference: b.reference })}
                            placeholder={o.moveTo}
                            value={target}
                            options={options}
                            onChange={(value: number) => setTarget(b.bookingId, value)}
                          />
                          <Button
                            size="small"
                            disabled={target === undefined}
                            loading={busy === `move:${b.bookingId}`}
                            onClick={() => target !== undefined && onMove(b.bookingId, b.reference, target)}
                          >
                            {o.move}
                          </Button>
                        </Space.Compact>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      </Space>
      <LoadPlanPictures planId={planId} version={version} index={c.index} />
    </Card>
  );
}
