"use client";

import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Progress, Space, Spin, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import type { RegistryVehicleImportQuery, VehicleImportProgressFragment, VehicleImportStatus } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { gqlFetch } from "@/lib/graphql/client";
import { thrownMessage } from "@/lib/graphql/results";
import { columnOf, importErrorsCsv, rowErrorText, rowErrorTexts } from "@/lib/vehicles/csv";
import { VehicleImportDocument } from "@/lib/vehicles/operations";
import { downloadText } from "./download";

type ImportWithErrors = NonNullable<RegistryVehicleImportQuery["vehicleImport"]>;

const POLL_MS = 1_500;

/** Done when every row is checked and every batch is on the ledger (or the import failed). */
export function importFinished(i: Pick<VehicleImportProgressFragment, "status" | "batchCount" | "anchoredBatchCount">): boolean {
  return i.status === "FAILED" || (i.status === "DONE" && i.anchoredBatchCount >= i.batchCount);
}

const STATUS_COLOR: Record<VehicleImportStatus, string> = { RUNNING: "processing", DONE: "success", FAILED: "error" };

export function ImportStatusTag({ status }: { status: VehicleImportStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="import-status">
      {t.vehicles.import.statuses[status]}
    </Tag>
  );
}

/**
 * An import's progress, polled until it is finished, then its refused rows with a CSV download.
 * `onFinished` runs once when the import is finished (to refresh the lists behind).
 */
export function ImportReport({ importId, timezone, onFinished }: { importId: string; timezone: string; onFinished?: () => void }) {
  const { t, fmt, locale } = useI18n();
  const m = t.vehicles.import;
  const [data, setData] = useState<ImportWithErrors | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let notified = false;
    const poll = async () => {
      try {
        const { vehicleImport } = await gqlFetch(VehicleImportDocument, { id: importId });
        if (cancelled) return;
        setData(vehicleImport ?? null);
        setError(null);
        if (vehicleImport && importFinished(vehicleImport)) {
          if (!notified) {
            notified = true;
            onFinished?.();
          }
          return;
        }
      } catch (caught) {
        if (cancelled) return;
        setError(thrownMessage(t, caught));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [importId, t, onFinished]);

  if (data === undefined) return error ? <Alert type="error" showIcon title={error} /> : <Spin aria-label={t.common.loading} />;
  if (data === null) return <Alert type="error" showIcon title={t.errors.NOT_FOUND} />;

  const finished = importFinished(data);
  const rowsDone = data.status !== "RUNNING";
  const rowPct = rowsDone ? 100 : data.totalRows > 0 ? Math.floor((data.processedRows / data.totalRows) * 100) : 0;
  const batchPct = data.batchCount > 0 ? Math.floor((data.anchoredBatchCount / data.batchCount) * 100) : 100;
  const title = data.status === "FAILED" ? m.failed : finished ? m.finished : rowsDone ? m.anchoring : m.running;

  const texts = rowErrorTexts(t);
  const downloadErrors = () => {
    const base = data.fileName.replace(/\.[^.]+$/, "");
    downloadText(`${base}-refused-rows.csv`, importErrorsCsv(data.errors, { line: m.line, column: m.column, code: m.code, message: m.message }, texts));
  };

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="import-report">
      <div>
        <Typography.Title level={3} style={{ fontSize: 18, margin: 0 }} data-testid="import-report-title">
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {data.fileName} · {formatDateTime(data.createdAt, locale, timezone)}
        </Typography.Text>
      </div>
      {error ? <Alert type="warning" showIcon title={error} /> : null}
      <div>
        <div className="table-toolbar" style={{ marginBottom: 0 }}>
          <Typography.Text id={`rows-${data.id}`}>{m.rowsProgress}</Typography.Text>
          <Typography.Text type="secondary" data-testid="import-rows">
            {data.totalRows > 0
              ? fmt(m.checkedOf, { processed: data.processedRows.toLocaleString(locale), total: data.totalRows.toLocaleString(locale) })
              : fmt(m.checked, { processed: data.processedRows.toLocaleString(locale) })}
          </Typography.Text>
        </div>
        <Progress percent={rowPct} status={data.status === "FAILED" ? "exception" : rowsDone ? "success" : "active"} aria-labelledby={`rows-${data.id}`} />
      </div>
      {rowsDone && data.status !== "FAILED" ? (
        <div>
          <Typography.Text id={`batches-${data.id}`}>{m.batchesProgress}</Typography.Text>
          {data.batchCount > 0 ? (
            <>
              <Typography.Text type="secondary" style={{ float: "right" }} data-testid="import-batches">
                {fmt(m.batches, { anchored: data.anchoredBatchCount.toLocaleString(locale), count: data.batchCount.toLocaleString(locale) })}
              </Typography.Text>
              <Progress percent={batchPct} status={finished ? "success" : "active"} aria-labelledby={`batches-${data.id}`} />
            </>
          ) : (
            <div>
              <Typography.Text type="secondary">{m.noBatches}</Typography.Text>
            </div>
          )}
        </div>
      ) : null}
      {rowsDone ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={m.rows}>
            <span data-testid="import-summary">{fmt(m.summary, { imported: data.importedRows.toLocaleString(locale), errors: data.errorRows.toLocaleString(locale) })}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {rowsDone && data.errorRows > 0 ? (
        <div>
          <div className="table-toolbar">
            <Typography.Title level={4} style={{ fontSize: 16, margin: 0 }}>
              {m.errorsTitle}
            </Typography.Title>
            <Button icon={<DownloadOutlined />} onClick={downloadErrors}>
              {m.downloadErrors}
            </Button>
          </div>
          {data.errorRows > data.errors.length ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={fmt(m.errorsTruncated, { shown: data.errors.length.toLocaleString(locale), total: data.errorRows.toLocaleString(locale) })}
            />
          ) : null}
          <Table
            size="small"
            rowKey={(row) => `${row.line}-${row.field}-${row.message}`}
            dataSource={data.errors}
            pagination={data.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            data-testid="import-errors"
            columns={[
              { title: m.line, dataIndex: "line", width: 80 },
              { title: m.column, key: "column", width: 160, render: (_, row) => <code>{columnOf(row.field)}</code> },
              { title: m.message, key: "message", render: (_, row) => <span data-code={row.code}>{rowErrorText(row, texts)}</span> },
            ]}
          />
        </div>
      ) : rowsDone && data.status === "DONE" ? (
        <Alert type="success" showIcon title={m.noErrors} />
      ) : null}
    </Space>
  );
}
