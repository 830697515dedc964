"use client";

import { LockOutlined, MailOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { graphql } from "@/gql";
import type { OrgKind } from "@/gql/graphql";
import { useI18n } from "@/i18n/client";
import { gqlFetch } from "@/lib/graphql/client";
import { applyFieldErrors, failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";

const LoginMutation = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on LoginSuccess {
        data {
          viewer {
            user {
              id
            }
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

interface LoginValues {
  email: string;
  password: string;
}

const DEMO_PASSWORD = "corridor-demo";
/** Seeded by seeds/src/demo.ts; shown only when CORRIDOR_DEMO=1 (or outside production). */
const DEMO_ACCOUNTS: ReadonlyArray<{ kind: OrgKind; email: string }> = [
  { kind: "MANUFACTURER", email: "maker@yadea.demo" },
  { kind: "LOGISTICS_OPERATOR", email: "ops@minsheng.demo" },
  { kind: "DEALER", email: "dealer@vientiane.demo" },
  { kind: "ALLIANCE", email: "secretariat@alliance.demo" },
  { kind: "CERTIFICATION_BODY", email: "cert@cqc.demo" },
  { kind: "PLATFORM", email: "admin@corridor.demo" },
];

export function LoginForm({ next, showDemo, signedOut }: { next: string; showDemo: boolean; signedOut: boolean }) {
  const { t, fmt } = useI18n();
  const router = useRouter();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (values: LoginValues) => {
    setError(null);
    setSubmitting(true);
    try {
      const { login } = await gqlFetch(LoginMutation, { input: { email: values.email.trim(), password: values.password } });
      if (isFailure(login)) {
        if (login.code === "UNAUTHENTICATED") setError(t.login.invalidCredentials);
        else if (login.__typename === "ValidationError") {
          const rest = applyFieldErrors(form, login.fieldErrors, ["email", "password"]);
          if (rest.length > 0) setError(rest.join(" "));
        } else setError(failureMessage(t, login));
        setSubmitting(false);
        return;
      }
      router.replace(next);
      router.refresh();
    } catch (caught) {
      setError(thrownMessage(t, caught));
      setSubmitting(false);
    }
  };

  return (
    <>
      {signedOut && !error ? <Alert type="success" showIcon title={t.login.sessionEnded} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
      {/* method="post": a submit before the page is interactive must not put the password in the URL. */}
      <Form<LoginValues> name="login" method="post" form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting}>
        <Form.Item
          name="email"
          label={t.login.email}
          rules={[
            { required: true, message: t.login.emailRequired },
            { type: "email", message: t.login.emailInvalid },
          ]}
        >
          <Input prefix={<MailOutlined aria-hidden />} type="email" autoComplete="username" placeholder={t.login.emailPlaceholder} size="large" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t.login.password} rules={[{ required: true, message: t.login.passwordRequired }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {t.login.submit}
        </Button>
      </Form>
      {showDemo ? (
        <div className="demo-hint">
          <Typography.Text strong>{t.login.demoTitle}</Typography.Text>
          <ul>
            {DEMO_ACCOUNTS.map((account) => (
              <li key={account.email}>
                <span>{t.orgKinds[account.kind]}</span>
                <button type="button" title={t.login.demoUse} onClick={() => form.setFieldsValue({ email: account.email, password: DEMO_PASSWORD })}>
                  {account.email}
                </button>
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary">{fmt(t.login.demoHint, { password: DEMO_PASSWORD })}</Typography.Text>
        </div>
      ) : null}
    </>
  );
}
