"use client";

import { ExportOutlined } from "@ant-design/icons";
import { Alert, AutoComplete, Button, Card, Form, Input, Progress, Radio, Space, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/PageHeader";
import type { CustodyDeparturesQuery, CustodyStationsQuery, CustodyType, RecordCustodyEventMutation } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { CUSTODY_TYPES, type CustodyLine, DEPARTURE_REF, type LineStatus, stopsTheRun, summarize } from "@/lib/custody/lines";
import { CustodyDeparturesDocument, CustodyStationsDocument, RecordCustodyEventDocument } from "@/lib/custody/operations";
import { fromZonedInputValue, toZonedInputValue } from "@/lib/custody/time";
import { formatDateTime } from "@/lib/format";
import { named } from "@/lib/freight/format";
import { gqlFetch } from "@/lib/graphql/client";
import { applyFieldErrors, failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { parseVinList } from "@/lib/vehicles/certifications";

type Departure = CustodyDeparturesQuery["departures"]["edges"][number]["node"];
type Station = CustodyStationsQuery["stations"][number];
type Role = "OPERATOR" | "DEALER";

interface Values {
  subject: "VIN" | "BATCH";
  vins?: string;
  batchId?: string;
  type: CustodyType;
  departureRef: string;
  place: string;
  occurredAt: string;
}

const FORM_FIELDS = ["vins", "batchId", "type", "departureRef", "place", "occurredAt"] as const;
const STATUS_COLOR: Record<LineStatus, string> = { PENDING: "default", RECORDING: "processing", RECORDED: "success", FAILED: "error", SKIPPED: "warning" };
/** Departures this far back are still offered as references. */
const RECENT_DAYS = 60;

/** The operator's recent trains and the corridor stations, as suggestions; dealers get none. */
function useSuggestions(role: Role) {
  const [departures, setDepartures] = useState<Departure[]>([]);
  const [stations, setStations] = useState<Station[]>([]);
  useEffect(() => {
    if (role !== "OPERATOR") return;
    let cancelled = false;
    const from = new Date(Date.now() - RECENT_DAYS * 86_400_000).toISOString();
    // Suggestions only: the form works without them, so a failure here stays quiet.
    gqlFetch(CustodyDeparturesDocument, { from })
      .then((data) => {
        if (cancelled) return;
        const now = Date.now();
        const nodes = data.departures.edges.map((e) => e.node);
        // Trains that already left first (newest first), then the upcoming ones.
        const past = nodes.filter((d) => Date.parse(d.departsAt) <= now).sort((a, b) => b.departsAt.localeCompare(a.departsAt));
        const upcoming = nodes.filter((d) => Date.parse(d.departsAt) > now).sort((a, b) => a.departsAt.localeCompare(b.departsAt));
        setDepartures([...past, ...upcoming]);
      })
      .catch(() => undefined);
    gqlFetch(CustodyStationsDocument)
      .then((data) => {
        if (!cancelled) setStations(data.stations);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [role]);
  return { departures, stations };
}

/** Suggestions whose label contains what was typed, ignoring case. */
const labelContains = (input: string, option?: { label?: unknown }) =>
  String(option?.label ?? "")
    .toLowerCase()
    .includes(input.toLowerCase());

export function CustodyRecorder({ role, timezone, canWrite }: { role: Role; timezone: string; canWrite: boolean }) {
  const { t, fmt, locale } = useI18n();
  const c = t.custody;
  const [form] = Form.useForm<Values>();
  const [lines, setLines] = useState<CustodyLine[]>([]);
  const [running, setRunning] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const { departures, stations } = useSuggestions(role);
  const types = CUSTODY_TYPES[role];
  const subject = Form.useWatch("subject", form) ?? "VIN";
  const vinsText = Form.useWatch("vins", form) ?? "";
  const vinCount = parseVinList(vinsText).length;

  const departureOptions = useMemo(
    () =>
      departures.map((d) => ({
        value: d.code,
        label: `${d.code} · ${named(d.corridor, locale)} · ${formatDateTime(d.departsAt, locale, timezone)}`,
      })),
    [departures, locale, timezone],
  );
  const placeOptions = useMemo(() => stations.map((s) => ({ value: s.name, label: `${named(s, locale)} (${s.code})` })), [stations, locale]);

  // "Now" in the organization's zone, set in the browser: a server-rendered minute could differ.
  useEffect(() => {
    if (!form.getFieldValue("occurredAt")) form.setFieldsValue({ occurredAt: toZonedInputValue(new Date(), timezone) });
  }, [form, timezone]);

  const update = (index: number, patch: Partial<CustodyLine>) => setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));

  async function record(values: Values) {
    setFormError(null);
    const occurredAt = fromZonedInputValue(values.occurredAt, timezone);
    if (!occurredAt) {
      form.setFields([{ name: "occurredAt", errors: [c.occurredAtInvalid] }]);
      return;
    }
    const keys = values.subject === "BATCH" ? [(values.batchId ?? "").trim()] : parseVinList(values.vins ?? "");
    const run: CustodyLine[] = keys.map((key) => ({ key, kind: values.subject, status: "PENDING" }));
    setLines(run);
    setRunning(true);
    try {
      // One mutation per vehicle, one after the other: each line gets its own answer.
      for (let i = 0; i < run.length; i++) {
        const line = run[i] as CustodyLine;
        update(i, { status: "RECORDING" });
        const input = {
          ...(line.kind === "VIN" ? { vin: line.key } : { batchId: line.key }),
          type: values.type,
          departureRef: values.departureRef.trim(),
          place: values.place.trim(),
          occurredAt: occurredAt.toISOString(),
        };
        let result: RecordCustodyEventMutation["recordCustodyEvent"];
        try {
          result = (await gqlFetch(RecordCustodyEventDocument, { input })).recordCustodyEvent;
        } catch (error) {
          update(i, { status: "FAILED", code: "UNKNOWN", message: thrownMessage(t, error) });
          continue;
        }
        if (!isFailure(result)) {
          update(i, { status: "RECORDED", code: undefined, message: c.recordedNote });
          continue;
        }
        const fieldErrors = "fieldErrors" in result ? result.fieldErrors : undefined;
        if (stopsTheRun({ code: result.code, fieldErrors })) {
          const rest = result.code === "VALIDATION" ? applyFieldErrors(form, fieldErrors, FORM_FIELDS) : [failureMessage(t, result)];
          const message = rest.join(" ") || failureMessage(t, result);
          setFormError(message);
          update(i, { status: "FAILED", code: result.code, message });
          setLines((current) => current.map((l, j) => (j > i ? { ...l, status: "SKIPPED", message: c.skipped } : l)));
          break;
        }
        const message = result.code === "NOT_FOUND" ? (line.kind === "VIN" ? c.notFound : c.batchNotFound) : failureMessage(t, result);
        update(i, { status: "FAILED", code: result.code, message });
      }
    } finally {
      setRunning(false);
    }
  }

  const { done, recorded, failed, total } = summarize(lines);

  return (
    <>
      <PageHeader title={c.title} description={role === "DEALER" ? c.descriptionDealer : c.description} />
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        {canWrite ? null : <Alert type="info" showIcon message={c.readOnly} />}
        <Card>
          <Form<Values>
            form={form}
            layout="vertical"
            disabled={!canWrite || running}
            onFinish={record}
            style={{ maxWidth: 640 }}
            initialValues={{ subject: "VIN", type: types[0] }}
          >
            <Form.Item name="subject" label={c.subject}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: "VIN", label: c.subjectVehicles },
                  { value: "BATCH", label: c.subjectBatch },
                ]}
              />
            </Form.Item>
            {subject === "VIN" ? (
              <Form.Item
                name="vins"
                label={c.vins}
                required
                extra={vinCount > 0 ? `${c.vinsHelp} ${fmt(c.vinsCount, { count: vinCount })}` : c.vinsHelp}
                rules={[{ validator: (_, value: string | undefined) => (parseVinList(value ?? "").length > 0 ? Promise.resolve() : Promise.reject(new Error(c.vinsRequired))) }]}
              >
                <Input.TextArea rows={4} spellCheck={false} style={{ fontFamily: "var(--font-mono, monospace)" }} />
              </Form.Item>
            ) : (
              <Form.Item name="batchId" label={c.batchId} extra={c.batchIdHelp} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
                <Input spellCheck={false} maxLength={64} />
              </Form.Item>
            )}
            <Form.Item name="type" label={c.type} rules={[{ required: true, message: t.common.required }]}>
              <Radio.Group optionType="button" options={types.map((value) => ({ value, label: c.types[value] }))} />
            </Form.Item>
            <Form.Item
              name="departureRef"
              label={c.departureRef}
              extra={role === "OPERATOR" ? c.departureRefHelp : c.departureRefDealerHelp}
              rules={[
                { required: true, whitespace: true, message: t.common.required },
                {
                  validator: (_, value: string | undefined) =>
                    !value?.trim() || DEPARTURE_REF.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(c.departureRefInvalid)),
                },
              ]}
            >
              {role === "OPERATOR" ? <AutoComplete options={departureOptions} filterOption={labelContains} /> : <Input spellCheck={false} maxLength={128} />}
            </Form.Item>
            <Form.Item name="place" label={c.place} extra={c.placeHelp} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
              {role === "OPERATOR" ? <AutoComplete options={placeOptions} filterOption={labelContains} /> : <Input maxLength={200} />}
            </Form.Item>
            <Form.Item name="occurredAt" label={fmt(c.occurredAt, { zone: timezone })} rules={[{ required: true, message: t.common.required }]}>
              <Input type="datetime-local" style={{ maxWidth: 260 }} />
            </Form.Item>
            {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} /> : null}
            <Button type="primary" htmlType="submit" loading={running} data-testid="custody-record">
              {c.record}
            </Button>
          </Form>
        </Card>
        {lines.length > 0 ? (
          <Card title={c.results}>
            <Space orientation="vertical" size={12} style={{ width: "100%" }}>
              <div data-testid="custody-progress">
                <Progress percent={total ? Math.round((done / total) * 100) : 0} status={running ? "active" : failed === 0 ? "success" : recorded === 0 ? "exception" : "normal"} />
                <Typography.Text type="secondary" aria-live="polite">
                  {running ? fmt(c.progress, { done: Math.min(done + 1, total), total }) : fmt(c.summary, { recorded, failed })}
                </Typography.Text>
              </div>
              <Table<CustodyLine>
                data-testid="custody-results"
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={lines}
                columns={[
                  { title: lines[0]?.kind === "BATCH" ? c.batchId : c.vins, dataIndex: "key", render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
                  { title: c.status, key: "status", render: (_, line) => <Tag color={STATUS_COLOR[line.status]}>{c.statuses[line.status]}</Tag> },
                  { title: "", dataIndex: "message", render: (message?: string) => message ?? "" },
                  {
                    title: "",
                    key: "verify",
                    render: (_, line) =>
                      line.kind === "VIN" && line.status === "RECORDED" ? (
                        <a href={`/verify/${encodeURIComponent(line.key)}`} target="_blank" rel="noopener noreferrer">
                          {c.verify} <ExportOutlined aria-hidden />
                          <span className="sr-only">{c.opensInNewTab}</span>
                        </a>
                      ) : null,
                  },
                ]}
              />
            </Space>
          </Card>
        ) : null}
      </Space>
    </>
  );
}
