"use client";

import { Alert, App, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import type { DocumentKind, IssueDocumentInput } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { named } from "@/lib/freight/format";
import { gqlFetch } from "@/lib/graphql/client";
import { applyFieldErrors, failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { IssueBookingDocumentDocument } from "./operations";

export interface BookingForIssue {
  id: string;
  currency: string;
  models: ReadonlyArray<{ id: string; code: string; name: string; nameZh?: string | null; lithium: boolean }>;
  /** Container types of the current plan (empty until the operator plans the train). */
  containerTypes: readonly string[];
}

const CONTAINER_TYPES = ["20GP", "40GP", "40HQ", "45HQ"];

interface Values {
  currencyCode?: string;
  prices?: Record<string, number | null>;
  containerNumber?: string;
  containerType?: string;
  sealNumber?: string;
  emergencyName?: string;
  emergencyPhone?: string;
  reports?: Record<string, { reportNumber?: string; issuedBy?: string; date?: string | null }>;
}

/** Digits of the currency's minor unit (2 for USD, 0 for JPY). */
function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The extra facts each kind needs, as the API's IssueDocumentInput. Exported for tests. */
export function issueInputOf(kind: DocumentKind, booking: BookingForIssue, values: Values): IssueDocumentInput {
  const input: IssueDocumentInput = { bookingId: booking.id, kind };
  const container = () => [
    { containerNumber: (values.containerNumber ?? "").trim().toUpperCase(), type: values.containerType ?? "", sealNumber: values.sealNumber?.trim() || null },
  ];
  if (kind === "COMMERCIAL_INVOICE") {
    input.currencyCode = values.currencyCode || null;
    const scale = 10 ** minorDigits(values.currencyCode || booking.currency);
    input.unitPrices = booking.models.map((m) => ({ vehicleModelId: m.id, unitPriceMinor: Math.round((values.prices?.[m.id] ?? 0) * scale) }));
  }
  if (kind === "PACKING_LIST" || kind === "CONSIGNMENT_NOTE" || kind === "LOAD_PLAN") input.containers = container();
  if (kind === "DG_DECLARATION") {
    input.emergencyContact = { name: (values.emergencyName ?? "").trim(), phone: (values.emergencyPhone ?? "").trim() };
    input.un383Reports = booking.models
      .filter((m) => m.lithium)
      .map((m) => {
        const r = values.reports?.[m.id];
        return { vehicleModelId: m.id, reportNumber: (r?.reportNumber ?? "").trim(), issuedBy: (r?.issuedBy ?? "").trim(), date: r?.date || null };
      });
  }
  return input;
}

/** Asks what a booking document needs beyond the booking's own data, then issues it. */
export function IssueDocumentModal({ kind, booking, onClose, onIssued }: { kind: DocumentKind | null; booking: BookingForIssue; onClose: () => void; onIssued: () => void }) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const d = t.documents;
  const f = d.form;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (kind) setProblem(null);
  }, [kind]);
  const required = [{ required: true, message: t.common.required }];
  const lithium = booking.models.filter((m) => m.lithium);
  const currency = Form.useWatch("currencyCode", form);

  async function submit(values: Values) {
    if (!kind) return;
    setBusy(true);
    setProblem(null);
    try {
      const { issueDocument } = await gqlFetch(IssueBookingDocumentDocument, { input: issueInputOf(kind, booking, values) });
      if (isFailure(issueDocument)) {
        const fieldErrors = "fieldErrors" in issueDocument ? issueDocument.fieldErrors : [];
        // Field errors name the API's input paths; map the ones this form shows onto its fields.
        const mapped = (fieldErrors ?? []).map((e) => ({
          path: e.path.map((p) => (p === "containerNumber" || p === "sealNumber" ? p : p === "type" ? "containerType" : p)),
          message: e.message,
        }));
        if (issueDocument.code === "VALIDATION") {
          const rest = applyFieldErrors(form, mapped, ["containerNumber", "containerType", "sealNumber", "currencyCode"]);
          setProblem(rest.length > 0 ? rest.join(" ") : fieldErrors?.length ? null : issueDocument.message);
        } else setProblem(failureMessage(t, issueDocument));
        return;
      }
      if (issueDocument.__typename !== "IssueDocumentSuccess") return;
      message.success(fmt(d.issued, { kind: d.kinds[issueDocument.data.kind], number: issueDocument.data.number }));
      onIssued();
      onClose();
    } catch (caught) {
      setProblem(thrownMessage(t, caught));
    } finally {
      setBusy(false);
    }
  }

  const needsContainer = kind === "PACKING_LIST" || kind === "CONSIGNMENT_NOTE" || kind === "LOAD_PLAN";
  return (
    <Modal
      open={kind !== null}
      title={kind ? fmt(d.issueKind, { kind: d.kinds[kind] }) : ""}
      okText={f.submit}
      cancelText={t.common.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {kind ? (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(values) => void submit(values)}
          preserve={false}
          initialValues={{ currencyCode: booking.currency, containerType: booking.containerTypes[0] ?? "40HQ" }}
        >
          <Typography.Paragraph type="secondary">{d.kindHelp[kind]}</Typography.Paragraph>
          {kind === "DG_DECLARATION" && lithium.length === 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={f.notLithium} /> : null}
          {kind === "LOAD_PLAN" && booking.containerTypes.length === 0 ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={f.notPlanned} /> : null}
          {kind === "COMMERCIAL_INVOICE" ? (
            <>
              <Form.Item name="currencyCode" label={f.currency} rules={[{ pattern: /^[A-Z]{3}$/, message: t.common.required }]}>
                <Input maxLength={3} style={{ width: 120 }} />
              </Form.Item>
              {booking.models.map((m) => (
                <Form.Item key={m.id} name={["prices", m.id]} label={fmt(f.unitPrice, { model: `${m.code} · ${named(m, locale)}` })} rules={required}>
                  <InputNumber min={0} max={20_000_000} step={10} precision={2} style={{ width: 200 }} addonAfter={currency || "—"} />
                </Form.Item>
              ))}
            </>
          ) : null}
          {needsContainer ? (
            <>
              <Form.Item name="containerNumber" label={f.containerNumber} extra={f.containerNumberHelp} rules={required}>
                <Input maxLength={11} style={{ width: 220, textTransform: "uppercase" }} />
              </Form.Item>
              <Form.Item name="containerType" label={f.containerType} rules={required}>
                <Select style={{ width: 160 }} options={CONTAINER_TYPES.map((value) => ({ value, label: value }))} />
              </Form.Item>
              {kind !== "LOAD_PLAN" ? (
                <Form.Item name="sealNumber" label={kind === "CONSIGNMENT_NOTE" ? f.sealNumber : f.sealOptional} rules={kind === "CONSIGNMENT_NOTE" ? required : []}>
                  <Input maxLength={30} style={{ width: 220 }} />
                </Form.Item>
              ) : null}
            </>
          ) : null}
          {kind === "DG_DECLARATION" && lithium.length > 0 ? (
            <>
              <Form.Item name="emergencyName" label={f.emergencyName} rules={required}>
                <Input maxLength={120} />
              </Form.Item>
              <Form.Item name="emergencyPhone" label={f.emergencyPhone} rules={required}>
                <Input maxLength={40} placeholder="+86 23 6868 9999" />
              </Form.Item>
              {lithium.map((m) => (
                <div key={m.id} className="form-row">
                  <Form.Item name={["reports", m.id, "reportNumber"]} label={fmt(f.un383Report, { model: m.code })} rules={required}>
                    <Input maxLength={80} />
                  </Form.Item>
                  <Form.Item name={["reports", m.id, "issuedBy"]} label={fmt(f.un383IssuedBy, { model: m.code })} rules={required}>
                    <Input maxLength={160} />
                  </Form.Item>
                  <Form.Item name={["reports", m.id, "date"]} label={fmt(f.un383Date, { model: m.code })}>
                    <Input type="date" max="9999-12-31" />
                  </Form.Item>
                </div>
              ))}
            </>
          ) : null}
          {problem ? <Alert type="error" showIcon title={problem} data-testid="issue-document-problem" /> : null}
        </Form>
      ) : null}
    </Modal>
  );
}
