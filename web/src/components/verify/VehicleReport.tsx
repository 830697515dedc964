"use client";

import { CheckCircleFilled, ClockCircleOutlined, CloseCircleFilled, DownloadOutlined, ExclamationCircleFilled, SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Empty, Tag, Timeline, Typography } from "antd";
import type { AnchorStatus, PublicVerifyVehicleQuery } from "@/gql/graphql";
import { fmt } from "@/i18n";
import { CertificationFilters } from "./CertificationFilters";
import { LocalTime } from "./LocalTime";
import { usePublicI18n } from "./PublicI18n";

type Vehicle = NonNullable<PublicVerifyVehicleQuery["verifyVehicle"]>;

const STATUS_COLOR: Record<AnchorStatus, string> = { ANCHORED: "success", PENDING: "warning", FAILED: "error" };
const STATUS_ICON: Record<AnchorStatus, React.ReactNode> = {
  ANCHORED: <CheckCircleFilled />,
  PENDING: <ClockCircleOutlined />,
  FAILED: <ExclamationCircleFilled />,
};

/**
 * Names and days as the server formatted them (its Intl has every language; a browser's may not,
 * and the server-rendered text must match what the browser renders).
 */
export interface ReportLabels {
  /** YYYY-MM-DD → the day in the reader's language. */
  days: Record<string, string>;
  /** Market code → its name in the reader's language. */
  markets: Record<string, string>;
  /** Every market, for the selector, in the order shown. */
  marketCodes: string[];
}

/** The public report on one vehicle: identity, anchoring, certifications and revocations, custody, QR and proof. */
export function VehicleReport({ identifier, vehicle, labels, qrSvg, pageUrl }: { identifier: string; vehicle: Vehicle; labels: ReportLabels; qrSvg: string; pageUrl: string }) {
  const { locale, t } = usePublicI18n();
  const v = t.vehicle;
  const shownId = vehicle.vin ?? vehicle.frameNumber ?? identifier;
  const path = `/verify/${encodeURIComponent(identifier)}`;
  const dayOf = (ymd: string) => labels.days[ymd] ?? ymd;
  const marketOf = (code: string) => labels.markets[code] ?? code;
  const chosenMarket = vehicle.market ? marketOf(vehicle.market) : null;
  const day = dayOf(vehicle.on);
  const maker = locale === "zh-CN" && vehicle.makerNameZh ? vehicle.makerNameZh : vehicle.makerName;
  const makerAlt = locale === "zh-CN" ? (vehicle.makerNameZh ? vehicle.makerName : null) : vehicle.makerNameZh;
  const mono = (text: string) => (
    <Typography.Text className="verify-mono verify-break" copyable={{ text }}>
      {text}
    </Typography.Text>
  );

  return (
    <div className="verify-stack-lg">
      <div className="verify-heading">
        <Typography.Title level={1} className="verify-title verify-break">
          {fmt(v.title, { vin: shownId })}
        </Typography.Title>
        <Tag color={STATUS_COLOR[vehicle.anchorStatus]} icon={STATUS_ICON[vehicle.anchorStatus]} className="verify-status" data-testid="anchor-status">
          {v.status[vehicle.anchorStatus]}
        </Tag>
      </div>

      <div className="verify-layout">
        <div className="verify-stack-lg verify-main-col">
          <Card title={v.identity} variant="borderless" className="verify-card">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 2 }}
              items={[
                ...(vehicle.vin ? [{ key: "vin", label: v.vin, children: <span className="verify-mono">{vehicle.vin}</span> }] : []),
                ...(vehicle.frameNumber ? [{ key: "frame", label: v.frameNumber, children: <span className="verify-mono">{vehicle.frameNumber}</span> }] : []),
                {
                  key: "maker",
                  label: v.maker,
                  children: (
                    <span data-testid="maker">
                      <Typography.Text strong>{maker}</Typography.Text>
                      {makerAlt ? <Typography.Text type="secondary">{` · ${makerAlt}`}</Typography.Text> : null}
                    </span>
                  ),
                },
                {
                  key: "model",
                  label: v.model,
                  children: (
                    <span>
                      {vehicle.modelName} <Typography.Text type="secondary" className="verify-mono">{`(${vehicle.modelCode})`}</Typography.Text>
                    </span>
                  ),
                },
                { key: "production", label: v.productionDate, children: dayOf(vehicle.productionDate) },
              ]}
            />
          </Card>

          <Card title={v.anchoring} variant="borderless" className="verify-card" data-testid="anchoring">
            {vehicle.anchorStatus === "ANCHORED" ? (
              <div className="verify-stack">
                <Alert type="success" showIcon title={v.anchoredBody} />
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    ...(vehicle.batchRoot ? [{ key: "root", label: v.batchRoot, children: mono(vehicle.batchRoot) }] : []),
                    ...(vehicle.txId ? [{ key: "tx", label: v.txId, children: mono(vehicle.txId) }] : []),
                    ...(vehicle.blockNumber != null ? [{ key: "block", label: v.blockNumber, children: <span className="verify-mono">{`#${vehicle.blockNumber}`}</span> }] : []),
                    ...(vehicle.blockHash ? [{ key: "hash", label: v.blockHash, children: mono(vehicle.blockHash) }] : []),
                    ...(vehicle.anchoredAt ? [{ key: "at", label: v.anchoredAt, children: <LocalTime value={vehicle.anchoredAt} /> }] : []),
                  ]}
                />
              </div>
            ) : vehicle.anchorStatus === "FAILED" ? (
              <Alert type="error" showIcon title={v.failedTitle} description={v.failedBody} />
            ) : (
              <Alert type="warning" showIcon title={v.pendingTitle} description={v.pendingBody} />
            )}
          </Card>

          <Card
            title={
              <span className="verify-card-title">
                <SafetyCertificateOutlined /> {v.certifications}
              </span>
            }
            variant="borderless"
            className="verify-card"
            data-testid="certifications"
          >
            <CertificationFilters
              key={`${vehicle.market ?? ""}|${vehicle.on}`}
              path={path}
              markets={labels.marketCodes.map((code) => ({ value: code, label: `${marketOf(code)} (${code})` }))}
              market={vehicle.market}
              on={vehicle.on}
            />
            <Typography.Paragraph type="secondary" className="verify-subtle">
              {chosenMarket ? fmt(v.certificationsFor, { market: chosenMarket, date: day }) : fmt(v.certificationsAll, { date: day })}
            </Typography.Paragraph>
            {vehicle.certifications.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={chosenMarket ? fmt(v.noCertifications, { market: chosenMarket, date: day }) : fmt(v.noCertificationsAll, { date: day })}
              />
            ) : (
              <ul className="verify-certs">
                {vehicle.certifications.map((c) => (
                  <li key={`${c.market}|${c.standard}|${c.number}`} className="verify-cert">
                    <div className="verify-cert-head">
                      <Typography.Text strong>{c.standard}</Typography.Text>
                      <Tag color="success" icon={<CheckCircleFilled />}>
                        {v.valid}
                      </Tag>
                    </div>
                    <dl className="verify-cert-facts">
                      <dt>{v.certNumber}</dt>
                      <dd className="verify-mono verify-break">{c.number}</dd>
                      <dt>{v.market}</dt>
                      <dd>{`${marketOf(c.market)} (${c.market})`}</dd>
                      <dt>{v.validity}</dt>
                      <dd>{fmt(v.validRange, { from: dayOf(c.validFrom), to: dayOf(c.validTo) })}</dd>
                      <dt>{v.scope}</dt>
                      <dd>{c.modelCode ? fmt(v.scopeModel, { code: c.modelCode }) : v.scopeVehicle}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
            <section className="verify-revocations" data-testid="revocations" aria-labelledby="verify-revocations-title">
              <Typography.Title level={2} id="verify-revocations-title" className="verify-section-title">
                <CloseCircleFilled style={{ color: "#c62828" }} /> {v.revocations}
              </Typography.Title>
              {vehicle.revocations.length === 0 ? (
                <Typography.Paragraph type="secondary" className="verify-subtle">
                  {chosenMarket ? fmt(v.noRevocationsFor, { market: chosenMarket, date: day }) : fmt(v.noRevocations, { date: day })}
                </Typography.Paragraph>
              ) : (
                <>
                  <Typography.Paragraph type="secondary" className="verify-subtle">
                    {v.revocationsHelp}
                  </Typography.Paragraph>
                  <ul className="verify-certs">
                    {vehicle.revocations.map((c) => (
                      <li key={`${c.market}|${c.standard}|${c.number}`} className="verify-cert verify-cert-revoked" data-testid="revocation">
                        <div className="verify-cert-head">
                          <Typography.Text strong>{c.standard}</Typography.Text>
                          <Tag color="error" icon={<CloseCircleFilled />}>
                            {v.revoked}
                          </Tag>
                        </div>
                        <dl className="verify-cert-facts">
                          <dt>{v.certNumber}</dt>
                          <dd className="verify-mono verify-break">{c.number}</dd>
                          <dt>{v.market}</dt>
                          <dd>{`${marketOf(c.market)} (${c.market})`}</dd>
                          <dt>{v.revokedAt}</dt>
                          <dd>
                            <LocalTime value={c.revokedAt} />
                          </dd>
                          <dt>{v.revokeReason}</dt>
                          <dd className="verify-cert-reason verify-break">{c.reason ?? v.noReason}</dd>
                          <dt>{v.validity}</dt>
                          <dd>{fmt(v.validRange, { from: dayOf(c.validFrom), to: dayOf(c.validTo) })}</dd>
                          <dt>{v.scope}</dt>
                          <dd>{c.modelCode ? fmt(v.scopeModel, { code: c.modelCode }) : v.scopeVehicle}</dd>
                        </dl>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          </Card>

          <Card title={v.custody} variant="borderless" className="verify-card" data-testid="custody">
            {vehicle.custody.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={v.noCustody} />
            ) : (
              <Timeline
                items={vehicle.custody.map((e, index) => ({
                  key: `${e.occurredAt}|${index}`,
                  color: e.type === "DELIVERED" ? "green" : "blue",
                  content: (
                    <div className="verify-event">
                      <div>
                        <Typography.Text strong>{v.custodyTypes[e.type]}</Typography.Text>
                        <Typography.Text>{` · ${e.place}`}</Typography.Text>
                        {e.scope === "BATCH" ? <Tag style={{ marginLeft: 8 }}>{v.scopeBatch}</Tag> : null}
                      </div>
                      <Typography.Text type="secondary">
                        <LocalTime value={e.occurredAt} />
                      </Typography.Text>
                      <Typography.Text type="secondary">{fmt(v.recordedBy, { org: e.recordedBy })}</Typography.Text>
                      {e.txId ? (
                        <Typography.Text type="secondary" className="verify-break">
                          <CheckCircleFilled style={{ color: "#2e8540", marginRight: 6 }} />
                          {fmt(v.onLedger, { block: e.blockNumber ?? "—" })} · <span className="verify-mono">{e.txId.slice(0, 16)}…</span>
                        </Typography.Text>
                      ) : (
                        <Typography.Text type="secondary">
                          <ClockCircleOutlined style={{ marginRight: 6 }} />
                          {v.awaitingLedger}
                        </Typography.Text>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </div>

        <aside className="verify-stack-lg verify-side-col">
          <Card title={v.proofTitle} variant="borderless" className="verify-card" data-testid="proof">
            <Typography.Paragraph type="secondary">{v.proofBody}</Typography.Paragraph>
            <div className="verify-buttons">
              <Button type="primary" icon={<DownloadOutlined />} href={`${path}/proof.json`} disabled={!vehicle.anchored} download={`corridor-proof-${identifier}.json`}>
                {v.downloadProof}
              </Button>
              <Button icon={<DownloadOutlined />} href="/verify/roots.pem" download="roots.pem">
                {v.downloadRoots}
              </Button>
            </div>
            {vehicle.anchored ? null : (
              <Typography.Paragraph type="secondary" className="verify-subtle">
                {v.proofPending}
              </Typography.Paragraph>
            )}
            <pre className="verify-code">npx corridor-verify proof.json --roots roots.pem</pre>
          </Card>
          <Card title={v.qrTitle} variant="borderless" className="verify-card verify-qr-card">
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: an SVG the server drew with the qrcode library from this page's own URL */}
            <div className="verify-qr" role="img" aria-label={pageUrl} dangerouslySetInnerHTML={{ __html: qrSvg }} />
            <Typography.Paragraph type="secondary" className="verify-subtle" style={{ marginTop: 8 }}>
              {v.qrHelp}
            </Typography.Paragraph>
            <Typography.Text className="verify-mono verify-break verify-url" copyable={{ text: pageUrl }}>
              {pageUrl}
            </Typography.Text>
          </Card>
        </aside>
      </div>
    </div>
  );
}
