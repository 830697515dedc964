"use client";

import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  CarOutlined,
  CheckCircleOutlined,
  ClusterOutlined,
  CodeSandboxOutlined,
  DatabaseOutlined,
  DownOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  FlagOutlined,
  GlobalOutlined,
  InboxOutlined,
  InteractionOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SendOutlined,
  SwapOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { App, Avatar, Button, Dropdown, Layout, Menu, type MenuProps, Tag, Tooltip, Typography } from "antd";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useMemo, useState } from "react";
import { graphql } from "@/gql";
import type { MemberRole } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { orgDisplayName } from "@/lib/format";
import { gqlFetch } from "@/lib/graphql/client";
import { failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { activeLink, allLinks, DASHBOARD, type NavLabel, navigationFor } from "@/lib/navigation";
import type { Viewer } from "@/lib/viewer";
import { BRAND } from "@/theme";
import { LanguageSwitch } from "./LanguageSwitch";
import { LogoMark } from "./Logo";

const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

const SwitchOrganizationMutation = graphql(`
  mutation SwitchOrganization($input: SwitchOrganizationInput!) {
    switchOrganization(input: $input) {
      __typename
      ... on DomainError {
        code
        message
      }
    }
  }
`);

const ICONS: Record<NavLabel, ReactNode> = {
  dashboard: <AppstoreOutlined />,
  freightBooking: <ScheduleOutlined />,
  shipments: <SendOutlined />,
  vehicles: <CarOutlined />,
  catalog: <CodeSandboxOutlined />,
  compliance: <SafetyCertificateOutlined />,
  documents: <FileTextOutlined />,
  departures: <ScheduleOutlined />,
  consolidation: <InboxOutlined />,
  milestones: <FlagOutlined />,
  corridorNetwork: <NodeIndexOutlined />,
  inboundShipments: <InboxOutlined />,
  verifyVehicle: <CheckCircleOutlined />,
  campaigns: <GlobalOutlined />,
  sharedCompliance: <FileProtectOutlined />,
  allianceMembers: <ClusterOutlined />,
  certifications: <SafetyCertificateOutlined />,
  custody: <InteractionOutlined />,
  organizations: <BankOutlined />,
  users: <UserOutlined />,
  auditLog: <AuditOutlined />,
  referenceData: <DatabaseOutlined />,
  members: <TeamOutlined />,
  apiKeys: <KeyOutlined />,
  groupWork: null,
  groupSettings: null,
  groupPlatform: null,
};

const ROLE_ORDER: MemberRole[] = ["ORG_ADMIN", "MEMBER", "VIEWER"];

export function AppShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const { t, fmt, locale } = useI18n();
  const { message } = App.useApp();
  const router = useRouter();
  const pathname = usePathname();
  // Collapsed to icons below the lg breakpoint (tablets) until the person toggles it.
  const [collapsed, setCollapsed] = useState(false);
  const [toggledByUser, setToggledByUser] = useState(false);

  const groups = useMemo(() => navigationFor(viewer), [viewer]);
  const selected = activeLink(allLinks(viewer), pathname);

  const menuItems: MenuProps["items"] = [
    { key: DASHBOARD.href, icon: ICONS.dashboard, label: <Link href={DASHBOARD.href}>{t.nav.dashboard}</Link> },
    ...groups.map((group) => ({
      type: "group" as const,
      key: group.label,
      label: collapsed ? null : t.nav[group.label],
      children: group.links.map((link) => ({
        key: link.href,
        icon: ICONS[link.label],
        label: <Link href={link.href}>{t.nav[link.label]}</Link>,
      })),
    })),
  ];

  const org = viewer.organization;
  const orgName = orgDisplayName(org, locale);
  const topRole = ROLE_ORDER.find((role) => viewer.roles.includes(role));
  const userName = viewer.user?.name ?? org.name;

  const logout = async () => {
    try {
      await gqlFetch(LogoutMutation);
      router.replace("/login?signedOut=1");
      router.refresh();
    } catch (caught) {
      message.error(thrownMessage(t, caught) || t.shell.logoutFailed);
    }
  };

  const switchTo = async (organizationId: string, name: string) => {
    try {
      const { switchOrganization } = await gqlFetch(SwitchOrganizationMutation, { input: { organizationId } });
      if (isFailure(switchOrganization)) {
        message.error(failureMessage(t, switchOrganization));
        return;
      }
      message.success(fmt(t.shell.organizationSwitched, { org: name }));
      router.push("/");
      router.refresh();
    } catch (caught) {
      message.error(thrownMessage(t, caught));
    }
  };

  const otherMemberships = viewer.memberships.filter((m) => m.organization.id !== org.id);
  const userMenu: MenuProps["items"] = [
    {
      key: "who",
      disabled: true,
      label: <span style={{ color: "rgba(0,0,0,0.65)" }}>{fmt(t.shell.signedInAs, { email: viewer.user?.email ?? "" })}</span>,
    },
    { type: "divider" },
    ...(otherMemberships.length > 0
      ? [
          {
            key: "switch",
            icon: <SwapOutlined />,
            label: t.shell.switchOrganization,
            children: otherMemberships.map((m) => {
              const name = orgDisplayName(m.organization, locale);
              return { key: `org:${m.organization.id}`, label: name, onClick: () => void switchTo(m.organization.id, name) };
            }),
          },
          { type: "divider" as const },
        ]
      : []),
    { key: "logout", icon: <LogoutOutlined />, label: t.shell.logout, onClick: () => void logout(), danger: true },
  ];

  const toggle = () => {
    setToggledByUser(true);
    setCollapsed(!collapsed);
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <a className="skip-link" href="#main">
        {t.shell.skipToContent}
      </a>
      <Layout.Sider
        width={232}
        collapsedWidth={64}
        collapsible
        collapsed={collapsed}
        breakpoint="lg"
        onBreakpoint={(broken) => {
          if (!toggledByUser) setCollapsed(broken);
        }}
        trigger={null}
        style={{ position: "sticky", top: 0, height: "100vh", overflow: "auto" }}
      >
        <Link href="/" className="shell-brand" aria-label={t.common.appName}>
          <LogoMark size={30} />
          {collapsed ? null : <span className="shell-brand-name">{t.common.appName}</span>}
        </Link>
        <nav aria-label={t.shell.mainNavigation}>
          <Menu
            theme="dark"
            mode="inline"
            inlineCollapsed={collapsed}
            selectedKeys={selected ? [selected.href] : []}
            items={menuItems}
            onClick={({ key, domEvent }) => {
              // Mouse clicks follow the <Link>; Enter on a focused item needs a push.
              if (domEvent.type === "keydown") router.push(String(key));
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="shell-header">
          <Tooltip title={collapsed ? t.shell.expandMenu : t.shell.collapseMenu}>
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={toggle}
              aria-label={collapsed ? t.shell.expandMenu : t.shell.collapseMenu}
              aria-expanded={!collapsed}
            />
          </Tooltip>
          <div className="shell-org">
            <Typography.Text strong ellipsis className="shell-org-name" data-testid="org-name">
              {orgName}
            </Typography.Text>
            <Tag color={BRAND.primary} className="hide-below-md" style={{ marginInlineEnd: 0 }}>
              {t.orgKinds[org.kind]}
            </Tag>
          </div>
          <div className="shell-actions">
            {viewer.isPlatformAdmin ? (
              <Tag color="gold" className="hide-below-lg">
                {t.shell.platformAdmin}
              </Tag>
            ) : null}
            {topRole ? (
              <Tag className="hide-below-md" data-testid="viewer-role">
                {t.roles[topRole]}
              </Tag>
            ) : null}
            <LanguageSwitch />
            <Dropdown menu={{ items: userMenu }} trigger={["click"]} placement="bottomRight" autoFocus>
              <Button type="text" aria-label={fmt(t.shell.userMenu, { name: userName })} className="shell-user">
                <Avatar size="small" style={{ backgroundColor: BRAND.primary }} icon={<UserOutlined />} />
                <span className="hide-below-lg">{userName}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </Button>
            </Dropdown>
          </div>
        </Layout.Header>
        <Layout.Content>
          <main id="main" tabIndex={-1} className="shell-main">
            {children}
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
