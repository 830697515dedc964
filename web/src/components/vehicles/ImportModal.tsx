"use client";

import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Progress, Space, Typography, Upload } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "@/i18n/client";
import { gqlFetch } from "@/lib/graphql/client";
import { failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { formatBytes, importFileKind, MAX_IMPORT_MB, VEHICLE_CSV_COLUMNS, vehicleCsvTemplate } from "@/lib/vehicles/csv";
import { ImportVehiclesDocument, VehicleImportsDocument } from "@/lib/vehicles/operations";
import { gqlUpload } from "@/lib/vehicles/upload";
import { downloadText } from "./download";
import { ImportReport } from "./ImportReport";

type Phase = { kind: "choose" } | { kind: "uploading"; startedAt: number } | { kind: "report"; importId: string };

export function downloadTemplate(): void {
  downloadText("corridor-vehicles-template.csv", vehicleCsvTemplate());
}

/**
 * Upload a vehicle file, follow the import's progress, read its refused rows. Opened with
 * `importId` it shows the report of an earlier import.
 */
export function ImportModal({
  open,
  importId,
  timezone,
  onClose,
  onImported,
}: {
  open: boolean;
  importId: string | null;
  timezone: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const { t, fmt, locale } = useI18n();
  const m = t.vehicles.import;
  const [phase, setPhase] = useState<Phase>({ kind: "choose" });
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState<{ processed: number } | null>(null);
  const uploading = phase.kind === "uploading";

  useEffect(() => {
    if (!open) return;
    setPhase(importId ? { kind: "report", importId } : { kind: "choose" });
    setFile(null);
    setProblem(null);
    setRunning(null);
  }, [open, importId]);

  // The API answers when every row is checked; meanwhile its newest running import shows how far it got.
  const startedAt = phase.kind === "uploading" ? phase.startedAt : null;
  const fileName = file?.name;
  useEffect(() => {
    if (startedAt === null) return;
    let cancelled = false;
    const timer = setInterval(async () => {
      try {
        const { vehicleImports } = await gqlFetch(VehicleImportsDocument, { first: 1, after: null });
        const latest = vehicleImports.edges[0]?.node;
        if (!cancelled && latest && latest.status === "RUNNING" && latest.fileName === fileName && new Date(latest.createdAt).getTime() >= startedAt - 60_000) {
          setRunning({ processed: latest.processedRows });
        }
      } catch {
        // progress is a courtesy; the upload's own answer decides
      }
    }, 1_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [startedAt, fileName]);

  const choose = (chosen: File) => {
    setProblem(null);
    const kind = importFileKind(chosen.name);
    if (!kind) setProblem(m.wrongType);
    else if (chosen.size > MAX_IMPORT_MB * 1024 * 1024) setProblem(fmt(m.tooLarge, { size: MAX_IMPORT_MB }));
    else {
      setFile(chosen);
      return;
    }
    setFile(null);
  };

  const start = async () => {
    if (!file) return;
    setProblem(null);
    setRunning(null);
    setPhase({ kind: "uploading", startedAt: Date.now() });
    try {
      // The file itself goes up (multipart), so XLSX works and a big CSV is not held as a string.
      const { importVehicles } = await gqlUpload(ImportVehiclesDocument, { input: { fileName: file.name, file: null } }, [{ path: "input.file", file, name: file.name }]);
      if (isFailure(importVehicles)) {
        setProblem(failureMessage(t, importVehicles));
        setPhase({ kind: "choose" });
        return;
      }
      if (importVehicles.__typename !== "ImportVehiclesSuccess") return;
      setPhase({ kind: "report", importId: importVehicles.data.id });
      onImported();
    } catch (caught) {
      setProblem(thrownMessage(t, caught));
      setPhase({ kind: "choose" });
    }
  };

  const onFinished = useCallback(() => onImported(), [onImported]);
  const reportId = phase.kind === "report" ? phase.importId : null;

  return (
    <Modal
      open={open}
      title={m.title}
      width={760}
      onCancel={uploading ? undefined : onClose}
      closable={!uploading}
      maskClosable={false}
      destroyOnHidden
      footer={
        phase.kind === "report" ? (
          <Space>
            {importId ? null : <Button onClick={() => setPhase({ kind: "choose" })}>{m.another}</Button>}
            <Button type="primary" onClick={onClose}>
              {t.common.close}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose} disabled={uploading}>
              {t.common.cancel}
            </Button>
            <Button type="primary" onClick={() => void start()} disabled={!file} loading={uploading}>
              {m.start}
            </Button>
          </Space>
        )
      }
    >
      {reportId ? (
        <ImportReport importId={reportId} timezone={timezone} onFinished={onFinished} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: "100%" }}>
          <Typography.Paragraph style={{ margin: 0 }}>{m.intro}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {fmt(m.columns, { columns: VEHICLE_CSV_COLUMNS.join(", ") })}
          </Typography.Paragraph>
          <div>
            <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
              {m.template}
            </Button>
          </div>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(chosen) => {
              choose(chosen);
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{m.drop}</p>
            <p className="ant-upload-hint">{fmt(m.dropHint, { size: MAX_IMPORT_MB })}</p>
          </Upload.Dragger>
          {file ? <Typography.Text data-testid="import-file">{fmt(m.chosen, { name: file.name, size: formatBytes(file.size, locale) })}</Typography.Text> : null}
          {problem ? <Alert type="error" showIcon title={problem} data-testid="import-problem" /> : null}
          {uploading ? (
            <div>
              <Typography.Text>{m.uploading}</Typography.Text>
              <Progress percent={100} status="active" showInfo={false} />
              {running ? <Typography.Text type="secondary">{fmt(m.checked, { processed: running.processed.toLocaleString(locale) })}</Typography.Text> : null}
            </div>
          ) : null}
        </Space>
      )}
    </Modal>
  );
}
