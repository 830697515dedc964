"use client";

import { Card, Col, Empty, Row, Statistic, Table, Typography } from "antd";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import type { DashboardFiguresQuery, RecentActivityQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import type { Dictionary } from "@/i18n/en";
import { formatDateTime } from "@/lib/format";
import type { Viewer } from "@/lib/viewer";

export type ActivityEntry = RecentActivityQuery["auditLog"]["edges"][number]["node"];
export type Figure = DashboardFiguresQuery["dashboard"][number];

/** Where a card's figure is worked on. */
const CARD_LINKS: Record<string, string> = {
  bookings: "/shipments",
  inTransit: "/shipments",
  vehicles: "/vehicles",
  departures: "/departures",
  toConsolidate: "/consolidation",
  utilisation: "/departures",
  milestones: "/milestones",
  inbound: "/inbound-shipments",
  arriving: "/inbound-shipments",
  pending: "/certifications",
  issued: "/certifications",
  revoked: "/certifications",
};

export function DashboardView({ viewer, activity, figures }: { viewer: Viewer; activity: ActivityEntry[] | null; figures: Figure[] }) {
  const { t, fmt, locale } = useI18n();
  const board = t.dashboard[viewer.organization.kind];
  const cards = Object.entries(board.cards);
  const span = cards.length >= 4 ? { xs: 24, md: 12, xl: 6 } : { xs: 24, md: 12, xl: 8 };
  const auditHref = viewer.isPlatformAdmin ? "/admin/audit-log" : "/settings/audit-log";
  const byKey = new Map(figures.map((f) => [f.key, f]));

  return (
    <>
      <PageHeader
        title={board.title}
        description={
          <>
            {viewer.user ? fmt(t.dashboard.welcome, { name: viewer.user.name }) : null}
            {viewer.user && locale === "en" ? " " : null}
            {board.subtitle}
          </>
        }
      />
      <Row gutter={[16, 16]}>
        {cards.map(([key, card]) => (
          <Col key={key} {...span}>
            <Card
              title={card.title}
              style={{ height: "100%" }}
              data-testid={`kpi-${key}`}
              extra={
                byKey.get(key) && CARD_LINKS[key] ? (
                  <Link href={CARD_LINKS[key]} aria-label={`${t.dashboard.open}: ${card.title}`}>
                    {t.dashboard.open}
                  </Link>
                ) : null
              }
            >
              {byKey.get(key) ? (
                <FigureBody figureKey={key} figure={byKey.get(key) as Figure} />
              ) : (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    <>
                      <Typography.Text strong style={{ display: "block", marginBottom: 4 }}>
                        {t.dashboard.kpiEmpty}
                      </Typography.Text>
                      <Typography.Text type="secondary">{card.empty}</Typography.Text>
                    </>
                  }
                />
              )}
            </Card>
          </Col>
        ))}
        {activity ? (
          <Col xs={24}>
            <Card title={t.dashboard.recentActivity} extra={<Link href={auditHref}>{t.dashboard.viewAuditLog}</Link>}>
              {activity.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.dashboard.recentActivityEmpty} />
              ) : (
                <Table<ActivityEntry>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={activity}
                  columns={[
                    {
                      key: "time",
                      title: t.auditLog.time,
                      width: 220,
                      render: (_, entry) => formatDateTime(entry.createdAt, locale, viewer.organization.timezone),
                    },
                    { key: "action", title: t.auditLog.action, render: (_, entry) => <Typography.Text code>{entry.action}</Typography.Text> },
                    { key: "actor", title: t.auditLog.actor, render: (_, entry) => entry.actor?.name ?? t.auditLog.system },
                  ]}
                />
              )}
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}

/** The sentence that states a card's second figure. */
const SECONDARY: Record<string, keyof Dictionary["dashboard"]["figures"]> = { vehicles: "anchored", departures: "free", utilisation: "overTrains" };

/** A card's number, with the second figure it states, in the page's language. */
function FigureBody({ figureKey, figure }: { figureKey: string; figure: Figure }) {
  const { t, fmt, locale } = useI18n();
  const f = t.dashboard.figures;
  const number = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 1 });
  const template = SECONDARY[figureKey];
  const secondary = figure.secondary != null && template ? fmt(f[template], { n: number(figure.secondary) }) : null;
  return (
    <>
      <Statistic value={figure.value} suffix={figureKey === "utilisation" ? "%" : undefined} formatter={(v) => number(Number(v))} data-testid={`kpi-value-${figureKey}`} />
      {secondary ? <Typography.Text type="secondary">{secondary}</Typography.Text> : null}
    </>
  );
}
