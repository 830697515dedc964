"use client";

import { Alert, AutoComplete, Card, Col, Empty, Input, Row, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import { graphql } from "@/gql";
import type { AuditLogQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";

const AuditLogDocument = graphql(`
  query AuditLog($first: Int!, $after: String, $action: String) {
    auditLog(first: $first, after: $after, action: $action) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          targetType
          targetId
          createdAt
          viaApiKey
          before
          after
          actor {
            id
            name
            email
          }
          organization {
            id
            name
            nameZh
          }
        }
      }
    }
  }
`);

type AuditRow = AuditLogQuery["auditLog"]["edges"][number]["node"];

/** Actions recorded today, offered as suggestions; any other action name can be typed. */
const KNOWN_ACTIONS = [
  "session.login",
  "session.logout",
  "session.switchOrganization",
  "user.create",
  "user.updateProfile",
  "user.changePassword",
  "invitation.create",
  "invitation.accept",
  "invitation.revoke",
  "membership.updateRoles",
  "membership.remove",
  "apiKey.create",
  "apiKey.revoke",
  "organization.create",
];

const PAGE_SIZE = 25;

function Json({ value, emptyText }: { value: unknown; emptyText: string }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return <pre className="json-block">{JSON.stringify(value, null, 2)}</pre>;
}

export function AuditLogView({ timezone, showOrganization }: { timezone: string; showOrganization: boolean }) {
  const { t, locale } = useI18n();
  const [action, setAction] = useState("");
  const [draft, setDraft] = useState("");

  const load = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      const { auditLog } = await gqlFetch(AuditLogDocument, { first, after, action: action || null });
      return {
        rows: auditLog.edges.map((edge) => edge.node),
        totalCount: auditLog.totalCount,
        hasNextPage: auditLog.pageInfo.hasNextPage,
        endCursor: auditLog.pageInfo.endCursor,
      };
    },
    [action],
  );
  const pages = useCursorPages(load, PAGE_SIZE, action);

  const apply = (value: string) => {
    setDraft(value);
    setAction(value.trim());
  };

  return (
    <>
      <PageHeader title={t.auditLog.title} description={t.auditLog.description} />
      <Card>
        <div className="table-toolbar">
          <AutoComplete
            value={draft}
            onChange={setDraft}
            onSelect={apply}
            options={KNOWN_ACTIONS.filter((known) => known.toLowerCase().includes(draft.toLowerCase())).map((value) => ({ value }))}
            style={{ width: 320, maxWidth: "100%" }}
          >
            <Input.Search aria-label={t.auditLog.filterLabel} placeholder={t.auditLog.filterPlaceholder} allowClear onSearch={apply} />
          </AutoComplete>
        </div>
        {pages.error ? <Alert type="error" showIcon title={thrownMessage(t, pages.error)} style={{ marginBottom: 16 }} /> : null}
        <Table<AuditRow>
          rowKey="id"
          loading={pages.loading}
          dataSource={pages.rows}
          pagination={false}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.auditLog.empty} /> }}
          expandable={{
            expandedRowRender: (entry) => (
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t.auditLog.before}</Typography.Text>
                  <Json value={entry.before} emptyText={t.auditLog.noChanges} />
                </Col>
                <Col xs={24} md={12}>
                  <Typography.Text strong>{t.auditLog.after}</Typography.Text>
                  <Json value={entry.after} emptyText={t.auditLog.noChanges} />
                </Col>
              </Row>
            ),
          }}
          columns={[
            { key: "time", title: t.auditLog.time, width: 230, render: (_, entry) => <span className="nowrap">{formatDateTime(entry.createdAt, locale, timezone)}</span> },
            { key: "action", title: t.auditLog.action, render: (_, entry) => <Typography.Text code>{entry.action}</Typography.Text> },
            {
              key: "actor",
              title: t.auditLog.actor,
              render: (_, entry) =>
                entry.actor ? (
                  <span title={entry.actor.email}>
                    {entry.actor.name}
                    {entry.viaApiKey ? <Tag style={{ marginInlineStart: 6 }}>API</Tag> : null}
                  </span>
                ) : (
                  <Typography.Text type="secondary">{t.auditLog.system}</Typography.Text>
                ),
            },
            {
              key: "target",
              title: t.auditLog.target,
              render: (_, entry) => (
                <span>
                  {entry.targetType}{" "}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {entry.targetId}
                  </Typography.Text>
                </span>
              ),
            },
            ...(showOrganization
              ? [
                  {
                    key: "organization",
                    title: t.nav.organizations,
                    render: (_: unknown, entry: AuditRow) =>
                      entry.organization ? (locale === "zh-CN" && entry.organization.nameZh ? entry.organization.nameZh : entry.organization.name) : t.common.none,
                  },
                ]
              : []),
          ]}
        />
        <CursorPager
          pageIndex={pages.pageIndex}
          pageCount={pages.pageCount}
          totalCount={pages.totalCount}
          hasNextPage={pages.hasNextPage}
          loading={pages.loading}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      </Card>
    </>
  );
}
