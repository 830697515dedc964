"use client";

import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Empty, Form, InputNumber, Radio, Select, Space, Spin, Steps, Table, Typography } from "antd";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { PageHeader } from "@/components/PageHeader";
import type { BookingMode, BookingRequestInput, DepartureRowFragment, FreightQuoteQuery, FreightVehicleModelsQuery, OrganizationsOfKindQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatMoney, named, originTimeZone } from "@/lib/freight/format";
import { CreateBookingDocument, DeparturesDocument, OrganizationsOfKindDocument, QuoteDocument, VehicleModelsDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { FillGauge, round1, ZonedTime } from "./common";

type Model = FreightVehicleModelsQuery["vehicleModels"]["edges"][number]["node"];
type Dealer = OrganizationsOfKindQuery["organizations"]["edges"][number]["node"];
type QuoteResult = FreightQuoteQuery["quote"];

interface Line {
  key: number;
  vehicleModelId: string | null;
  quantity: number | null;
}

/** One key per wizard: a second click (or a retry after a lost answer) returns the same booking. */
function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

const QUOTE_DELAY_MS = 400;

export function BookingWizard({ initialDepartureId }: { initialDepartureId: string | null }) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [departures, setDepartures] = useState<DepartureRowFragment[]>([]);
  const [departureId, setDepartureId] = useState<string | null>(initialDepartureId);
  const [mode, setMode] = useState<BookingMode>("LCL");
  const [fcl40Count, setFcl40Count] = useState<number | null>(1);
  const [fcl20Count, setFcl20Count] = useState<number | null>(0);
  const [lines, setLines] = useState<Line[]>([{ key: 1, vehicleModelId: null, quantity: null }]);
  const [models, setModels] = useState<Model[]>([]);
  const [dealers, setDealers] = useState<Dealer[]>([]);
  const [consigneeId, setConsigneeId] = useState<string | null>(null);
  const [quote, setQuote] = useState<{ request: string; result: QuoteResult | null; error: string | null } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const idempotencyKey = useRef<string | null>(null);

  useEffect(() => {
    gqlFetch(DeparturesDocument, { bookableOnly: true, first: 100 })
      .then(({ departures: d }) => setDepartures(d.edges.map((e) => e.node)))
      .catch(() => setDepartures([]));
    gqlFetch(VehicleModelsDocument, {})
      .then(({ vehicleModels }) => setModels(vehicleModels.edges.map((e) => e.node)))
      .catch(() => setModels([]));
    gqlFetch(OrganizationsOfKindDocument, { kind: "DEALER" })
      .then(({ organizations }) => setDealers(organizations.edges.map((e) => e.node)))
      .catch(() => setDealers([]));
  }, []);

  const departure = departures.find((d) => d.id === departureId) ?? null;
  const validLines = lines.filter((l): l is Line & { vehicleModelId: string; quantity: number } => !!l.vehicleModelId && !!l.quantity && l.quantity > 0);
  const cargoReady = mode === "LCL" ? validLines.length > 0 : validLines.length > 0 && (fcl40Count ?? 0) + (fcl20Count ?? 0) > 0;

  const request = useMemo<BookingRequestInput | null>(() => {
    if (!departureId || validLines.length === 0) return null;
    return {
      departureId,
      mode,
      lines: validLines.map((l) => ({ vehicleModelId: l.vehicleModelId, quantity: l.quantity })),
      consigneeId,
      ...(mode === "FCL" ? { fcl40Count: fcl40Count ?? 0, fcl20Count: fcl20Count ?? 0 } : {}),
    };
  }, [departureId, mode, validLines, consigneeId, fcl40Count, fcl20Count]);
  // The price does not depend on the consignee: leave it out so choosing one does not re-quote.
  const quoteKey = request ? JSON.stringify({ ...request, consigneeId: null }) : null;

  useEffect(() => {
    if (!quoteKey) return;
    const input = JSON.parse(quoteKey) as BookingRequestInput;
    let cancelled = false;
    const timer = setTimeout(() => {
      gqlFetch(QuoteDocument, { input })
        .then(({ quote: result }) => {
          if (!cancelled) setQuote({ request: quoteKey, result, error: null });
        })
        .catch((error: unknown) => {
          if (!cancelled) setQuote({ request: quoteKey, result: null, error: thrownMessage(t, error) });
        });
    }, QUOTE_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [quoteKey, t]);

  const quoteFresh = quote && quote.request === quoteKey ? quote : null;

  async function book() {
    if (!request || !consigneeId || submitting) return;
    idempotencyKey.current ??= newIdempotencyKey();
    setSubmitting(true);
    try {
      const { createBooking } = await gqlFetch(CreateBookingDocument, { input: { request: { ...request, consigneeId }, idempotencyKey: idempotencyKey.current } });
      if (isFailure(createBooking)) {
        message.error(failureMessage(t, createBooking));
        setSubmitting(false);
        return;
      }
      if (createBooking.__typename === "CreateBookingSuccess") {
        const { booking, replayed } = createBooking.data;
        message.success(fmt(replayed ? t.freight.wizard.replayed : t.freight.wizard.booked, { reference: booking.reference }));
        router.push(`/shipments/${encodeURIComponent(booking.id)}`);
      }
    } catch (error) {
      message.error(thrownMessage(t, error));
      setSubmitting(false);
    }
  }

  function goNext() {
    if (step === 0 && !departureId) return setShowErrors(true);
    if (step === 1 && !cargoReady) return setShowErrors(true);
    if (step === 2 && !consigneeId) return setShowErrors(true);
    setShowErrors(false);
    setStep((s) => Math.min(3, s + 1));
  }

  const w = t.freight.wizard;
  const steps = [{ title: w.stepDeparture }, { title: w.stepCargo }, { title: w.stepConsignee }, { title: w.stepReview }];

  return (
    <>
      <PageHeader title={w.title} description={w.description} />
      <Card style={{ marginBottom: 16 }}>
        <Steps current={step} items={steps} size="small" aria-label={w.title} />
      </Card>
      <div className="freight-grid">
        <Card title={steps[step]?.title}>
          <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
            {step === 0 ? (
              <>
                <Form.Item
                  label={w.chooseDeparture}
                  htmlFor="wizard-departure"
                  required
                  validateStatus={showErrors && !departureId ? "error" : undefined}
                  help={showErrors && !departureId ? t.common.required : undefined}
                >
                  <Select
                    id="wizard-departure"
                    showSearch
                    optionFilterProp="label"
                    value={departureId ?? undefined}
                    onChange={(value: string) => setDepartureId(value)}
                    options={departures.map((d) => ({ value: d.id, label: `${d.code} · ${named(d.corridor, locale)}` }))}
                    notFoundContent={<Empty description={t.freight.noDepartures} />}
                  />
                </Form.Item>
                {departure ? <DepartureSummary departure={departure} /> : null}
              </>
            ) : null}
            {step === 1 ? (
              <>
                <Form.Item label={w.mode}>
                  <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as BookingMode)} optionType="button">
                    <Radio value="LCL">{w.modeLCL}</Radio>
                    <Radio value="FCL">{w.modeFCL}</Radio>
                  </Radio.Group>
                </Form.Item>
                {mode === "FCL" ? (
                  <Space wrap>
                    <Form.Item label={w.fcl40Count} htmlFor="wizard-fcl40">
                      <InputNumber id="wizard-fcl40" min={0} max={60} value={fcl40Count} onChange={(v) => setFcl40Count(v)} />
                    </Form.Item>
                    <Form.Item label={w.fcl20Count} htmlFor="wizard-fcl20">
                      <InputNumber id="wizard-fcl20" min={0} max={60} value={fcl20Count} onChange={(v) => setFcl20Count(v)} />
                    </Form.Item>
                  </Space>
                ) : null}
                {models.length === 0 ? <Alert type="info" showIcon title={w.noModels} style={{ marginBottom: 16 }} /> : null}
                {lines.map((line, index) => (
                  <fieldset key={line.key} className="cargo-line">
                    <legend className="sr-only">{fmt(w.line, { n: index + 1 })}</legend>
                    <Form.Item label={w.model} htmlFor={`line-${line.key}-model`} style={{ flex: "2 1 240px" }}>
                      <Select
                        id={`line-${line.key}-model`}
                        showSearch
                        optionFilterProp="label"
                        placeholder={w.modelPlaceholder}
                        aria-label={`${w.model} ${index + 1}`}
                        value={line.vehicleModelId ?? undefined}
                        onChange={(value: string) => setLines((all) => all.map((l) => (l.key === line.key ? { ...l, vehicleModelId: value } : l)))}
                        options={models.map((m) => ({ value: m.id, label: `${m.code} · ${named(m, locale)}` }))}
                      />
                    </Form.Item>
                    <Form.Item label={w.quantity} htmlFor={`line-${line.key}-quantity`} style={{ flex: "1 1 120px" }}>
                      <InputNumber
                        id={`line-${line.key}-quantity`}
                        aria-label={`${w.quantity} ${index + 1}`}
                        min={1}
                        max={100000}
                        precision={0}
                        style={{ width: "100%" }}
                        value={line.quantity}
                        onChange={(value) => setLines((all) => all.map((l) => (l.key === line.key ? { ...l, quantity: value } : l)))}
                      />
                    </Form.Item>
                    <Form.Item label=" " colon={false}>
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={fmt(w.removeLine, { n: index + 1 })}
                        disabled={lines.length === 1}
                        onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                      />
                    </Form.Item>
                  </fieldset>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => setLines((all) => [...all, { key: Math.max(...all.map((l) => l.key)) + 1, vehicleModelId: null, quantity: null }])}>
                  {w.addLine}
                </Button>
                {showErrors && !cargoReady ? (
                  <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 12 }}>
                    {w.linesRequired}
                  </Typography.Paragraph>
                ) : null}
              </>
            ) : null}
            {step === 2 ? (
              <Form.Item
                label={w.consignee}
                htmlFor="wizard-consignee"
                required
                validateStatus={showErrors && !consigneeId ? "error" : undefined}
                help={showErrors && !consigneeId ? w.consigneeRequired : undefined}
              >
                <Select
                  id="wizard-consignee"
                  showSearch
                  optionFilterProp="label"
                  placeholder={w.consigneePlaceholder}
                  value={consigneeId ?? undefined}
                  onChange={(value: string) => setConsigneeId(value)}
                  options={dealers.map((d) => ({ value: d.id, label: `${named(d, locale)}${d.city ? ` · ${d.city}` : ""}` }))}
                />
              </Form.Item>
            ) : null}
            {step === 3 ? (
              <>
                {departure ? <DepartureSummary departure={departure} /> : null}
                <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
                  <Descriptions.Item label={w.mode}>{mode === "LCL" ? w.modeLCL : w.modeFCL}</Descriptions.Item>
                  <Descriptions.Item label={w.stepCargo}>
                    {validLines.map((l) => {
                      const model = models.find((m) => m.id === l.vehicleModelId);
                      return <div key={l.key}>{`${l.quantity} × ${model ? `${model.code} · ${named(model, locale)}` : ""}`}</div>;
                    })}
                  </Descriptions.Item>
                  <Descriptions.Item label={w.consignee}>{named(dealers.find((d) => d.id === consigneeId) ?? { name: "" }, locale)}</Descriptions.Item>
                </Descriptions>
              </>
            ) : null}
            <Space style={{ marginTop: 24 }} wrap>
              {step > 0 ? <Button onClick={() => setStep((s) => s - 1)}>{w.back}</Button> : null}
              {step < 3 ? (
                <Button type="primary" onClick={goNext}>
                  {w.next}
                </Button>
              ) : (
                <Button type="primary" loading={submitting} disabled={!request || !consigneeId} onClick={book}>
                  {w.submit}
                </Button>
              )}
            </Space>
          </Form>
        </Card>
        <Card title={w.quote} aria-live="polite" data-testid="quote">
          {!quoteKey ? (
            <Typography.Text type="secondary">{w.linesRequired}</Typography.Text>
          ) : !quoteFresh ? (
            <Space>
              <Spin size="small" />
              <Typography.Text type="secondary">{w.quoteUpdating}</Typography.Text>
            </Space>
          ) : quoteFresh.error || !quoteFresh.result ? (
            <Alert type="error" showIcon title={w.quoteFailed} description={quoteFresh.error} />
          ) : (
            <QuoteView quote={quoteFresh.result} />
          )}
        </Card>
      </div>
    </>
  );
}

function DepartureSummary({ departure }: { departure: DepartureRowFragment }) {
  const { t, locale } = useI18n();
  const zone = originTimeZone(departure.corridor);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
      <Descriptions.Item label={t.freight.departure}>{`${departure.code} · ${named(departure.corridor, locale)}`}</Descriptions.Item>
      <Descriptions.Item label={t.freight.departs}>
        <ZonedTime value={departure.departsAt} timeZone={zone} />
      </Descriptions.Item>
      <Descriptions.Item label={t.freight.cutoff}>
        <ZonedTime value={departure.cutoffAt} timeZone={zone} />
      </Descriptions.Item>
      <Descriptions.Item label={t.freight.eta}>
        <ZonedTime value={departure.etaAt} timeZone={zone} />
      </Descriptions.Item>
      <Descriptions.Item label={t.freight.capacity}>
        <FillGauge {...departure} />
      </Descriptions.Item>
      <Descriptions.Item label={t.freight.lclPrice}>{formatMoney(departure.lclPerWm, locale)}</Descriptions.Item>
    </Descriptions>
  );
}

function QuoteView({ quote }: { quote: QuoteResult }) {
  const { t, fmt, locale } = useI18n();
  const w = t.freight.wizard;
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <div>
        <Typography.Text type="secondary">{w.total}</Typography.Text>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="quote-total">
          {formatMoney(quote.total, locale)}
        </Typography.Title>
        {quote.mode === "LCL" ? <Typography.Text type="secondary">{fmt(w.chargeable, { wm: round1(quote.chargeableWm) })}</Typography.Text> : null}
      </div>
      <Alert type={quote.fitsNow ? "success" : "warning"} showIcon title={quote.fitsNow ? w.fitsNow : w.waitlist} />
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={w.volume}>{`${round1(quote.volumeCbm)} m³`}</Descriptions.Item>
        <Descriptions.Item label={w.weight}>{`${quote.grossKg.toLocaleString(locale)} kg`}</Descriptions.Item>
        <Descriptions.Item label={w.feu}>{round1(quote.feu)}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey={(item) => `${item.code}-${item.description}`}
        pagination={false}
        dataSource={quote.items}
        columns={[
          { title: w.itemDescription, dataIndex: "description" },
          { title: w.itemQuantity, key: "q", render: (_, item) => round1(item.quantity) },
          { title: w.itemAmount, key: "a", align: "right", render: (_, item) => <span className="nowrap">{formatMoney(item.amount, locale)}</span> },
        ]}
      />
    </Space>
  );
}
