"use client";

import { Alert, App, Empty, Form, Input, Modal, Select, Spin } from "antd";
import { useEffect, useState } from "react";
import type { FreightRollTargetsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { CancelDepartureDocument, OfferRollDocument, RollTargetsDocument } from "@/lib/freight/operations";
import { gqlFetch } from "@/lib/graphql/client";
import { isFailure, reportFailure, thrownMessage } from "@/lib/graphql/results";
import { round1 } from "./common";

type RollTarget = FreightRollTargetsQuery["departures"]["edges"][number]["node"];

/**
 * Offers a booking a roll to one of the next open departures on the same corridor, with a reason
 * for the audit log. The maker accepts or declines on the shipment page.
 */
export function OfferRollDialog({
  booking,
  departure,
  timeZone,
  onClose,
  onDone,
}: {
  booking: { id: string; reference: string } | null;
  departure: { corridor: { code: string }; departsAt: string };
  timeZone: string;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, fmt, locale } = useI18n();
  const o = t.freight.operator;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toDepartureId: string; reason?: string }>();
  const [targets, setTargets] = useState<RollTarget[] | null>(null);
  const [saving, setSaving] = useState(false);
  const open = booking !== null;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setTargets(null);
    form.resetFields();
    // Strictly later than this train: one millisecond after its departure.
    const from = new Date(new Date(departure.departsAt).getTime() + 1).toISOString();
    gqlFetch(RollTargetsDocument, { corridorCode: departure.corridor.code, from })
      .then(({ departures }) => {
        if (live) setTargets(departures.edges.map((e) => e.node));
      })
      .catch((caught) => {
        if (live) {
          setTargets([]);
          message.error(thrownMessage(t, caught));
        }
      });
    return () => {
      live = false;
    };
  }, [open, departure.corridor.code, departure.departsAt, form, message, t]);

  async function submit(values: { toDepartureId: string; reason?: string }) {
    if (!booking) return;
    setSaving(true);
    try {
      const { offerRoll } = await gqlFetch(OfferRollDocument, { input: { bookingId: booking.id, toDepartureId: values.toDepartureId, reason: values.reason?.trim() || null } });
      if (isFailure(offerRoll)) {
        reportFailure(offerRoll, { t, notify: (text) => message.error(text), form, fields: ["toDepartureId", "reason"] });
        return;
      }
      message.success(fmt(o.rollOffered, { reference: booking.reference }));
      onClose();
      await onDone();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={booking ? fmt(o.offerRollTitle, { reference: booking.reference }) : ""}
      okText={o.offerRoll}
      cancelText={t.common.close}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, disabled: !targets || targets.length === 0 }}
      destroyOnHidden
    >
      {targets === null ? (
        <Spin aria-label={t.common.loading} />
      ) : targets.length === 0 ? (
        <Empty description={o.noRollTargets} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ toDepartureId: targets[0]?.id }}>
          <Form.Item name="toDepartureId" label={o.rollTarget} rules={[{ required: true, message: t.common.required }]}>
            <Select
              options={targets.map((d) => ({
                value: d.id,
                label: fmt(o.rollTargetOption, { code: d.code, departs: formatDateTime(d.departsAt, locale, timeZone), remaining: round1(d.remainingFeu) }),
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={o.reason} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} placeholder={o.reasonPlaceholder} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** Cancels a departure after saying how many bookings it still holds (those must be rolled first). */
export function CancelDepartureDialog({
  open,
  departure,
  affected,
  onClose,
  onDone,
}: {
  open: boolean;
  departure: { id: string; code: string };
  affected: number;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t, fmt } = useI18n();
  const o = t.freight.operator;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  async function submit(values: { reason: string }) {
    setSaving(true);
    try {
      const { cancelDeparture } = await gqlFetch(CancelDepartureDocument, { input: { departureId: departure.id, reason: values.reason.trim() } });
      if (isFailure(cancelDeparture)) {
        reportFailure(cancelDeparture, { t, notify: (text) => message.error(text), form, fields: ["reason"] });
        return;
      }
      message.success(fmt(o.departureCancelled, { code: departure.code }));
      onClose();
      await onDone();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={fmt(o.cancelTitle, { code: departure.code })}
      okText={o.cancelConfirm}
      cancelText={t.common.close}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true, loading: saving, disabled: affected > 0 }}
      destroyOnHidden
    >
      <Alert
        type={affected > 0 ? "warning" : "info"}
        showIcon
        style={{ marginBottom: 16 }}
        title={affected > 0 ? fmt(o.cancelAffected, { count: affected }) : o.cancelNone}
        data-testid="cancel-affected"
      />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={o.reason} rules={[{ required: true, whitespace: true, message: t.common.required }, { max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={o.reasonPlaceholder} disabled={affected > 0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
