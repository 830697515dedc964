"use client";

import { Card, Empty, Table, Typography } from "antd";
import Link from "next/link";
import { useCallback } from "react";
import { CursorPager } from "@/components/CursorPager";
import { BookingStatusTag } from "@/components/freight/common";
import { PageHeader } from "@/components/PageHeader";
import type { DocumentShipmentsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";
import { DocumentList } from "./DocumentList";
import { MakerShipmentsDocument } from "./operations";

type Shipment = DocumentShipmentsQuery["bookings"]["edges"][number]["node"];

const PAGE_SIZE = 10;

/** The maker's documents, shipment by shipment: open a shipment's row to see and issue them. */
export function DocumentRegistry() {
  const { t, fmt } = useI18n();
  const d = t.documents;
  const load = useCallback(async ({ first, after }: { first: number; after: string | null }) => {
    const { bookings } = await gqlFetch(MakerShipmentsDocument, { first, after });
    return { rows: bookings.edges.map((e) => e.node), totalCount: bookings.totalCount, hasNextPage: bookings.pageInfo.hasNextPage, endCursor: bookings.pageInfo.endCursor };
  }, []);
  const pages = useCursorPages<Shipment>(load, PAGE_SIZE, "");
  return (
    <>
      <PageHeader title={d.title} description={d.description} />
      <Card>
        {pages.error ? <Typography.Text type="danger">{thrownMessage(t, pages.error)}</Typography.Text> : null}
        <Table<Shipment>
          rowKey="id"
          loading={pages.loading}
          dataSource={pages.rows}
          pagination={false}
          locale={{ emptyText: <Empty description={d.shipmentsEmpty} /> }}
          expandable={{ expandedRowRender: (row) => <DocumentList bookingId={row.id} />, expandRowByClick: false }}
          columns={[
            {
              title: d.shipment,
              key: "reference",
              render: (_, row) => (
                <Link href={`/shipments/${encodeURIComponent(row.id)}`} aria-label={fmt(d.openShipment, { reference: row.reference })}>
                  {row.reference}
                </Link>
              ),
            },
            { title: t.freight.status, key: "status", render: (_, row) => <BookingStatusTag status={row.status} /> },
            { title: t.freight.shipments.mode, dataIndex: "mode" },
            { title: t.freight.shipments.route, key: "route", render: (_, row) => `${row.departure.code} → ${row.destinationCode}` },
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
