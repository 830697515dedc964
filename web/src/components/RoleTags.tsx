"use client";

import { Checkbox, Tag, Typography } from "antd";
import type { MemberRole } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";

export const ALL_ROLES: MemberRole[] = ["ORG_ADMIN", "MEMBER", "VIEWER"];

export function RoleTags({ roles }: { roles: readonly MemberRole[] }) {
  const { t } = useI18n();
  return (
    <>
      {ALL_ROLES.filter((role) => roles.includes(role)).map((role) => (
        <Tag key={role} color={role === "ORG_ADMIN" ? "geekblue" : role === "MEMBER" ? "cyan" : "default"}>
          {t.roles[role]}
        </Tag>
      ))}
    </>
  );
}

/** Role choice with a line of help for each role. Used inside a Form.Item. */
export function RoleCheckboxes(props: { value?: MemberRole[]; onChange?: (value: MemberRole[]) => void; id?: string }) {
  const { t } = useI18n();
  return (
    <fieldset id={props.id} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <Checkbox.Group
        value={props.value}
        onChange={(value) => props.onChange?.(value as MemberRole[])}
        style={{ display: "flex", flexDirection: "column", gap: 8 }}
        options={ALL_ROLES.map((role) => ({
          value: role,
          label: (
            <span>
              {t.roles[role]}{" "}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                — {t.roleHelp[role]}
              </Typography.Text>
            </span>
          ),
        }))}
      />
    </fieldset>
  );
}
