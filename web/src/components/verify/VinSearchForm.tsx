"use client";

import { SearchOutlined } from "@ant-design/icons";
import { Button, Form, Input } from "antd";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { isIdentifier, normalizeIdentifier } from "@/lib/verify/format";
import { withLang } from "@/lib/verify/links";
import { usePublicI18n } from "./PublicI18n";

/** Type a VIN or frame number, go to /verify/<it>. */
export function VinSearchForm({ initial }: { initial?: string }) {
  const { locale, t } = usePublicI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [form] = Form.useForm<{ vin: string }>();

  return (
    <Form
      form={form}
      role="search"
      aria-label={t.home.vehicleTitle}
      layout="vertical"
      requiredMark={false}
      initialValues={{ vin: initial ?? "" }}
      onFinish={({ vin }) => {
        const id = normalizeIdentifier(vin);
        startTransition(() => router.push(withLang(`/verify/${encodeURIComponent(id)}`, locale)));
      }}
    >
      <div className="verify-inline-form">
        <Form.Item
          name="vin"
          label={t.home.vinLabel}
          extra={t.home.vehicleHelp}
          className="verify-grow"
          validateTrigger="onSubmit"
          rules={[
            { validator: async (_rule, value: string | undefined) => (isIdentifier(normalizeIdentifier(value ?? "")) ? undefined : Promise.reject(new Error(t.home.vinInvalid))) },
          ]}
        >
          <Input size="large" placeholder={t.home.vinPlaceholder} className="verify-mono" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={60} />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />} loading={pending}>
            {t.home.check}
          </Button>
        </Form.Item>
      </div>
    </Form>
  );
}
