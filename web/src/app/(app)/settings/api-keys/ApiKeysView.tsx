"use client";

import { KeyOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import { RoleCheckboxes, RoleTags } from "@/components/RoleTags";
import { graphql } from "@/gql";
import type { ApiKeysQuery, MemberRole } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { formatDateTime } from "@/lib/format";
import { gqlFetch } from "@/lib/graphql/client";
import { isFailure, reportFailure, thrownMessage } from "@/lib/graphql/results";
import { useCursorPages } from "@/lib/useCursorPages";

const ApiKeysDocument = graphql(`
  query ApiKeys($first: Int!, $after: String) {
    viewer {
      organization {
        id
        apiKeys(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              name
              prefix
              roles
              createdAt
              lastUsedAt
              expiresAt
              revokedAt
            }
          }
        }
      }
    }
  }
`);

const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeySuccess {
        data {
          secret
          apiKey {
            id
            name
          }
        }
      }
      ... on DomainError {
        code
        message
      }
      ... on ValidationError {
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      __typename
      ... on RevokeApiKeySuccess {
        data {
          id
          revokedAt
        }
      }
      ... on DomainError {
        code
        message
      }
    }
  }
`);

type ApiKeyRow = NonNullable<NonNullable<ApiKeysQuery["viewer"]>["organization"]["apiKeys"]>["edges"][number]["node"];

const PAGE_SIZE = 20;
const EXPIRY_CHOICES = ["never", "30", "90", "365"] as const;
type Expiry = (typeof EXPIRY_CHOICES)[number];

function keyStatus(key: ApiKeyRow, now: number): "active" | "revoked" | "expired" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return "expired";
  return "active";
}

export function ApiKeysView({ orgName, timezone }: { orgName: string; timezone: string }) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);

  const load = useCallback(async ({ first, after }: { first: number; after: string | null }) => {
    const { viewer } = await gqlFetch(ApiKeysDocument, { first, after });
    const keys = viewer?.organization.apiKeys;
    return {
      rows: keys?.edges.map((edge) => edge.node) ?? [],
      totalCount: keys?.totalCount ?? 0,
      hasNextPage: keys?.pageInfo.hasNextPage ?? false,
      endCursor: keys?.pageInfo.endCursor,
    };
  }, []);
  const pages = useCursorPages(load, PAGE_SIZE, "");
  const now = Date.now();

  const revoke = async (key: ApiKeyRow) => {
    try {
      const { revokeApiKey } = await gqlFetch(RevokeApiKeyDocument, { input: { apiKeyId: key.id } });
      if (isFailure(revokeApiKey)) return reportFailure(revokeApiKey, { t, notify: message.error });
      message.success(fmt(t.apiKeys.revokedMessage, { name: key.name }));
      pages.reload();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    }
  };

  const statusColor = { active: "green", revoked: "red", expired: "orange" } as const;

  return (
    <>
      <PageHeader
        title={t.apiKeys.title}
        description={fmt(t.apiKeys.description, { org: orgName })}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t.apiKeys.create}
          </Button>
        }
      />
      <Card>
        {pages.error ? <Alert type="error" showIcon title={thrownMessage(t, pages.error)} style={{ marginBottom: 16 }} /> : null}
        <Table<ApiKeyRow>
          rowKey="id"
          loading={pages.loading}
          dataSource={pages.rows}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.apiKeys.empty} /> }}
          columns={[
            { key: "name", title: t.apiKeys.name, render: (_, key) => <Typography.Text strong>{key.name}</Typography.Text> },
            {
              key: "prefix",
              title: t.apiKeys.prefix,
              render: (_, key) => (
                <Typography.Text code className="nowrap">
                  {key.prefix}…
                </Typography.Text>
              ),
            },
            { key: "roles", title: t.apiKeys.roles, render: (_, key) => <RoleTags roles={key.roles} /> },
            {
              key: "status",
              title: t.apiKeys.status,
              render: (_, key) => {
                const status = keyStatus(key, now);
                return <Tag color={statusColor[status]}>{t.apiKeys[status]}</Tag>;
              },
            },
            { key: "created", title: t.apiKeys.created, render: (_, key) => <span className="nowrap">{formatDateTime(key.createdAt, locale, timezone)}</span> },
            {
              key: "lastUsed",
              title: t.apiKeys.lastUsed,
              render: (_, key) => <span className="nowrap">{key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale, timezone) : t.common.never}</span>,
            },
            {
              key: "expires",
              title: t.apiKeys.expires,
              render: (_, key) => <span className="nowrap">{key.expiresAt ? formatDateTime(key.expiresAt, locale, timezone) : t.apiKeys.expiryNever}</span>,
            },
            {
              key: "actions",
              title: t.common.actions,
              align: "right",
              render: (_, key) =>
                key.revokedAt ? null : (
                  <Popconfirm
                    title={fmt(t.apiKeys.revokeConfirm, { name: key.name })}
                    description={t.apiKeys.revokeHelp}
                    okText={t.common.revoke}
                    cancelText={t.common.cancel}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => revoke(key)}
                  >
                    <Button size="small" type="text" danger icon={<StopOutlined />} aria-label={`${t.common.revoke}: ${key.name}`}>
                      {t.common.revoke}
                    </Button>
                  </Popconfirm>
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
      <CreateApiKeyModal open={creating} onClose={() => setCreating(false)} onCreated={pages.reload} />
    </>
  );
}

interface CreateValues {
  name: string;
  roles: MemberRole[];
  expiry: Expiry;
}

function CreateApiKeyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  const close = () => {
    // The secret is gone for good once this closes.
    setCreated(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: CreateValues) => {
    setSaving(true);
    try {
      const expiresAt = values.expiry === "never" ? null : new Date(Date.now() + Number(values.expiry) * 86_400_000).toISOString();
      const { createApiKey } = await gqlFetch(CreateApiKeyDocument, { input: { name: values.name.trim(), roles: values.roles, expiresAt } });
      if (isFailure(createApiKey)) {
        reportFailure(createApiKey, { t, notify: message.error, form, fields: ["name", "roles", "expiresAt"] });
        return;
      }
      setCreated({ name: createApiKey.data.apiKey.name, secret: createApiKey.data.secret });
      onCreated();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={created ? t.apiKeys.secretTitle : t.apiKeys.createTitle}
      open={open}
      onCancel={close}
      maskClosable={false}
      forceRender
      footer={
        created
          ? [
              <Button key="close" type="primary" onClick={close}>
                {t.common.close}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t.common.cancel}
              </Button>,
              <Button key="ok" type="primary" loading={saving} onClick={() => form.submit()}>
                {t.common.create}
              </Button>,
            ]
      }
    >
      {created ? (
        <div>
          <Alert type="warning" showIcon title={t.apiKeys.secretOnce} style={{ marginBottom: 16 }} />
          <Typography.Text strong>
            <KeyOutlined /> {created.name} — {t.apiKeys.secretLabel}
          </Typography.Text>
          <Typography.Paragraph
            code
            copyable={{ text: created.secret, tooltips: [t.common.copy, t.common.copied] }}
            style={{ wordBreak: "break-all", marginTop: 4 }}
            data-testid="api-key-secret"
          >
            {created.secret}
          </Typography.Paragraph>
        </div>
      ) : null}
      {/* Kept mounted so the form instance stays connected while the secret is shown. */}
      <div hidden={created !== null}>
        <Form<CreateValues> name="createApiKey" form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ roles: ["MEMBER"], expiry: "90" }}>
          <Form.Item name="name" label={t.apiKeys.name} rules={[{ required: true, whitespace: true, message: t.apiKeys.nameRequired }]}>
            <Input placeholder={t.apiKeys.namePlaceholder} autoComplete="off" maxLength={120} />
          </Form.Item>
          <Form.Item name="roles" label={t.apiKeys.roles} rules={[{ required: true, type: "array", min: 1, message: t.apiKeys.rolesRequired }]}>
            <RoleCheckboxes />
          </Form.Item>
          <Form.Item name="expiry" label={t.apiKeys.expiry}>
            <Select
              options={EXPIRY_CHOICES.map((choice) => ({
                value: choice,
                label: choice === "never" ? t.apiKeys.expiryNever : choice === "365" ? t.apiKeys.expiryYear : fmt(t.apiKeys.expiryDays, { days: choice }),
              }))}
            />
          </Form.Item>
          <button type="submit" hidden tabIndex={-1} />
        </Form>
      </div>
    </Modal>
  );
}
