"use client";

import { CalendarOutlined, ScheduleOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Typography } from "antd";
import { useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import { useI18n } from "@/i18n/client";
import { named, toMinor } from "@/lib/freight/format";
import { CreateTrainServiceDocument, ScheduleDepartureDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { isFailure, reportFailure, thrownMessage } from "@/lib/graphql/results";
import { type Corridors, DepartureFilterBar, type DepartureFilters, DeparturesTable, useCorridors, useDeparturePages } from "./DepartureBoard";

const CURRENCIES = ["USD", "CNY", "EUR"];

interface PriceFields {
  corridorCode: string;
  currencyCode: string;
  capacityFeu: number;
  maxGrossKg?: number | null;
  lclPerWm: number;
  fcl40: number;
  fcl20: number;
  wmKgPerCbm: number;
}

/** The operator's console: its trains with fill gauges, and forms to schedule more. */
export function OperatorDepartures() {
  const { t } = useI18n();
  const o = t.freight.operator;
  const corridors = useCorridors();
  const [filters, setFilters] = useState<DepartureFilters>({ corridorCode: null, destinationCode: null, from: "", to: "", bookableOnly: false });
  const pages = useDeparturePages(filters, true);
  const [open, setOpen] = useState<"schedule" | "weekly" | null>(null);
  return (
    <>
      <PageHeader
        title={o.title}
        description={o.description}
        extra={
          <>
            <Button type="primary" icon={<CalendarOutlined />} onClick={() => setOpen("schedule")}>
              {o.schedule}
            </Button>
            <Button icon={<ScheduleOutlined />} onClick={() => setOpen("weekly")}>
              {o.weekly}
            </Button>
          </>
        }
      />
      <Card>
        <DepartureFilterBar corridors={corridors} filters={filters} onChange={setFilters} showBookable={false} />
        {pages.error ? <Typography.Text type="danger">{thrownMessage(t, pages.error)}</Typography.Text> : null}
        <DeparturesTable rows={pages.rows} loading={pages.loading} linkTo={(row) => `/departures/${encodeURIComponent(row.id)}`} />
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
      <ScheduleForms
        corridors={corridors}
        open={open}
        onClose={() => setOpen(null)}
        onDone={() => {
          setOpen(null);
          pages.reload();
        }}
      />
    </>
  );
}

function ScheduleForms({ corridors, open, onClose, onDone }: { corridors: Corridors; open: "schedule" | "weekly" | null; onClose: () => void; onDone: () => void }) {
  const { t, fmt, locale } = useI18n();
  const o = t.freight.operator;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const weekly = open === "weekly";
  const notify = (text: string) => message.error(text);

  async function submit(values: PriceFields & { departsAt?: string; cutoffAt?: string; name?: string; weekday?: number; departureTime?: string; weeksAhead?: number }) {
    setSaving(true);
    const prices = {
      corridorCode: values.corridorCode,
      currencyCode: values.currencyCode,
      lclPerWmMinor: toMinor(values.lclPerWm, values.currencyCode),
      fcl40Minor: toMinor(values.fcl40, values.currencyCode),
      fcl20Minor: toMinor(values.fcl20, values.currencyCode),
      wmKgPerCbm: values.wmKgPerCbm,
    };
    try {
      if (weekly) {
        const { createTrainService } = await gqlFetch(CreateTrainServiceDocument, {
          input: {
            ...prices,
            capacityFeu: values.capacityFeu,
            maxGrossKg: values.maxGrossKg ?? 1_100_000,
            name: values.name ?? "",
            weekday: values.weekday ?? 1,
            departureTime: values.departureTime ?? "",
            weeksAhead: values.weeksAhead ?? null,
          },
        });
        if (isFailure(createTrainService))
          return reportFailure(createTrainService, { t, notify, form, fields: ["name", "weekday", "departureTime", "capacityFeu", "weeksAhead", "corridorCode", "maxGrossKg"] });
        if (createTrainService.__typename === "CreateTrainServiceSuccess") message.success(fmt(o.serviceCreated, { count: createTrainService.data.length }));
      } else {
        const departsAt = values.departsAt ? new Date(values.departsAt).toISOString() : "";
        const cutoffAt = values.cutoffAt ? new Date(values.cutoffAt).toISOString() : null;
        const { scheduleDeparture } = await gqlFetch(ScheduleDepartureDocument, {
          input: { ...prices, departsAt, cutoffAt, capacityFeu: values.capacityFeu, maxGrossKg: values.maxGrossKg ?? null },
        });
        if (isFailure(scheduleDeparture))
          return reportFailure(scheduleDeparture, { t, notify, form, fields: ["departsAt", "cutoffAt", "capacityFeu", "corridorCode", "maxGrossKg"] });
        if (scheduleDeparture.__typename === "ScheduleDepartureSuccess") message.success(fmt(o.scheduled, { code: scheduleDeparture.data.code }));
      }
      form.resetFields();
      onDone();
    } catch (error) {
      message.error(thrownMessage(t, error));
    } finally {
      setSaving(false);
    }
  }

  const required = [{ required: true, message: t.common.required }];
  return (
    <Modal
      open={open !== null}
      title={weekly ? o.weekly : o.schedule}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.common.create}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          currencyCode: "USD",
          capacityFeu: 45,
          maxGrossKg: 1_100_000,
          wmKgPerCbm: 1000,
          lclPerWm: 65,
          fcl40: 2800,
          fcl20: 1800,
          weekday: 2,
          departureTime: "10:00",
          weeksAhead: 6,
        }}
      >
        <Form.Item name="corridorCode" label={t.freight.corridor} rules={required}>
          <Select options={corridors.map((c) => ({ value: c.code, label: `${named(c, locale)} (${c.code})` }))} />
        </Form.Item>
        {weekly ? (
          <>
            <Form.Item name="name" label={o.serviceName} rules={required}>
              <Input maxLength={120} />
            </Form.Item>
            <div className="form-row">
              <Form.Item name="weekday" label={o.weekday} rules={required}>
                <Select options={Object.entries(o.weekdays).map(([value, label]) => ({ value: Number(value), label }))} />
              </Form.Item>
              <Form.Item name="departureTime" label={o.departureTime} rules={[...required, { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: "HH:MM" }]}>
                <Input type="time" />
              </Form.Item>
              <Form.Item name="weeksAhead" label={o.weeksAhead}>
                <InputNumber min={1} max={26} precision={0} />
              </Form.Item>
            </div>
          </>
        ) : (
          <div className="form-row">
            <Form.Item name="departsAt" label={o.departsAt} rules={required}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item name="cutoffAt" label={o.cutoffAt}>
              <Input type="datetime-local" />
            </Form.Item>
          </div>
        )}
        <div className="form-row">
          <Form.Item name="capacityFeu" label={o.capacityFeu} rules={required}>
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
          <Form.Item name="maxGrossKg" label={o.maxGrossKg}>
            <InputNumber min={1} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="currencyCode" label={o.currency} rules={required}>
            <Select options={CURRENCIES.map((value) => ({ value, label: value }))} style={{ width: 100 }} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="lclPerWm" label={o.lclPerWm} rules={required}>
            <InputNumber min={0} step={0.01} />
          </Form.Item>
          <Form.Item name="fcl40" label={o.fcl40} rules={required}>
            <InputNumber min={0} step={0.01} />
          </Form.Item>
          <Form.Item name="fcl20" label={o.fcl20} rules={required}>
            <InputNumber min={0} step={0.01} />
          </Form.Item>
          <Form.Item name="wmKgPerCbm" label={o.wmKgPerCbm} rules={required}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
