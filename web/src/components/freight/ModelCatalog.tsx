"use client";

import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import type { CatalogModelFragment, PackagingKind, UnNumber, VehicleCategory } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { named } from "@/lib/freight/format";
import { CatalogDocument, CreateVehicleModelDocument, UpdateVehicleModelDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { isFailure, reportFailure, thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";

type Model = CatalogModelFragment;

const CATEGORIES: VehicleCategory[] = ["E_MOTORCYCLE", "E_MOPED", "E_SCOOTER", "E_BIKE", "KIT"];
const PACKAGING: PackagingKind[] = ["CBU", "SKD", "CKD"];
const UN_NUMBERS: UnNumber[] = ["NONE", "UN3171", "UN3480", "UN3481"];
const PAGE_SIZE = 20;

/** The maker's catalog: each model's crate, lithium data and how many fill a 40HQ. */
export function ModelCatalog() {
  const { t, fmt, locale } = useI18n();
  const c = t.catalog;
  const [search, setSearch] = useState("");
  const [editing, setEditing] = useState<{ model: Model | null } | null>(null);
  const load = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      const { vehicleModels } = await gqlFetch(CatalogDocument, { search: search.trim() || null, first, after });
      return {
        rows: vehicleModels.edges.map((e) => e.node),
        totalCount: vehicleModels.totalCount,
        hasNextPage: vehicleModels.pageInfo.hasNextPage,
        endCursor: vehicleModels.pageInfo.endCursor,
      };
    },
    [search],
  );
  const pages = useCursorPages(load, PAGE_SIZE, search.trim());
  return (
    <>
      <PageHeader
        title={c.title}
        description={c.description}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ model: null })}>
            {c.add}
          </Button>
        }
      />
      <Card>
        <Input.Search allowClear placeholder={c.search} aria-label={c.search} onSearch={setSearch} style={{ maxWidth: 360, marginBottom: 16 }} />
        {pages.error ? <Alert type="error" showIcon title={thrownMessage(t, pages.error)} style={{ marginBottom: 16 }} /> : null}
        <Table
          data-testid="model-catalog"
          rowKey="id"
          size="middle"
          loading={pages.loading}
          dataSource={pages.rows}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={c.empty} /> }}
          columns={[
            {
              title: c.code,
              key: "code",
              render: (_: unknown, m: Model) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{m.code}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {named({ name: m.name, nameZh: m.nameZh }, locale)}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: c.category,
              key: "category",
              render: (_: unknown, m: Model) => (
                <Space direction="vertical" size={0}>
                  <span>{c.categories[m.category]}</span>
                  <Tag>{m.packaging}</Tag>
                </Space>
              ),
            },
            {
              title: c.crate,
              key: "crate",
              render: (_: unknown, m: Model) => (
                <Space direction="vertical" size={0}>
                  <span className="nowrap">
                    {m.crateLengthMm.toLocaleString(locale)} × {m.crateWidthMm.toLocaleString(locale)} × {m.crateHeightMm.toLocaleString(locale)}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.crateGrossKg.toLocaleString(locale)} kg · {fmt(c.tiers, { n: m.stackLimit })} · {m.mayTurn ? c.turns : c.upright}
                    {m.unitsPerCrate > 1 ? ` · ${fmt(c.perCrate, { n: m.unitsPerCrate })}` : ""}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: c.battery,
              key: "battery",
              render: (_: unknown, m: Model) =>
                m.unNumber === "NONE" ? (
                  <Typography.Text type="secondary">{c.noBattery}</Typography.Text>
                ) : (
                  <Space direction="vertical" size={0}>
                    <Tag color="orange">{m.unNumber}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[m.batteryChemistry, m.batteryWh ? `${m.batteryWh.toLocaleString(locale)} Wh` : null, m.stateOfChargePct != null ? `SoC ${m.stateOfChargePct} %` : null]
                        .filter(Boolean)
                        .join(" · ")}
                    </Typography.Text>
                  </Space>
                ),
            },
            {
              title: c.fit,
              key: "fit",
              render: (_: unknown, m: Model) => {
                const fit = m.containerFit.find((f) => f.containerType === "40HQ");
                if (!fit) return <Typography.Text type="danger">{c.noFit}</Typography.Text>;
                return (
                  <Space direction="vertical" size={0} data-testid={`fit-${m.code}`}>
                    <span>{fmt(c.fitValue, { crates: fit.crates, units: fit.units })}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {fit.limitedBy === "PAYLOAD" ? c.byPayload : fmt(c.fitDetail, { perLayer: fit.cratesPerLayer, tiers: fit.tiers })}
                    </Typography.Text>
                  </Space>
                );
              },
            },
            { title: c.hsColumn, dataIndex: "hsCode", render: (v: string | null) => v ?? t.common.none },
            {
              title: t.common.actions,
              key: "actions",
              render: (_: unknown, m: Model) => (
                <Button size="small" icon={<EditOutlined />} aria-label={fmt(c.edit, { code: m.code })} onClick={() => setEditing({ model: m })}>
                  {t.common.edit}
                </Button>
              ),
            },
          ]}
        />
        <CursorPager
          pageIndex={pages.pageIndex}
          pageCount={pages.pageCount}
          totalCount={pages.totalCount}
          hasNextPage={pages.hasNextPage}
          loading={pages.loading}
          onPrevious={pages.previous}
          onNext={pages.next}
        />
      </Card>
      {editing ? (
        <ModelModal
          model={editing.model}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            pages.reload();
          }}
        />
      ) : null}
    </>
  );
}

type ModelValues = Omit<Model, "id" | "containerFit" | "__typename">;

const FIELDS = [
  "code",
  "name",
  "nameZh",
  "category",
  "packaging",
  "unitsPerCrate",
  "crateLengthMm",
  "crateWidthMm",
  "crateHeightMm",
  "crateGrossKg",
  "stackLimit",
  "mayTurn",
  "batteryChemistry",
  "batteryWh",
  "unNumber",
  "stateOfChargePct",
  "hsCode",
];

function ModelModal({ model, onClose, onDone }: { model: Model | null; onClose: () => void; onDone: () => void }) {
  const { t, fmt } = useI18n();
  const c = t.catalog;
  const { message } = App.useApp();
  const [form] = Form.useForm<ModelValues>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t.common.required }];
  const unNumber = Form.useWatch("unNumber", form);

  async function submit(v: ModelValues) {
    setSaving(true);
    const lithium = v.unNumber !== "NONE";
    const input = {
      code: v.code.trim(),
      name: v.name.trim(),
      nameZh: v.nameZh?.trim() || null,
      category: v.category,
      packaging: v.packaging,
      unitsPerCrate: v.unitsPerCrate,
      crateLengthMm: v.crateLengthMm,
      crateWidthMm: v.crateWidthMm,
      crateHeightMm: v.crateHeightMm,
      crateGrossKg: v.crateGrossKg,
      stackLimit: v.stackLimit,
      mayTurn: !!v.mayTurn,
      unNumber: v.unNumber,
      batteryChemistry: lithium ? v.batteryChemistry?.trim() || null : null,
      batteryWh: lithium ? (v.batteryWh ?? null) : null,
      stateOfChargePct: lithium ? (v.stateOfChargePct ?? null) : null,
      hsCode: v.hsCode?.trim() || null,
    };
    try {
      const result = model
        ? (await gqlFetch(UpdateVehicleModelDocument, { id: model.id, input })).updateVehicleModel
        : (await gqlFetch(CreateVehicleModelDocument, { input })).createVehicleModel;
      if (isFailure(result)) {
        reportFailure(result, { t, notify: (text) => message.error(text), form, fields: FIELDS });
        return;
      }
      message.success(fmt(c.saved, { code: input.code }));
      onDone();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  }

  const initial: Partial<ModelValues> = model ?? {
    category: "E_MOTORCYCLE",
    packaging: "CBU",
    unitsPerCrate: 1,
    stackLimit: 2,
    mayTurn: true,
    unNumber: "UN3171",
    stateOfChargePct: 30,
  };
  return (
    <Modal
      open
      title={model ? fmt(c.edit, { code: model.code }) : c.add}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      destroyOnHidden
      width={760}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="code" label={c.code} rules={required}>
              <Input maxLength={40} placeholder="YD-E8S" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="name" label={c.name} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="nameZh" label={c.nameZh}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="category" label={c.category} rules={required}>
              <Select options={CATEGORIES.map((k) => ({ value: k, label: c.categories[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="packaging" label={c.packaging} rules={required}>
              <Select options={PACKAGING.map((k) => ({ value: k, label: c.packagingKinds[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="unitsPerCrate" label={c.unitsPerCrate} rules={required}>
              <InputNumber min={1} max={500} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="crateLengthMm" label={c.lengthMm} rules={required}>
              <InputNumber min={50} max={20000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="crateWidthMm" label={c.widthMm} rules={required}>
              <InputNumber min={50} max={20000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="crateHeightMm" label={c.heightMm} rules={required}>
              <InputNumber min={50} max={20000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="crateGrossKg" label={c.grossKg} rules={required}>
              <InputNumber min={1} max={40000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="stackLimit" label={c.stackLimit} rules={required}>
              <InputNumber min={1} max={6} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="mayTurn" valuePropName="checked" label=" ">
              <Checkbox>{c.mayTurn}</Checkbox>
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="unNumber" label={c.unNumber} rules={required}>
              <Select options={UN_NUMBERS.map((k) => ({ value: k, label: c.unNumbers[k] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="hsCode" label={c.hsCode}>
              <Input maxLength={10} placeholder="8711600090" />
            </Form.Item>
          </Col>
          {unNumber && unNumber !== "NONE" ? (
            <>
              <Col xs={24} sm={8}>
                <Form.Item name="batteryWh" label={c.batteryWh} rules={required}>
                  <InputNumber min={1} max={100000} precision={0} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="stateOfChargePct" label={c.stateOfCharge}>
                  <InputNumber min={0} max={100} precision={0} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="batteryChemistry" label={c.chemistry}>
                  <Input maxLength={40} placeholder="Li-ion NMC" />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
