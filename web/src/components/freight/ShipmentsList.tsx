"use client";

import { Button, Card, Empty, Form, Select, Table, Typography } from "antd";
import Link from "next/link";
import { useCallback, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import type { BookingRowFragment, BookingStatus } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatMoney, named, originTimeZone } from "@/lib/freight/format";
import { BookingsDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";
import { BookingStatusTag, ZonedTime } from "./common";

const STATUSES: BookingStatus[] = ["CONFIRMED", "WAITLISTED", "ROLL_OFFERED", "IN_TRANSIT", "ARRIVED", "DELIVERED", "ROLLED", "CANCELLED", "PLANNED"];
const PAGE_SIZE = 20;

/** The maker's own shipments, or (inbound) a dealer's incoming ones. */
export function ShipmentsList({ inbound }: { inbound: boolean }) {
  const { t, fmt, locale } = useI18n();
  const s = t.freight.shipments;
  const [status, setStatus] = useState<BookingStatus | null>(null);
  const base = inbound ? "/inbound-shipments" : "/shipments";
  const load = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      const { bookings } = await gqlFetch(BookingsDocument, { status: status ? [status] : null, first, after });
      return { rows: bookings.edges.map((e) => e.node), totalCount: bookings.totalCount, hasNextPage: bookings.pageInfo.hasNextPage, endCursor: bookings.pageInfo.endCursor };
    },
    [status],
  );
  const pages = useCursorPages<BookingRowFragment>(load, PAGE_SIZE, status ?? "");
  return (
    <>
      <PageHeader
        title={inbound ? s.inboundTitle : s.title}
        description={inbound ? s.inboundDescription : s.description}
        extra={
          inbound ? null : (
            <Button type="primary" href="/freight/bookings">
              {s.newBooking}
            </Button>
          )
        }
      />
      <Card>
        <Form layout="vertical" className="filter-bar">
          <Form.Item label={s.filterStatus} htmlFor="shipments-status">
            <Select
              id="shipments-status"
              allowClear
              style={{ minWidth: 200 }}
              placeholder={s.allStatuses}
              value={status ?? undefined}
              onChange={(value?: BookingStatus) => setStatus(value ?? null)}
              options={STATUSES.map((value) => ({ value, label: t.freight.bookingStatus[value] }))}
            />
          </Form.Item>
        </Form>
        {pages.error ? <Typography.Text type="danger">{thrownMessage(t, pages.error)}</Typography.Text> : null}
        <Table<BookingRowFragment>
          rowKey="id"
          loading={pages.loading}
          dataSource={pages.rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={s.empty} /> }}
          columns={[
            {
              title: s.reference,
              key: "reference",
              render: (_, row) => (
                <Link href={`${base}/${encodeURIComponent(row.id)}`} aria-label={fmt(s.view, { reference: row.reference })} className="nowrap">
                  {row.reference}
                </Link>
              ),
            },
            { title: t.freight.status, key: "status", render: (_, row) => <BookingStatusTag status={row.status} /> },
            { title: s.mode, dataIndex: "mode" },
            inbound
              ? { title: s.maker, key: "maker", render: (_, row) => named(row.maker, locale) }
              : { title: s.consignee, key: "consignee", render: (_, row) => (row.consignee ? named(row.consignee, locale) : "—") },
            { title: s.route, key: "route", render: (_, row) => `${row.departure.code} · ${named(row.departure.corridor, locale)} → ${row.destinationCode}` },
            { title: t.freight.departs, key: "departs", render: (_, row) => <ZonedTime value={row.departure.departsAt} timeZone={originTimeZone(row.departure.corridor)} /> },
            { title: t.freight.eta, key: "eta", render: (_, row) => <ZonedTime value={row.departure.etaAt} timeZone={originTimeZone(row.departure.corridor)} /> },
            { title: s.quoted, key: "quoted", align: "right", render: (_, row) => <span className="nowrap">{formatMoney(row.quoted, locale)}</span> },
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
