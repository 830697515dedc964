"use client";

import { DeleteOutlined, EditOutlined, MailOutlined, UserAddOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { CursorPager } from "@/components/CursorPager";
import { PageHeader } from "@/components/PageHeader";
import { RoleCheckboxes, RoleTags } from "@/components/RoleTags";
import { graphql } from "@/gql";
import type { MemberRole, MembersQuery, PendingInvitationsQuery } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { toApiLocale } from "@/i18n/config";
import { formatDateTime } from "@/lib/format";
import { gqlFetch } from "@/lib/graphql/client";
import { isFailure, reportFailure, thrownMessage } from "@/lib/graphql/results";
import { MIN_PASSWORD_LENGTH } from "@/lib/passwords";
import { useCursorPages } from "@/lib/useCursorPages";

const MembersQueryDocument = graphql(`
  query Members($first: Int!, $after: String, $search: String) {
    viewer {
      organization {
        id
        members(first: $first, after: $after, search: $search) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              roles
              createdAt
              user {
                id
                name
                email
              }
            }
          }
        }
      }
    }
  }
`);

const PendingInvitationsDocument = graphql(`
  query PendingInvitations {
    viewer {
      organization {
        id
        invitations {
          id
          email
          roles
          createdAt
          expiresAt
        }
      }
    }
  }
`);

const CreateUserDocument = graphql(`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserSuccess {
        data {
          id
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

const InviteUserDocument = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      __typename
      ... on InviteUserSuccess {
        data {
          acceptUrl
          invitation {
            id
            email
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

const UpdateMemberRolesDocument = graphql(`
  mutation UpdateMemberRoles($input: UpdateMemberRolesInput!) {
    updateMemberRoles(input: $input) {
      __typename
      ... on UpdateMemberRolesSuccess {
        data {
          id
          roles
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

const RemoveMemberDocument = graphql(`
  mutation RemoveMember($input: RemoveMemberInput!) {
    removeMember(input: $input) {
      __typename
      ... on DomainError {
        code
        message
      }
    }
  }
`);

const RevokeInvitationDocument = graphql(`
  mutation RevokeInvitation($input: RevokeInvitationInput!) {
    revokeInvitation(input: $input) {
      __typename
      ... on DomainError {
        code
        message
      }
    }
  }
`);

type MemberRow = NonNullable<NonNullable<MembersQuery["viewer"]>["organization"]["members"]>["edges"][number]["node"];
type InvitationRow = NonNullable<NonNullable<PendingInvitationsQuery["viewer"]>["organization"]["invitations"]>[number];

const PAGE_SIZE = 20;

interface Props {
  orgName: string;
  timezone: string;
  currentUserId: string | null;
}

export function MembersView({ orgName, timezone, currentUserId }: Props) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<MemberRow | null>(null);
  const [invitations, setInvitations] = useState<InvitationRow[] | null>(null);

  const load = useCallback(
    async ({ first, after }: { first: number; after: string | null }) => {
      const { viewer } = await gqlFetch(MembersQueryDocument, { first, after, search: search || null });
      const members = viewer?.organization.members;
      return {
        rows: members?.edges.map((edge) => edge.node) ?? [],
        totalCount: members?.totalCount ?? 0,
        hasNextPage: members?.pageInfo.hasNextPage ?? false,
        endCursor: members?.pageInfo.endCursor,
      };
    },
    [search],
  );
  const pages = useCursorPages(load, PAGE_SIZE, search);

  const loadInvitations = useCallback(async () => {
    try {
      const { viewer } = await gqlFetch(PendingInvitationsDocument);
      setInvitations(viewer?.organization.invitations ?? []);
    } catch {
      setInvitations([]);
    }
  }, []);
  useEffect(() => {
    void loadInvitations();
  }, [loadInvitations]);

  const remove = async (member: MemberRow) => {
    try {
      const { removeMember } = await gqlFetch(RemoveMemberDocument, { input: { membershipId: member.id } });
      if (isFailure(removeMember)) return reportFailure(removeMember, { t, notify: message.error });
      message.success(fmt(t.members.removed, { name: member.user.name }));
      pages.reload();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    }
  };

  const revokeInvitation = async (invitation: InvitationRow) => {
    try {
      const { revokeInvitation } = await gqlFetch(RevokeInvitationDocument, { input: { invitationId: invitation.id } });
      if (isFailure(revokeInvitation)) return reportFailure(revokeInvitation, { t, notify: message.error });
      void loadInvitations();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    }
  };

  return (
    <>
      <PageHeader
        title={t.members.title}
        description={fmt(t.members.description, { org: orgName })}
        extra={
          <>
            <Button icon={<MailOutlined />} onClick={() => setInviting(true)}>
              {t.members.inviteUser}
            </Button>
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
              {t.members.createUser}
            </Button>
          </>
        }
      />
      <Card>
        <div className="table-toolbar">
          <Input.Search
            aria-label={t.members.searchLabel}
            placeholder={t.members.searchPlaceholder}
            allowClear
            onSearch={(value) => setSearch(value.trim())}
            style={{ maxWidth: 320 }}
          />
        </div>
        {pages.error ? <Alert type="error" showIcon title={thrownMessage(t, pages.error)} style={{ marginBottom: 16 }} /> : null}
        <Table<MemberRow>
          rowKey="id"
          loading={pages.loading}
          dataSource={pages.rows}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.members.empty} /> }}
          columns={[
            {
              key: "name",
              title: t.members.name,
              render: (_, member) => (
                <Space size={6}>
                  <Typography.Text strong>{member.user.name}</Typography.Text>
                  {member.user.id === currentUserId ? <Tag>{t.members.you}</Tag> : null}
                </Space>
              ),
            },
            { key: "email", title: t.members.email, render: (_, member) => member.user.email },
            { key: "roles", title: t.members.roles, render: (_, member) => <RoleTags roles={member.roles} /> },
            { key: "joined", title: t.members.joined, render: (_, member) => <span className="nowrap">{formatDateTime(member.createdAt, locale, timezone)}</span> },
            {
              key: "actions",
              title: t.common.actions,
              align: "right",
              render: (_, member) => (
                <Space size={4}>
                  <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(member)} aria-label={`${t.common.edit}: ${member.user.name}`}>
                    {t.common.edit}
                  </Button>
                  {member.user.id === currentUserId ? null : (
                    <Popconfirm
                      title={fmt(t.members.removeConfirm, { name: member.user.name, org: orgName })}
                      description={t.members.removeHelp}
                      okText={t.common.remove}
                      cancelText={t.common.cancel}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(member)}
                    >
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t.common.remove}: ${member.user.name}`}>
                        {t.common.remove}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
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

      <Card title={t.members.pendingInvitations} style={{ marginTop: 16 }}>
        <Table<InvitationRow>
          rowKey="id"
          size="small"
          loading={invitations === null}
          dataSource={invitations ?? []}
          pagination={false}
          scroll={{ x: 600 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.members.noPendingInvitations} /> }}
          columns={[
            { key: "email", title: t.members.email, render: (_, invitation) => invitation.email },
            { key: "roles", title: t.members.roles, render: (_, invitation) => <RoleTags roles={invitation.roles} /> },
            {
              key: "expires",
              title: t.members.invitationExpires,
              render: (_, invitation) => <span className="nowrap">{formatDateTime(invitation.expiresAt, locale, timezone)}</span>,
            },
            {
              key: "actions",
              title: t.common.actions,
              align: "right",
              render: (_, invitation) => (
                <Popconfirm
                  title={`${t.common.revoke}: ${invitation.email}?`}
                  okText={t.common.revoke}
                  cancelText={t.common.cancel}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revokeInvitation(invitation)}
                >
                  <Button size="small" type="text" danger aria-label={`${t.common.revoke}: ${invitation.email}`}>
                    {t.common.revoke}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>

      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          pages.reload();
        }}
      />
      <InviteUserModal open={inviting} onClose={() => setInviting(false)} onInvited={() => void loadInvitations()} />
      <EditRolesModal
        member={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          pages.reload();
        }}
      />
    </>
  );
}

interface CreateUserValues {
  email: string;
  name: string;
  password: string;
  roles: MemberRole[];
  locale: "zh-CN" | "en";
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateUserValues>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: CreateUserValues) => {
    setSaving(true);
    try {
      const { createUser } = await gqlFetch(CreateUserDocument, {
        input: { email: values.email.trim(), name: values.name.trim(), password: values.password, roles: values.roles, locale: toApiLocale(values.locale) },
      });
      if (isFailure(createUser)) {
        reportFailure(createUser, { t, notify: message.error, form, fields: ["email", "name", "password", "roles", "locale"] });
        return;
      }
      message.success(fmt(t.members.created, { name: values.name.trim() }));
      form.resetFields();
      onCreated();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={t.members.createTitle}
      open={open}
      onCancel={onClose}
      okText={t.common.create}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t.members.createHelp}</Typography.Paragraph>
      <Form<CreateUserValues> name="createUser" form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ roles: ["MEMBER"], locale }}>
        <Form.Item name="name" label={t.members.name} rules={[{ required: true, whitespace: true, message: t.members.nameRequired }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t.members.email}
          rules={[
            { required: true, message: t.members.emailRequired },
            { type: "email", message: t.login.emailInvalid },
          ]}
        >
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t.members.password}
          rules={[
            { required: true, message: t.acceptInvitation.passwordRequired },
            { min: MIN_PASSWORD_LENGTH, message: fmt(t.members.passwordTooShort, { min: MIN_PASSWORD_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="roles" label={t.members.roles} rules={[{ required: true, type: "array", min: 1, message: t.members.rolesRequired }]}>
          <RoleCheckboxes />
        </Form.Item>
        <Form.Item name="locale" label={t.members.language}>
          <Select
            options={[
              { value: "zh-CN", label: "中文" },
              { value: "en", label: "English" },
            ]}
          />
        </Form.Item>
        <button type="submit" hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

interface InviteValues {
  email: string;
  roles: MemberRole[];
}

function InviteUserModal({ open, onClose, onInvited }: { open: boolean; onClose: () => void; onInvited: () => void }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ email: string; acceptUrl: string } | null>(null);

  const close = () => {
    setResult(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: InviteValues) => {
    setSaving(true);
    try {
      const { inviteUser } = await gqlFetch(InviteUserDocument, { input: { email: values.email.trim(), roles: values.roles } });
      if (isFailure(inviteUser)) {
        reportFailure(inviteUser, { t, notify: message.error, form, fields: ["email", "roles"] });
        return;
      }
      const url = inviteUser.data.acceptUrl;
      setResult({ email: inviteUser.data.invitation.email, acceptUrl: url.startsWith("/") ? `${window.location.origin}${url}` : url });
      onInvited();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={t.members.inviteTitle}
      open={open}
      onCancel={close}
      confirmLoading={saving}
      maskClosable={false}
      forceRender
      footer={
        result
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
                {t.members.invite}
              </Button>,
            ]
      }
    >
      {result ? (
        <>
          <Alert type="success" showIcon title={fmt(t.members.invited, { email: result.email })} style={{ marginBottom: 16 }} />
          <Typography.Paragraph>{fmt(t.members.acceptLinkOnce, { email: result.email })}</Typography.Paragraph>
          <Typography.Text strong>{t.members.acceptLinkLabel}</Typography.Text>
          <Typography.Paragraph
            copyable={{ text: result.acceptUrl, tooltips: [t.common.copy, t.common.copied] }}
            code
            style={{ wordBreak: "break-all", marginTop: 4 }}
            data-testid="accept-url"
          >
            {result.acceptUrl}
          </Typography.Paragraph>
        </>
      ) : null}
      <div hidden={result !== null}>
        <Typography.Paragraph type="secondary">{t.members.inviteHelp}</Typography.Paragraph>
        <Form<InviteValues> name="inviteUser" form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ roles: ["MEMBER"] }}>
          <Form.Item
            name="email"
            label={t.members.email}
            rules={[
              { required: true, message: t.members.emailRequired },
              { type: "email", message: t.login.emailInvalid },
            ]}
          >
            <Input type="email" autoComplete="off" />
          </Form.Item>
          <Form.Item name="roles" label={t.members.roles} rules={[{ required: true, type: "array", min: 1, message: t.members.rolesRequired }]}>
            <RoleCheckboxes />
          </Form.Item>
          <button type="submit" hidden tabIndex={-1} />
        </Form>
      </div>
    </Modal>
  );
}

function EditRolesModal({ member, onClose, onSaved }: { member: MemberRow | null; onClose: () => void; onSaved: () => void }) {
  const { t, fmt } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: MemberRole[] }>();
  const [saving, setSaving] = useState(false);

  const submit = async ({ roles }: { roles: MemberRole[] }) => {
    if (!member) return;
    setSaving(true);
    try {
      const { updateMemberRoles } = await gqlFetch(UpdateMemberRolesDocument, { input: { membershipId: member.id, roles } });
      if (isFailure(updateMemberRoles)) {
        reportFailure(updateMemberRoles, { t, notify: message.error, form, fields: ["roles"] });
        return;
      }
      message.success(t.members.rolesUpdated);
      onSaved();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={member ? fmt(t.members.editRolesTitle, { name: member.user.name }) : ""}
      open={member !== null}
      onCancel={onClose}
      okText={t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {member ? (
        // Keyed by member so each opening starts from that member's current roles.
        <Form key={member.id} name="editRoles" form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ roles: [...member.roles] }}>
          <Form.Item name="roles" label={t.members.roles} rules={[{ required: true, type: "array", min: 1, message: t.members.rolesRequired }]}>
            <RoleCheckboxes />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
