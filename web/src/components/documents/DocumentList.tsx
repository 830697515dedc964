"use client";

import { FileAddOutlined } from "@ant-design/icons";
import { Button, Card, Dropdown, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import type { BookingDocumentsQuery, DocumentKind } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";
import { type DocumentRow, DocumentTable } from "./DocumentTable";
import { type BookingForIssue, IssueDocumentModal } from "./IssueDocumentModal";
import { BookingDocumentsDocument } from "./operations";

type Booking = Extract<NonNullable<BookingDocumentsQuery["node"]>, { reference: string }>;

const PAGE_SIZE = 20;
const LITHIUM = new Set(["UN3171", "UN3480", "UN3481"]);

/** Kinds issued from a booking, in the order a shipment needs them. */
export const BOOKING_DOCUMENT_KINDS: DocumentKind[] = ["BOOKING_CONFIRMATION", "COMMERCIAL_INVOICE", "PACKING_LIST", "CONSIGNMENT_NOTE", "DG_DECLARATION", "LOAD_PLAN"];

/**
 * Which kinds to offer for a booking: the DG declaration only for lithium cargo, the load plan
 * once the train is planned. The API still decides (and says why) when asked for another.
 */
export function offeredKinds(booking: { lines: ReadonlyArray<{ vehicleModel: { unNumber: string } }>; containers: readonly unknown[] }): DocumentKind[] {
  const lithium = booking.lines.some((l) => LITHIUM.has(l.vehicleModel.unNumber));
  return BOOKING_DOCUMENT_KINDS.filter((kind) => (kind === "DG_DECLARATION" ? lithium : kind === "LOAD_PLAN" ? booking.containers.length > 0 : true));
}

/** Documents of one booking, with downloads and, for its maker, issuing. */
export function DocumentList({ bookingId, canIssue = true }: { bookingId: string; canIssue?: boolean }) {
  const { t } = useI18n();
  const d = t.documents;
  const [booking, setBooking] = useState<Booking | null>(null);
  const [mayWrite, setMayWrite] = useState(false);
  const [issuing, setIssuing] = useState<DocumentKind | null>(null);

  const load = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      const { node, documents, viewer } = await gqlFetch(BookingDocumentsDocument, { bookingId, first, after });
      const found = node && "reference" in node ? (node as Booking) : null;
      setBooking(found);
      // Only the booking's maker issues its documents, and only people who may change data.
      setMayWrite(!!found && viewer?.organization.id === found.maker.id && viewer.roles.some((r) => r === "ORG_ADMIN" || r === "MEMBER"));
      return {
        rows: documents.edges.map((e) => e.node as DocumentRow),
        totalCount: documents.totalCount,
        hasNextPage: documents.pageInfo.hasNextPage,
        endCursor: documents.pageInfo.endCursor,
      };
    },
    [bookingId],
  );
  const pages = useCursorPages<DocumentRow>(load, PAGE_SIZE, bookingId);

  const forIssue = useMemo<BookingForIssue | null>(() => {
    if (!booking) return null;
    const models = new Map<string, BookingForIssue["models"][number]>();
    for (const line of booking.lines) models.set(line.vehicleModel.id, { ...line.vehicleModel, lithium: LITHIUM.has(line.vehicleModel.unNumber) });
    return { id: booking.id, currency: booking.quoted.currency, models: [...models.values()], containerTypes: booking.containers.map((c) => c.typeCode) };
  }, [booking]);

  const timezone = booking?.maker.timezone ?? "Asia/Shanghai";
  const kinds = booking ? offeredKinds(booking) : [];
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{d.listTitle}</h2>}
      data-testid="document-list"
      style={{ marginTop: 16 }}
      extra={
        canIssue && mayWrite && booking ? (
          <Dropdown
            trigger={["click"]}
            menu={{
              items: kinds.map((kind) => ({ key: kind, label: d.kinds[kind] })),
              onClick: ({ key }) => setIssuing(key as DocumentKind),
            }}
          >
            <Button icon={<FileAddOutlined />}>{d.issue}</Button>
          </Dropdown>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{d.listHint}</Typography.Paragraph>
      {pages.error ? <Typography.Text type="danger">{thrownMessage(t, pages.error)}</Typography.Text> : null}
      <DocumentTable rows={pages.rows} loading={pages.loading} timezone={timezone} showAnchoring />
      {pages.totalCount > PAGE_SIZE ? (
        <CursorPager
          pageIndex={pages.pageIndex}
          pageCount={pages.pageCount}
          totalCount={pages.totalCount}
          hasNextPage={pages.hasNextPage}
          loading={pages.loading}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      ) : null}
      {forIssue ? <IssueDocumentModal kind={issuing} booking={forIssue} onClose={() => setIssuing(null)} onIssued={pages.reload} /> : null}
    </Card>
  );
}
