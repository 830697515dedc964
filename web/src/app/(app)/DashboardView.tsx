"use client";

import { Card, Col, Empty, Row, Table, Typography } from "antd";
import Link from "next/link";
import { PageHeader } from "@/components/PageHeader";
import type { RecentActivityQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import type { Viewer } from "@/lib/viewer";

export type ActivityEntry = RecentActivityQuery["auditLog"]["edges"][number]["node"];

export function DashboardView({ viewer, activity }: { viewer: Viewer; activity: ActivityEntry[] | null }) {
  const { t, fmt, locale } = useI18n();
  const board = t.dashboard[viewer.organization.kind];
  const cards = Object.entries(board.cards);
  const span = cards.length >= 4 ? { xs: 24, md: 12, xl: 6 } : { xs: 24, md: 12, xl: 8 };
  const auditHref = viewer.isPlatformAdmin ? "/admin/audit-log" : "/settings/audit-log";

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
            <Card title={card.title} style={{ height: "100%" }} data-testid={`kpi-${key}`}>
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
