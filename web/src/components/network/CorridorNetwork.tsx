"use client";

import { CheckOutlined, CloseOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { PageHeader } from "@/components/PageHeader";
import type { NetworkCorridorFragment, NetworkQuery, NetworkStationFragment, OrganizationsOfKindQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { formatMoney, minorDigits, named, toMinor } from "@/lib/freight/format";
import { OrganizationsOfKindDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { type DomainFailure, isFailure, reportFailure, thrownMessage } from "@/lib/graphql/results";
import { NetworkDocument, SaveCorridorDocument, SaveStationDocument, SetCorridorRulesDocument } from "@/lib/network/operations";

type Corridor = NetworkCorridorFragment;
type Station = NetworkStationFragment;
type Currency = NetworkQuery["currencies"][number];
type Operator = OrganizationsOfKindQuery["organizations"]["edges"][number]["node"];

/** Platform admins name the operator that runs a corridor; null: the caller's own organization does. */
function OperatorField({ operators, required }: { operators: Operator[] | null; required: boolean }) {
  const { t, locale } = useI18n();
  if (!operators) return null;
  return (
    <Form.Item name="operatorOrgId" label={t.network.operator} rules={required ? [{ required: true, message: t.common.required }] : []}>
      <Select showSearch optionFilterProp="label" style={{ width: 320 }} options={operators.map((o) => ({ value: o.id, label: named(o, locale) }))} />
    </Form.Item>
  );
}

const KINDS = ["TERMINAL", "BORDER", "GAUGE_CHANGE", "PORT", "HUB"] as const;
const KIND_COLOR: Record<string, string> = { TERMINAL: "blue", BORDER: "volcano", GAUGE_CHANGE: "purple", PORT: "cyan", HUB: "geekblue" };

/**
 * Operators see the network and change the corridors they run; platform admins (`admin`) also
 * say which operator runs a corridor.
 */
export function CorridorNetwork({ canWrite, timeZone, admin = false }: { canWrite: boolean; timeZone: string; admin?: boolean }) {
  const { t } = useI18n();
  const n = t.network;
  const [data, setData] = useState<NetworkQuery | null>(null);
  const [operators, setOperators] = useState<Operator[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<
    { kind: "station"; station: Station | null } | { kind: "route"; corridor: Corridor | null } | { kind: "rules"; corridor: Corridor } | null
  >(null);

  const load = useCallback(async () => {
    try {
      setData(await gqlFetch(NetworkDocument));
      setError(null);
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!admin) return;
    gqlFetch(OrganizationsOfKindDocument, { kind: "LOGISTICS_OPERATOR" })
      .then((r) => setOperators(r.organizations.edges.map((e) => e.node)))
      .catch(() => setOperators([]));
  }, [admin]);

  const done = async () => {
    setEditing(null);
    await load();
  };

  return (
    <>
      <PageHeader
        title={n.title}
        description={n.description}
        extra={
          canWrite ? (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: "route", corridor: null })}>
                {n.newCorridor}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setEditing({ kind: "station", station: null })}>
                {n.addStation}
              </Button>
            </>
          ) : null
        }
      />
      {error ? <Alert type="error" showIcon title={thrownMessage(t, error)} style={{ marginBottom: 16 }} /> : null}
      {!data && !error ? <Spin aria-label={t.common.loading} /> : null}
      {data ? (
        <Tabs
          items={[
            {
              key: "corridors",
              label: `${n.corridors} (${data.corridors.length})`,
              children:
                data.corridors.length === 0 ? (
                  <Card>
                    <Empty description={n.emptyCorridors} />
                  </Card>
                ) : (
                  <Space direction="vertical" size={16} style={{ width: "100%" }}>
                    {data.corridors.map((c) => (
                      <CorridorCard
                        key={c.code}
                        corridor={c}
                        timeZone={timeZone}
                        onEditRoute={() => setEditing({ kind: "route", corridor: c })}
                        onEditRules={() => setEditing({ kind: "rules", corridor: c })}
                      />
                    ))}
                  </Space>
                ),
            },
            {
              key: "stations",
              label: `${n.stations} (${data.stations.length})`,
              children: <StationsTable stations={data.stations} onEdit={canWrite ? (station) => setEditing({ kind: "station", station }) : null} />,
            },
          ]}
        />
      ) : null}
      {editing?.kind === "station" ? <StationModal station={editing.station} onClose={() => setEditing(null)} onDone={done} /> : null}
      {editing?.kind === "route" && data ? (
        <RouteModal corridor={editing.corridor} stations={data.stations} operators={admin ? operators : null} onClose={() => setEditing(null)} onDone={done} />
      ) : null}
      {editing?.kind === "rules" && data ? (
        <RulesModal corridor={editing.corridor} currencies={data.currencies} operators={admin ? operators : null} onClose={() => setEditing(null)} onDone={done} />
      ) : null}
    </>
  );
}

function Accepts({ yes, label }: { yes: boolean; label: string }) {
  const { t } = useI18n();
  return (
    <span role="img" aria-label={`${label}: ${yes ? t.common.yes : t.common.no}`}>
      {yes ? <CheckOutlined style={{ color: "#389e0d" }} /> : <CloseOutlined style={{ color: "#cf1322" }} />}
    </span>
  );
}

function CorridorCard({ corridor: c, timeZone, onEditRoute, onEditRules }: { corridor: Corridor; timeZone: string; onEditRoute: () => void; onEditRules: () => void }) {
  const { t, fmt, locale } = useI18n();
  const n = t.network;
  const r = c.rules;
  const legs = [...c.legs].sort((a, b) => a.seq - b.seq);
  const countries = [...new Set(legs.flatMap((l) => [l.from.countryCode, l.to.countryCode]))];
  const unruled = r ? countries.filter((code) => !r.lithium.some((l) => l.countryCode === code)) : [];
  const legLimited = r ? c.trainLimitFeu < r.maxFeuPerTrain : false;
  return (
    <Card
      data-testid={`corridor-${c.code}`}
      title={
        <Space wrap>
          <Typography.Text strong>{c.code}</Typography.Text>
          <span>{named(c, locale)}</span>
          <Tag>{n.mode[c.mode]}</Tag>
          <Typography.Text type="secondary">{fmt(n.totals, { km: c.distanceKm.toLocaleString(locale), hours: c.transitHours })}</Typography.Text>
        </Space>
      }
      extra={
        c.viewerMayEdit ? (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={onEditRoute} aria-label={`${n.editRoute} ${c.code}`}>
              {n.editRoute}
            </Button>
            <Button size="small" icon={<EditOutlined />} onClick={onEditRules} aria-label={`${n.editRules} ${c.code}`}>
              {n.editRules}
            </Button>
          </Space>
        ) : null
      }
    >
      {c.description ? <Typography.Paragraph type="secondary">{c.description}</Typography.Paragraph> : null}
      <Table
        size="small"
        pagination={false}
        rowKey="seq"
        dataSource={legs}
        columns={[
          { title: "#", dataIndex: "seq", width: 40 },
          {
            title: `${n.from} → ${n.to}`,
            key: "route",
            render: (_: unknown, l: Corridor["legs"][number]) => (
              <Space wrap size={4}>
                <span>{named(l.from, locale)}</span>
                <Typography.Text type="secondary">({l.from.code})</Typography.Text>
                <span>→</span>
                <span>{named(l.to, locale)}</span>
                <Typography.Text type="secondary">({l.to.code})</Typography.Text>
                <Tag color={KIND_COLOR[l.to.kind]}>{n.kind[l.to.kind]}</Tag>
              </Space>
            ),
          },
          { title: n.distance, dataIndex: "distanceKm", align: "right" as const, render: (v: number) => v.toLocaleString(locale) },
          { title: n.transit, dataIndex: "transitHours", align: "right" as const },
          { title: n.dwellHours, dataIndex: "dwellHours", align: "right" as const, render: (v: number) => (v ? v : t.common.none) },
          { title: n.maxFeu, dataIndex: "maxFeu", align: "right" as const, render: (v: number | null) => v ?? t.common.none },
        ]}
      />
      {r ? (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 16 }}>
            <Descriptions.Item label={n.trainLimit}>
              <span data-testid="train-limit">{fmt(legLimited ? n.trainLimitByLeg : n.trainLimitValue, { feu: c.trainLimitFeu })}</span>
            </Descriptions.Item>
            <Descriptions.Item label={n.grossWeight}>{fmt(n.tonnes, { t: (r.maxGrossKgPerTrain / 1000).toLocaleString(locale) })}</Descriptions.Item>
            <Descriptions.Item label={n.cutoff}>{fmt(n.cutoffValue, { hours: r.cutoffLeadHours })}</Descriptions.Item>
            <Descriptions.Item label={n.fees}>
              {r.cancellationFees.length === 0 ? (
                n.noFees
              ) : (
                <Space direction="vertical" size={0}>
                  {r.cancellationFees.map((f) => (
                    <span key={f.fromHoursBeforeDeparture}>{fmt(n.feeStep, { fee: formatMoney(f.feePerFeu, locale), hours: f.fromHoursBeforeDeparture })}</span>
                  ))}
                </Space>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 8 }}>
            {n.lithium}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="countryCode"
            data-testid="lithium-rules"
            dataSource={r.lithium}
            columns={[
              { title: n.country, dataIndex: "countryCode" },
              { title: n.un3171, dataIndex: "acceptsUN3171", render: (v: boolean) => <Accepts yes={v} label={n.un3171} /> },
              { title: n.un3480, dataIndex: "acceptsUN3480", render: (v: boolean) => <Accepts yes={v} label={n.un3480} /> },
              { title: n.un3481, dataIndex: "acceptsUN3481", render: (v: boolean) => <Accepts yes={v} label={n.un3481} /> },
              { title: n.socCap, dataIndex: "maxStateOfChargePct", render: (v: number | null) => (v == null ? n.noCap : `${v} %`) },
            ]}
          />
          {unruled.length > 0 ? (
            <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
              {fmt(n.noLithiumRule, { countries: unruled.join(", ") })}
            </Typography.Paragraph>
          ) : null}
          <Typography.Text type="secondary">
            {fmt(n.runBy, { operator: named({ name: r.operatorName, nameZh: r.operatorNameZh }, locale) })} ·{" "}
            {fmt(n.updated, { when: formatDateTime(r.updatedAt, locale, timeZone) })}
          </Typography.Text>
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          {n.noOperator}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function StationsTable({ stations, onEdit }: { stations: Station[]; onEdit: ((s: Station) => void) | null }) {
  const { t, fmt, locale } = useI18n();
  const n = t.network;
  const [search, setSearch] = useState("");
  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    if (!q) return stations;
    return stations.filter((s) => [s.code, s.name, s.nameZh, s.countryCode].some((v) => v.toLowerCase().includes(q)));
  }, [search, stations]);
  return (
    <Card>
      <Input.Search
        allowClear
        placeholder={n.searchStations}
        aria-label={n.searchStations}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      <Table
        size="small"
        rowKey="code"
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={n.emptyStations} /> }}
        columns={[
          { title: n.code, dataIndex: "code", sorter: (a: Station, b: Station) => a.code.localeCompare(b.code), defaultSortOrder: "ascend" as const },
          { title: n.name, key: "name", render: (_: unknown, s: Station) => named(s, locale) },
          { title: n.countryCode, dataIndex: "countryCode", sorter: (a: Station, b: Station) => a.countryCode.localeCompare(b.countryCode) },
          { title: n.stationKind, dataIndex: "kind", render: (k: string) => <Tag color={KIND_COLOR[k]}>{n.kind[k as (typeof KINDS)[number]]}</Tag> },
          { title: n.gauge, dataIndex: "gaugeMm", align: "right" as const, render: (v: number | null) => v ?? t.common.none },
          { title: n.timezone, dataIndex: "timezone" },
          ...(onEdit
            ? [
                {
                  title: t.common.actions,
                  key: "actions",
                  render: (_: unknown, s: Station) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(s)} aria-label={fmt(n.editStation, { code: s.code })}>
                      {t.common.edit}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** Runs a save; on a typed failure shows it in the form and keeps the dialog open. */
function useSave() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const run = async <R extends object>(form: FormInstance, topFields: readonly string[], call: () => Promise<R>, ok: (r: R) => Promise<void>) => {
    setSaving(true);
    try {
      const result = await call();
      if (isFailure(result)) {
        reportFailure(result as unknown as DomainFailure, { t, notify: (text) => message.error(text), form, fields: topFields });
        return;
      }
      await ok(result);
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  };
  return { saving, run };
}

function StationModal({ station, onClose, onDone }: { station: Station | null; onClose: () => void; onDone: () => Promise<void> }) {
  const { t, fmt } = useI18n();
  const n = t.network;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { saving, run } = useSave();
  const required = [{ required: true, message: t.common.required }];
  const fields = ["code", "name", "nameZh", "countryCode", "kind", "gaugeMm", "timezone", "latitude", "longitude"];
  const submit = (v: Station) =>
    run(
      form,
      fields,
      async () =>
        (
          await gqlFetch(SaveStationDocument, {
            input: { ...v, code: v.code.trim(), countryCode: v.countryCode.trim(), gaugeMm: v.gaugeMm ?? null, latitude: v.latitude ?? null, longitude: v.longitude ?? null },
          })
        ).saveStation,
      async () => {
        message.success(fmt(n.stationSaved, { code: v.code.trim().toUpperCase() }));
        await onDone();
      },
    );
  return (
    <Modal
      open
      title={station ? fmt(n.editStation, { code: station.code }) : n.addStation}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={station ?? { kind: "TERMINAL", gaugeMm: 1435, timezone: "Asia/Shanghai" }}>
        <Space.Compact block>
          <Form.Item name="code" label={n.code} rules={required} style={{ flex: 1 }}>
            <Input disabled={station !== null} placeholder="LAVTE" maxLength={11} />
          </Form.Item>
          <Form.Item name="countryCode" label={n.countryCode} rules={required} style={{ width: 140 }}>
            <Input maxLength={2} placeholder="LA" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="name" label={n.name} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameZh" label={n.nameZh} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={n.stationKind} rules={required}>
            <Select style={{ width: 180 }} options={KINDS.map((k) => ({ value: k, label: n.kind[k] }))} />
          </Form.Item>
          <Form.Item name="gaugeMm" label={n.gauge}>
            <InputNumber min={600} max={1700} precision={0} />
          </Form.Item>
          <Form.Item name="timezone" label={n.timezone} rules={required}>
            <Input placeholder="Asia/Vientiane" style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="latitude" label={n.latitude}>
            <InputNumber min={-90} max={90} step={0.01} />
          </Form.Item>
          <Form.Item name="longitude" label={n.longitude}>
            <InputNumber min={-180} max={180} step={0.01} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

interface LegValues {
  fromCode: string;
  toCode: string;
  distanceKm: number;
  transitHours: number;
  dwellHours?: number | null;
  maxFeu?: number | null;
}

function RouteModal({
  corridor,
  stations,
  operators,
  onClose,
  onDone,
}: {
  corridor: Corridor | null;
  stations: Station[];
  operators: Operator[] | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, fmt, locale } = useI18n();
  const n = t.network;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { saving, run } = useSave();
  const required = [{ required: true, message: t.common.required }];
  const options = stations.map((s) => ({ value: s.code, label: `${s.code} · ${named(s, locale)}` }));
  const initial = corridor
    ? {
        ...corridor,
        legs: [...corridor.legs]
          .sort((a, b) => a.seq - b.seq)
          .map((l) => ({ fromCode: l.from.code, toCode: l.to.code, distanceKm: l.distanceKm, transitHours: l.transitHours, dwellHours: l.dwellHours, maxFeu: l.maxFeu })),
      }
    : { mode: "RAIL", legs: [{}] };
  const submit = (v: { code: string; name: string; nameZh: string; mode: "RAIL" | "RAIL_SEA"; description?: string; legs: LegValues[]; operatorOrgId?: string }) =>
    run(
      form,
      ["code", "name", "nameZh", "mode", "description", "legs", "operatorOrgId"],
      async () =>
        (
          await gqlFetch(SaveCorridorDocument, {
            input: {
              code: v.code.trim(),
              name: v.name,
              nameZh: v.nameZh,
              mode: v.mode,
              description: v.description?.trim() || null,
              legs: (v.legs ?? []).map((l) => ({ ...l, dwellHours: l.dwellHours ?? 0, maxFeu: l.maxFeu ?? null })),
              operatorOrgId: v.operatorOrgId ?? null,
            },
          })
        ).saveCorridor,
      async () => {
        message.success(fmt(n.corridorSaved, { code: v.code.trim().toUpperCase() }));
        await onDone();
      },
    );
  return (
    <Modal
      open
      title={corridor ? `${n.editRoute} ${corridor.code}` : n.newCorridor}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      destroyOnHidden
      width={960}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Space wrap align="start">
          <Form.Item name="code" label={n.code} rules={required}>
            <Input disabled={corridor !== null} placeholder="CN-LA" maxLength={8} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="name" label={n.name} rules={required}>
            <Input maxLength={100} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="nameZh" label={n.nameZh} rules={required}>
            <Input maxLength={100} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="mode" label={n.modeLabel} rules={required}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: "RAIL", label: n.mode.RAIL },
                { value: "RAIL_SEA", label: n.mode.RAIL_SEA },
              ]}
            />
          </Form.Item>
        </Space>
        {corridor?.rules ? null : <OperatorField operators={operators} required={corridor === null} />}
        <Form.Item name="description" label={n.corridorDescription}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Typography.Text strong>{n.legs}</Typography.Text>
        <Form.List name="legs">
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Space key={item.key} align="start" wrap style={{ display: "flex", marginTop: 8 }}>
                  <Typography.Text style={{ display: "inline-block", width: 20, paddingTop: 30 }}>{i + 1}</Typography.Text>
                  <Form.Item name={[item.name, "fromCode"]} label={n.from} rules={required}>
                    <Select showSearch optionFilterProp="label" options={options} style={{ width: 230 }} aria-label={`${n.from} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "toCode"]} label={n.to} rules={required}>
                    <Select showSearch optionFilterProp="label" options={options} style={{ width: 230 }} aria-label={`${n.to} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "distanceKm"]} label={n.distance} rules={required}>
                    <InputNumber min={1} max={20000} precision={0} style={{ width: 90 }} aria-label={`${n.distance} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "transitHours"]} label={n.transit} rules={required}>
                    <InputNumber min={1} max={2000} precision={0} style={{ width: 90 }} aria-label={`${n.transit} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "dwellHours"]} label={n.dwellHours}>
                    <InputNumber min={0} max={500} precision={0} style={{ width: 90 }} aria-label={`${n.dwellHours} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "maxFeu"]} label={n.maxFeu}>
                    <InputNumber min={1} max={200} precision={0} style={{ width: 90 }} aria-label={`${n.maxFeu} ${i + 1}`} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={`${t.common.remove} ${i + 1}`} onClick={() => remove(item.name)} style={{ marginTop: 30 }} />
                </Space>
              ))}
              <Form.ErrorList errors={form.getFieldError("legs")} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  // a new leg starts where the last one ended
                  const legs = (form.getFieldValue("legs") ?? []) as Partial<LegValues>[];
                  add({ fromCode: legs.at(-1)?.toCode });
                }}
              >
                {n.addLeg}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

interface RulesValues {
  operatorOrgId?: string;
  maxFeuPerTrain: number;
  maxGrossKgPerTrain: number;
  cutoffLeadHours: number;
  currencyCode: string;
  lithium: { countryCode: string; acceptsUN3171?: boolean; acceptsUN3480?: boolean; acceptsUN3481?: boolean; maxStateOfChargePct?: number | null }[];
  cancellationFees: { fromHoursBeforeDeparture: number; fee: number }[];
}

function RulesModal({
  corridor,
  currencies,
  operators,
  onClose,
  onDone,
}: {
  corridor: Corridor;
  currencies: Currency[];
  operators: Operator[] | null;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const n = t.network;
  const { message } = App.useApp();
  const [form] = Form.useForm<RulesValues>();
  const { saving, run } = useSave();
  const required = [{ required: true, message: t.common.required }];
  const r = corridor.rules;
  const initial: Partial<RulesValues> = r
    ? {
        operatorOrgId: r.operatorId,
        maxFeuPerTrain: r.maxFeuPerTrain,
        maxGrossKgPerTrain: r.maxGrossKgPerTrain,
        cutoffLeadHours: r.cutoffLeadHours,
        currencyCode: r.currencyCode,
        lithium: r.lithium.map((l) => ({ ...l })),
        // amounts in major units, as people type them
        cancellationFees: r.cancellationFees.map((f) => ({
          fromHoursBeforeDeparture: f.fromHoursBeforeDeparture,
          fee: f.feePerFeu.amountMinor / 10 ** minorDigits(f.feePerFeu.currency),
        })),
      }
    : { maxFeuPerTrain: 50, maxGrossKgPerTrain: 1_300_000, cutoffLeadHours: 48, currencyCode: "USD", lithium: [], cancellationFees: [] };
  const submit = (v: RulesValues) =>
    run(
      form,
      ["operatorOrgId", "maxFeuPerTrain", "maxGrossKgPerTrain", "cutoffLeadHours", "currencyCode", "lithium", "cancellationFees"],
      async () =>
        (
          await gqlFetch(SetCorridorRulesDocument, {
            input: {
              corridorCode: corridor.code,
              // only admins see the field; an unchanged operator is not sent
              operatorOrgId: v.operatorOrgId && v.operatorOrgId !== r?.operatorId ? v.operatorOrgId : null,
              maxFeuPerTrain: v.maxFeuPerTrain,
              maxGrossKgPerTrain: v.maxGrossKgPerTrain,
              cutoffLeadHours: v.cutoffLeadHours,
              currencyCode: v.currencyCode,
              lithium: (v.lithium ?? []).map((l) => ({
                countryCode: l.countryCode.trim().toUpperCase(),
                acceptsUN3171: !!l.acceptsUN3171,
                acceptsUN3480: !!l.acceptsUN3480,
                acceptsUN3481: !!l.acceptsUN3481,
                maxStateOfChargePct: l.maxStateOfChargePct ?? null,
              })),
              cancellationFees: (v.cancellationFees ?? []).map((f) => ({ fromHoursBeforeDeparture: f.fromHoursBeforeDeparture, feePerFeuMinor: toMinor(f.fee, v.currencyCode) })),
            },
          })
        ).setCorridorRules,
      async () => {
        message.success(n.saved);
        await onDone();
      },
    );
  return (
    <Modal
      open
      title={`${n.editRules} ${corridor.code}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      destroyOnHidden
      width={860}
    >
      <Typography.Paragraph type="secondary">{n.rulesNote}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <OperatorField operators={operators} required={!r} />
        <Space wrap align="start">
          <Form.Item name="maxFeuPerTrain" label={n.maxFeuPerTrain} rules={required}>
            <InputNumber min={1} max={200} precision={0} />
          </Form.Item>
          <Form.Item name="maxGrossKgPerTrain" label={n.maxGrossKgPerTrain} rules={required}>
            <InputNumber min={1000} max={10_000_000} step={10_000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="cutoffLeadHours" label={n.cutoffLeadHours} rules={required}>
            <InputNumber min={0} max={720} precision={0} />
          </Form.Item>
          <Form.Item name="currencyCode" label={n.currency} rules={required}>
            <Select style={{ width: 200 }} options={currencies.map((c) => ({ value: c.code, label: `${c.code} · ${locale === "zh-CN" ? c.nameZh : c.name}` }))} />
          </Form.Item>
        </Space>
        <Typography.Text strong>{n.lithium}</Typography.Text>
        <Form.List name="lithium">
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Space key={item.key} align="center" wrap style={{ display: "flex", marginTop: 8 }}>
                  <Form.Item name={[item.name, "countryCode"]} rules={required} style={{ marginBottom: 0 }}>
                    <Input maxLength={2} placeholder="LA" style={{ width: 64 }} aria-label={`${n.country} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "acceptsUN3171"]} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>{n.un3171}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[item.name, "acceptsUN3480"]} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>{n.un3480}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[item.name, "acceptsUN3481"]} valuePropName="checked" style={{ marginBottom: 0 }}>
                    <Checkbox>{n.un3481}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[item.name, "maxStateOfChargePct"]} style={{ marginBottom: 0 }}>
                    <InputNumber min={0} max={100} precision={0} suffix="%" placeholder={n.noCap} aria-label={`${n.socCap} ${i + 1}`} style={{ width: 110 }} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={`${t.common.remove} ${n.country} ${i + 1}`} onClick={() => remove(item.name)} />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ acceptsUN3171: true, acceptsUN3480: false, acceptsUN3481: true })}
                style={{ margin: "8px 0 16px" }}
              >
                {n.addCountry}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Typography.Text strong>{n.fees}</Typography.Text>
        </div>
        <Form.List name="cancellationFees">
          {(items, { add, remove }) => (
            <>
              {items.map((item, i) => (
                <Space key={item.key} align="start" wrap style={{ display: "flex", marginTop: 8 }}>
                  <Form.Item name={[item.name, "fromHoursBeforeDeparture"]} label={n.hoursBefore} rules={required}>
                    <InputNumber min={0} max={2160} precision={0} aria-label={`${n.hoursBefore} ${i + 1}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, "fee"]} label={n.feePerFeu} rules={required}>
                    <InputNumber min={0} step={1} aria-label={`${n.feePerFeu} ${i + 1}`} style={{ width: 140 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={`${t.common.remove} ${n.fees} ${i + 1}`}
                    onClick={() => remove(item.name)}
                    style={{ marginTop: 30 }}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginTop: 8 }}>
                {n.addFee}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
