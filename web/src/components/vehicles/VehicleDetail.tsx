"use client";

import { ExportOutlined, FileProtectOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tag, Timeline, Typography } from "antd";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { DocumentTable } from "@/components/documents/DocumentTable";
import { PageHeader } from "@/components/PageHeader";
import type { DocumentKind, RegistryVehicleDetailQuery, RegistryVehicleVerificationQuery, VehicleConformityInput } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { named } from "@/lib/freight/format";
import { gqlFetch } from "@/lib/graphql/client";
import { type DomainFailure, failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { IssueVehicleDocumentDocument, VehicleDetailDocument, VehicleVerificationDocument } from "@/lib/vehicles/operations";
import { AnchorStatusTag } from "./AnchorStatusTag";
import { CocModal } from "./CocModal";
import { vehicleKey } from "./VehicleRegistry";

type Vehicle = Extract<NonNullable<RegistryVehicleDetailQuery["node"]>, { productionDate: string }>;
type Verification = NonNullable<RegistryVehicleVerificationQuery["verifyVehicle"]>;

/** One vehicle: identity, ledger anchoring, certifications and custody, and its certificates. */
export function VehicleDetail({ id, timezone, canWrite }: { id: string; timezone: string; canWrite: boolean }) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const v = t.vehicles;
  const dt = v.detail;
  const [vehicle, setVehicle] = useState<Vehicle | null | undefined>(undefined);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issuing, setIssuing] = useState<DocumentKind | null>(null);
  const [cocOpen, setCocOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const { node } = await gqlFetch(VehicleDetailDocument, { id });
      const found = node && "productionDate" in node ? (node as Vehicle) : null;
      setVehicle(found);
      setError(null);
      const key = found ? (found.vin ?? found.frameNumber) : null;
      if (key) {
        const { verifyVehicle } = await gqlFetch(VehicleVerificationDocument, { vin: key });
        setVerification(verifyVehicle ?? null);
      }
    } catch (caught) {
      setError(thrownMessage(t, caught));
    }
  }, [id, t]);
  useEffect(() => {
    void load();
  }, [load]);

  // Certificates are anchored by the outbox worker: look again while one is on its way.
  const pending = vehicle?.documents.some((d) => d.anchorStatus === "PENDING") || vehicle?.batch?.status === "PENDING";
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(), 3_000);
    return () => clearInterval(timer);
  }, [pending, load]);

  const issue = useCallback(
    async (kind: DocumentKind, conformity: VehicleConformityInput | null): Promise<DomainFailure | string | null> => {
      try {
        const { issueVehicleDocument } = await gqlFetch(IssueVehicleDocumentDocument, { input: { vehicleId: id, kind, conformity } });
        if (isFailure(issueVehicleDocument)) {
          const fieldErrors = "fieldErrors" in issueVehicleDocument ? issueVehicleDocument.fieldErrors : undefined;
          return {
            code: issueVehicleDocument.code,
            message: issueVehicleDocument.code === "VALIDATION" ? issueVehicleDocument.message : failureMessage(t, issueVehicleDocument),
            fieldErrors,
          };
        }
        if (issueVehicleDocument.__typename !== "IssueVehicleDocumentSuccess") return t.errors.UNKNOWN;
        const doc = issueVehicleDocument.document;
        message.success(fmt(t.documents.issued, { kind: t.documents.kinds[doc.kind], number: doc.number }));
        await load();
        return null;
      } catch (caught) {
        return thrownMessage(t, caught);
      }
    },
    [id, t, fmt, message, load],
  );

  /** Without data of its own, the API takes the model's type-approval data from the catalog. */
  async function issueWithoutForm(kind: DocumentKind) {
    setIssuing(kind);
    const failure = await issue(kind, null);
    setIssuing(null);
    if (failure) message.error(typeof failure === "string" ? failure : failure.message);
  }

  if (error && vehicle === undefined)
    return <Result status="error" title={t.errors.pageTitle} subTitle={error} extra={<Button onClick={() => void load()}>{t.common.retry}</Button>} />;
  if (vehicle === undefined) return <Spin aria-label={t.common.loading} />;
  if (vehicle === null) return <Result status="404" title={t.errors.NOT_FOUND} extra={<Link href="/vehicles">{dt.back}</Link>} />;

  const key = vehicleKey(vehicle);
  const batch = vehicle.batch;
  const verifyHref = `/verify/${encodeURIComponent(key)}`;
  const none = t.common.none;
  return (
    <>
      <PageHeader
        title={fmt(dt.title, { key })}
        description={<AnchorStatusTag status={batch?.status} txId={batch?.txId} blockNumber={batch?.blockNumber} />}
        extra={
          <Space wrap>
            <Button href="/vehicles">{dt.back}</Button>
            <Button href={verifyHref} target="_blank" icon={<ExportOutlined />}>
              {dt.publicPage}
            </Button>
          </Space>
        }
      />
      {error ? <Alert type="warning" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <div className="freight-grid">
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{dt.identity}</h2>}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={v.vin}>{vehicle.vin ? <code>{vehicle.vin}</code> : none}</Descriptions.Item>
              <Descriptions.Item label={v.frameNumber}>{vehicle.frameNumber ? <code>{vehicle.frameNumber}</code> : none}</Descriptions.Item>
              <Descriptions.Item label={v.model}>{vehicle.model ? `${vehicle.model.code} · ${named(vehicle.model, locale)}` : none}</Descriptions.Item>
              <Descriptions.Item label={dt.category}>{vehicle.model?.category ?? none}</Descriptions.Item>
              <Descriptions.Item label={v.productionDate}>{vehicle.productionDate}</Descriptions.Item>
              <Descriptions.Item label={v.registeredAt}>{formatDateTime(vehicle.createdAt, locale, timezone)}</Descriptions.Item>
              <Descriptions.Item label={v.batterySerial}>{vehicle.batterySerial ?? none}</Descriptions.Item>
              <Descriptions.Item label={v.motorNumber}>{vehicle.motorNumber ?? none}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{dt.certifications}</h2>}>
            <Table
              size="small"
              rowKey={(c) => `${c.market}-${c.standard}-${c.number}`}
              pagination={false}
              dataSource={verification?.certifications ?? []}
              locale={{ emptyText: <Empty description={dt.certificationsEmpty} /> }}
              columns={[
                { title: dt.market, dataIndex: "market" },
                { title: dt.standard, dataIndex: "standard" },
                { title: dt.number, dataIndex: "number" },
                { title: dt.validity, key: "validity", render: (_, c) => <span className="nowrap">{fmt(dt.validRange, { from: c.validFrom, to: c.validTo })}</span> },
              ]}
            />
          </Card>
        </Space>
        <Space direction="vertical" size={16} style={{ width: "100%" }}>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{dt.anchoring}</h2>}>
            {batch ? (
              <Descriptions size="small" column={1} data-testid="anchoring-facts">
                <Descriptions.Item label={t.vehicles.anchoring}>
                  <AnchorStatusTag status={batch.status} txId={batch.txId} blockNumber={batch.blockNumber} />
                </Descriptions.Item>
                <Descriptions.Item label={v.batchId}>
                  <Typography.Text code copyable>
                    {batch.batchId}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={v.batchSize}>{batch.count}</Descriptions.Item>
                <Descriptions.Item label={v.leafIndex}>{vehicle.leafIndex ?? none}</Descriptions.Item>
                <Descriptions.Item label={v.txId}>{batch.txId ? <HashText value={batch.txId} /> : none}</Descriptions.Item>
                <Descriptions.Item label={v.block}>{batch.blockNumber ?? none}</Descriptions.Item>
                <Descriptions.Item label={v.blockHash}>{batch.blockHash ? <HashText value={batch.blockHash} /> : none}</Descriptions.Item>
                <Descriptions.Item label={v.merkleRoot}>{batch.merkleRoot ? <HashText value={batch.merkleRoot} /> : none}</Descriptions.Item>
                <Descriptions.Item label={v.anchoredAt}>{batch.anchoredAt ? formatDateTime(batch.anchoredAt, locale, timezone) : none}</Descriptions.Item>
                {batch.status !== "ANCHORED" ? <Descriptions.Item label={v.attempts}>{batch.attempts}</Descriptions.Item> : null}
                {batch.lastError && batch.status !== "ANCHORED" ? <Descriptions.Item label={v.lastError}>{batch.lastError}</Descriptions.Item> : null}
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{v.notRegisteredYet}</Typography.Text>
            )}
          </Card>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{dt.custody}</h2>}>
            {verification && verification.custody.length > 0 ? (
              <Timeline
                items={verification.custody.map((e, i) => ({
                  key: `${e.occurredAt}-${i}`,
                  content: (
                    <div>
                      <strong>{dt.custodyTypes[e.type]}</strong> · {e.place}
                      <div>
                        <Typography.Text type="secondary">
                          {formatDateTime(e.occurredAt, locale, timezone)} · {fmt(dt.recordedBy, { org: e.recordedBy })}
                          {e.scope === "BATCH" ? ` · ${dt.custodyScope.BATCH}` : ""}
                        </Typography.Text>
                      </div>
                      {e.txId ? <Tag style={{ marginTop: 4 }}>{`${v.txId} ${e.txId.slice(0, 12)}…`}</Tag> : null}
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty description={dt.custodyEmpty} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Space>
      </div>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{dt.documents}</h2>} style={{ marginTop: 16 }}>
        <div className="table-toolbar" style={{ justifyContent: "space-between", alignItems: "center" }}>
          <Typography.Text type="secondary">{dt.documentsHint}</Typography.Text>
          {canWrite ? (
            <Space wrap>
              {vehicle.model?.conformity ? (
                <>
                  <Button
                    icon={<FileProtectOutlined />}
                    title={fmt(dt.cocFromCatalog, { model: vehicle.model.code })}
                    loading={issuing === "CERTIFICATE_OF_CONFORMITY"}
                    onClick={() => void issueWithoutForm("CERTIFICATE_OF_CONFORMITY")}
                  >
                    {dt.issueCoc}
                  </Button>
                  <Button type="link" onClick={() => setCocOpen(true)}>
                    {dt.issueCocOther}
                  </Button>
                </>
              ) : (
                <Button icon={<FileProtectOutlined />} onClick={() => setCocOpen(true)} disabled={!vehicle.model}>
                  {dt.issueCoc}
                </Button>
              )}
              <Button icon={<SafetyCertificateOutlined />} loading={issuing === "VEHICLE_VERIFICATION"} onClick={() => void issueWithoutForm("VEHICLE_VERIFICATION")}>
                {dt.issueVerification}
              </Button>
            </Space>
          ) : null}
        </div>
        <DocumentTable rows={vehicle.documents} loading={false} timezone={timezone} showAnchoring />
      </Card>
      {vehicle.model ? (
        <CocModal open={cocOpen} modelCode={vehicle.model.code} onClose={() => setCocOpen(false)} submit={(conformity) => issue("CERTIFICATE_OF_CONFORMITY", conformity)} />
      ) : null}
    </>
  );
}

function HashText({ value }: { value: string }) {
  return (
    <Typography.Text code copyable={{ text: value }} title={value} style={{ wordBreak: "break-all" }}>
      {value.length > 24 ? `${value.slice(0, 12)}…${value.slice(-8)}` : value}
    </Typography.Text>
  );
}
