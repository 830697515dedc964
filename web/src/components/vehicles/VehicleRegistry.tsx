"use client";

import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Form, Input, Space, Table, Typography } from "antd";
import Link from "next/link";
import { useCallback, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import type { RegistryVehicleRowFragment, VehicleImportProgressFragment } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { named } from "@/lib/freight/format";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";
import { VehicleImportsDocument, VehiclesDocument } from "@/lib/vehicles/operations";
import { AnchorStatusTag } from "./AnchorStatusTag";
import { downloadTemplate, ImportModal } from "./ImportModal";
import { ImportStatusTag } from "./ImportReport";

const PAGE_SIZE = 20;
const IMPORTS_PAGE_SIZE = 5;

export const vehicleKey = (v: { vin?: string | null; frameNumber?: string | null }) => v.vin ?? v.frameNumber ?? "—";

/** The maker's vehicles: search, anchoring status, bulk import with its reports. */
export function VehicleRegistry({ timezone, canWrite }: { timezone: string; canWrite: boolean }) {
  const { t, fmt, locale } = useI18n();
  const v = t.vehicles;
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [modal, setModal] = useState<{ importId: string | null } | null>(null);

  const loadVehicles = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      const { vehicles } = await gqlFetch(VehiclesDocument, { search: search || null, first, after });
      return { rows: vehicles.edges.map((e) => e.node), totalCount: vehicles.totalCount, hasNextPage: vehicles.pageInfo.hasNextPage, endCursor: vehicles.pageInfo.endCursor };
    },
    [search],
  );
  const vehicles = useCursorPages<RegistryVehicleRowFragment>(loadVehicles, PAGE_SIZE, search);

  const loadImports = useCallback(async ({ first, after }: { first: number; after: string | null }) => {
    const { vehicleImports } = await gqlFetch(VehicleImportsDocument, { first, after });
    return {
      rows: vehicleImports.edges.map((e) => e.node),
      totalCount: vehicleImports.totalCount,
      hasNextPage: vehicleImports.pageInfo.hasNextPage,
      endCursor: vehicleImports.pageInfo.endCursor,
    };
  }, []);
  const imports = useCursorPages<VehicleImportProgressFragment>(loadImports, IMPORTS_PAGE_SIZE, "");

  const reloadVehicles = vehicles.reload;
  const reloadImports = imports.reload;
  const refresh = useCallback(() => {
    reloadVehicles();
    reloadImports();
  }, [reloadVehicles, reloadImports]);

  return (
    <>
      <PageHeader
        title={v.title}
        description={v.description}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
              {v.import.template}
            </Button>
            {canWrite ? (
              <Button type="primary" icon={<UploadOutlined />} onClick={() => setModal({ importId: null })}>
                {v.import.open}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Card>
          <Form
            layout="vertical"
            className="filter-bar"
            onFinish={() => {
              setSearch(searchText.trim());
            }}
          >
            <Form.Item label={v.search} htmlFor="vehicle-search">
              <Input.Search
                id="vehicle-search"
                allowClear
                style={{ width: 420, maxWidth: "100%" }}
                placeholder={v.searchPlaceholder}
                value={searchText}
                onChange={(e) => {
                  setSearchText(e.target.value);
                  if (e.target.value === "") setSearch("");
                }}
                onSearch={(value) => setSearch(value.trim())}
                enterButton={t.common.search}
              />
            </Form.Item>
          </Form>
          {vehicles.error ? <Typography.Text type="danger">{thrownMessage(t, vehicles.error)}</Typography.Text> : null}
          <Table<RegistryVehicleRowFragment>
            rowKey="id"
            loading={vehicles.loading}
            dataSource={vehicles.rows}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={search ? fmt(v.emptySearch, { search }) : v.empty} /> }}
            columns={[
              {
                title: v.vehicleKey,
                key: "key",
                render: (_, row) => (
                  <Link href={`/vehicles/${encodeURIComponent(row.id)}`} aria-label={fmt(v.view, { key: vehicleKey(row) })} className="nowrap">
                    <code>{vehicleKey(row)}</code>
                  </Link>
                ),
              },
              { title: v.frameNumber, key: "frame", render: (_, row) => (row.vin && row.frameNumber ? <code>{row.frameNumber}</code> : t.common.none) },
              { title: v.model, key: "model", render: (_, row) => (row.model ? `${row.model.code} · ${named(row.model, locale)}` : t.common.none) },
              { title: v.productionDate, dataIndex: "productionDate", className: "nowrap" },
              { title: v.anchoring, key: "anchor", render: (_, row) => <AnchorStatusTag status={row.batch?.status} txId={row.batch?.txId} blockNumber={row.batch?.blockNumber} /> },
              { title: v.registeredAt, key: "created", render: (_, row) => <span className="nowrap">{formatDateTime(row.createdAt, locale, timezone)}</span> },
            ]}
          />
          <CursorPager
            pageIndex={vehicles.pageIndex}
            pageCount={vehicles.pageCount}
            totalCount={vehicles.totalCount}
            hasNextPage={vehicles.hasNextPage}
            loading={vehicles.loading}
            onPrevious={vehicles.previous}
            onNext={vehicles.next}
          />
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{v.import.history}</h2>}>
          {imports.error ? <Typography.Text type="danger">{thrownMessage(t, imports.error)}</Typography.Text> : null}
          <Table<VehicleImportProgressFragment>
            rowKey="id"
            size="small"
            loading={imports.loading}
            dataSource={imports.rows}
            pagination={false}
            scroll={{ x: 760 }}
            locale={{ emptyText: <Empty description={v.import.historyEmpty} /> }}
            columns={[
              { title: v.import.fileName, dataIndex: "fileName" },
              { title: v.import.startedAt, key: "created", render: (_, row) => <span className="nowrap">{formatDateTime(row.createdAt, locale, timezone)}</span> },
              { title: v.import.status, key: "status", render: (_, row) => <ImportStatusTag status={row.status} /> },
              { title: v.import.rows, key: "rows", render: (_, row) => `${row.importedRows.toLocaleString(locale)} / ${row.errorRows.toLocaleString(locale)}` },
              { title: v.import.batchesProgress, key: "batches", render: (_, row) => (row.batchCount > 0 ? `${row.anchoredBatchCount} / ${row.batchCount}` : t.common.none) },
              {
                title: t.common.actions,
                key: "actions",
                render: (_, row) => (
                  <Button size="small" onClick={() => setModal({ importId: row.id })} aria-label={fmt(v.import.reportFor, { file: row.fileName })}>
                    {v.import.report}
                  </Button>
                ),
              },
            ]}
          />
          <CursorPager
            pageIndex={imports.pageIndex}
            pageCount={imports.pageCount}
            totalCount={imports.totalCount}
            hasNextPage={imports.hasNextPage}
            loading={imports.loading}
            onPrevious={imports.previous}
            onNext={imports.next}
          />
        </Card>
      </Space>
      <ImportModal open={modal !== null} importId={modal?.importId ?? null} timezone={timezone} onClose={() => setModal(null)} onImported={refresh} />
    </>
  );
}
