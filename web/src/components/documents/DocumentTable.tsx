"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Button, Empty, Table, Tag, Typography } from "antd";
import { AnchorStatusTag } from "@/components/vehicles/AnchorStatusTag";
import type { AnchorStatus, DocumentKind } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { shortHash } from "@/lib/vehicles/csv";

export interface DocumentRow {
  id: string;
  kind: DocumentKind;
  number: string;
  issuedAt: string;
  sha256: string;
  pageCount?: number | null;
  /** Documents whose hash goes on the ledger (certificates); absent for the others. */
  anchorStatus?: AnchorStatus | null;
  txId?: string | null;
  blockNumber?: number | null;
}

/** The same-origin path that serves a document's PDF to those who may see it. */
export const downloadHref = (id: string) => `/documents/${encodeURIComponent(id)}/download`;

/** Issued documents: kind, number, date, SHA-256 (short, copyable), ledger status, download. */
export function DocumentTable({ rows, loading, timezone, showAnchoring }: { rows: readonly DocumentRow[]; loading: boolean; timezone: string; showAnchoring: boolean }) {
  const { t, fmt, locale } = useI18n();
  const d = t.documents;
  return (
    <Table<DocumentRow>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows as DocumentRow[]}
      pagination={false}
      scroll={{ x: 760 }}
      data-testid="document-table"
      locale={{ emptyText: <Empty description={d.empty} /> }}
      columns={[
        { title: d.kind, key: "kind", render: (_, row) => d.kinds[row.kind] },
        { title: d.number, key: "number", render: (_, row) => <span className="nowrap">{row.number}</span> },
        { title: d.issuedAt, key: "issuedAt", render: (_, row) => <span className="nowrap">{formatDateTime(row.issuedAt, locale, timezone)}</span> },
        {
          title: d.sha256,
          key: "sha256",
          render: (_, row) => (
            <Typography.Text code copyable={{ text: row.sha256, tooltips: [fmt(d.copyHash, { hash: "" }).trim(), t.common.copied] }} title={row.sha256} className="nowrap">
              {shortHash(row.sha256)}
            </Typography.Text>
          ),
        },
        ...(showAnchoring
          ? [
              {
                title: d.anchoring,
                key: "anchor",
                render: (_: unknown, row: DocumentRow) =>
                  row.anchorStatus ? <AnchorStatusTag status={row.anchorStatus} txId={row.txId} blockNumber={row.blockNumber} /> : <Tag>{d.notAnchored}</Tag>,
              },
            ]
          : []),
        {
          title: t.common.actions,
          key: "download",
          render: (_, row) => (
            <Button size="small" icon={<DownloadOutlined />} href={downloadHref(row.id)} download aria-label={fmt(d.downloadLabel, { number: row.number })}>
              {d.download}
            </Button>
          ),
        },
      ]}
    />
  );
}
