"use client";

import { Alert, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { CocTechnicalInput, VehicleConformityInput } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import type { DomainFailure } from "@/lib/graphql/results";

export const L_CATEGORIES = ["L1e-A", "L1e-B", "L3e-A1", "L3e-A2", "L3e-A3"];

type TechKey = keyof CocTechnicalInput;
const INTEGER_FIELDS: TechKey[] = ["axles", "wheels", "seatingPositions"];
const REQUIRED_NUMBERS: TechKey[] = [
  "lengthMm",
  "widthMm",
  "heightMm",
  "wheelbaseMm",
  "massInRunningOrderKg",
  "technicallyPermissibleMaxMassKg",
  "maxSpeedKmh",
  "maxContinuousRatedPowerKw",
  "batteryNominalVoltageV",
];
const OPTIONAL_NUMBERS: TechKey[] = ["maxNetPowerKw", "batteryCapacityAh", "electricRangeKm", "energyConsumptionWhPerKm", "soundStationaryDb", "soundDriveByDb"];
const TEXT_FIELDS: { key: TechKey; required: boolean }[] = [
  { key: "motorType", required: true },
  { key: "motorManufacturer", required: false },
  { key: "tyresFront", required: true },
  { key: "tyresRear", required: true },
];

type Values = VehicleConformityInput;

const storageKey = (modelCode: string) => `corridor.coc.${modelCode}`;

function remembered(modelCode: string): Partial<Values> {
  try {
    const raw = window.localStorage.getItem(storageKey(modelCode));
    if (!raw) return {};
    return JSON.parse(raw) as VehicleConformityInput;
  } catch {
    return {};
  }
}

/** Blank optional fields become null; the API takes nothing else for "not given". */
export function conformityOf(values: Values): VehicleConformityInput {
  const text = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);
  const technical = { ...values.technical } as Record<string, unknown>;
  for (const key of [...OPTIONAL_NUMBERS, "motorManufacturer"]) if (technical[key] === undefined || technical[key] === "") technical[key] = null;
  return {
    category: values.category,
    typeApprovalNumber: values.typeApprovalNumber.trim(),
    typeApprovalDate: values.typeApprovalDate,
    variant: values.variant.trim(),
    version: values.version.trim(),
    vinLocation: values.vinLocation.trim(),
    statutoryPlateLocation: values.statutoryPlateLocation.trim(),
    commercialName: text(values.commercialName),
    colour: text(values.colour),
    signatoryTitle: text(values.signatoryTitle),
    remarks: text(values.remarks),
    technical: technical as unknown as CocTechnicalInput,
  };
}

const FORM_FIELDS = [
  "category",
  "typeApprovalNumber",
  "typeApprovalDate",
  "variant",
  "version",
  "commercialName",
  "colour",
  "vinLocation",
  "statutoryPlateLocation",
  "signatoryTitle",
  "remarks",
] as const;

/**
 * The type-approval facts a certificate of conformity states. `submit` issues it and returns the
 * API's failure, if any, which is shown here (field errors under their fields).
 */
export function CocModal({
  open,
  modelCode,
  onClose,
  submit,
}: {
  open: boolean;
  modelCode: string;
  onClose: () => void;
  submit: (conformity: VehicleConformityInput) => Promise<DomainFailure | string | null>;
}) {
  const { t } = useI18n();
  const c = t.vehicles.coc;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const required = [{ required: true, message: t.common.required }];
  // Read when the dialog opens (the browser's storage); the form mounts afresh each time.
  const initialValues = useMemo(
    () => (open ? { category: "L3e-A1", technical: { axles: 2, wheels: 2, seatingPositions: 2 } as CocTechnicalInput, ...remembered(modelCode) } : {}),
    [open, modelCode],
  );
  useEffect(() => {
    if (open) setProblem(null);
  }, [open]);

  async function finish(values: Values) {
    setBusy(true);
    setProblem(null);
    const conformity = conformityOf(values);
    try {
      const failure = await submit(conformity);
      if (failure === null) {
        try {
          window.localStorage.setItem(storageKey(modelCode), JSON.stringify(conformity));
        } catch {
          // private mode: nothing remembered, nothing lost
        }
        onClose();
        return;
      }
      if (typeof failure === "string") {
        setProblem(failure);
        return;
      }
      // Paths look like ["conformity", "technical", "lengthMm"]: the last segment names the field.
      const names = [...FORM_FIELDS, ...INTEGER_FIELDS, ...REQUIRED_NUMBERS, ...OPTIONAL_NUMBERS, ...TEXT_FIELDS.map((f) => f.key)];
      const technical = new Set<string>([...INTEGER_FIELDS, ...REQUIRED_NUMBERS, ...OPTIONAL_NUMBERS, ...TEXT_FIELDS.map((f) => f.key)]);
      const unmatched: string[] = [];
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const e of failure.fieldErrors ?? []) {
        const name = [...e.path].reverse().find((p) => (names as readonly string[]).includes(p));
        if (name) fields.push({ name: technical.has(name) ? ["technical", name] : [name], errors: [e.message] });
        else unmatched.push(e.message);
      }
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      if (failure.code !== "VALIDATION" || unmatched.length > 0 || fields.length === 0) setProblem(unmatched.join(" ") || failure.message);
    } finally {
      setBusy(false);
    }
  }

  const number = (key: TechKey, isRequired: boolean, integer = false) => (
    <Col xs={24} sm={12} md={8} key={key}>
      <Form.Item name={["technical", key]} label={c[key]} rules={isRequired ? required : []}>
        <InputNumber min={0} precision={integer ? 0 : undefined} style={{ width: "100%" }} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open={open}
      title={c.title}
      width={900}
      okText={c.submit}
      cancelText={t.common.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{c.intro}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(values) => void finish(values)} scrollToFirstError preserve={false} initialValues={initialValues}>
        <Divider titlePlacement="start">{c.approval}</Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="category" label={c.category} rules={required}>
              <Select options={L_CATEGORIES.map((value) => ({ value, label: value }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="typeApprovalNumber" label={c.typeApprovalNumber} extra={c.typeApprovalNumberHelp} rules={required}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="typeApprovalDate" label={c.typeApprovalDate} rules={required}>
              <Input type="date" max="9999-12-31" />
            </Form.Item>
          </Col>
          {(["variant", "version", "commercialName", "colour", "vinLocation", "statutoryPlateLocation", "signatoryTitle"] as const).map((key) => (
            <Col xs={24} sm={12} md={8} key={key}>
              <Form.Item name={key} label={c[key]} rules={["variant", "version", "vinLocation", "statutoryPlateLocation"].includes(key) ? required : []}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          ))}
          <Col xs={24} md={16}>
            <Form.Item name="remarks" label={c.remarks}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{c.technical}</Divider>
        <Row gutter={16}>
          {INTEGER_FIELDS.map((key) => number(key, true, true))}
          {REQUIRED_NUMBERS.map((key) => number(key, true))}
          {TEXT_FIELDS.map(({ key, required: isRequired }) => (
            <Col xs={24} sm={12} md={8} key={key}>
              <Form.Item name={["technical", key]} label={c[key]} rules={isRequired ? required : []}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          ))}
          {OPTIONAL_NUMBERS.map((key) => number(key, false))}
        </Row>
        {problem ? <Alert type="error" showIcon title={problem} data-testid="coc-problem" /> : null}
      </Form>
    </Modal>
  );
}
