"use client";

import { Alert, Button, Form, Input, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { graphql } from "@/gql";
import { useI18n } from "@/i18n/client";
import { gqlFetch } from "@/lib/graphql/client";
import { applyFieldErrors, failureMessage, isFailure, thrownMessage } from "@/lib/graphql/results";
import { MIN_PASSWORD_LENGTH } from "@/lib/passwords";

const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      __typename
      ... on AcceptInvitationSuccess {
        data {
          viewer {
            organization {
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

interface Values {
  name: string;
  password: string;
  confirm: string;
}

export function AcceptInvitationForm({ token }: { token: string | null }) {
  const { t, fmt } = useI18n();
  const router = useRouter();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (!token) {
    return <Alert type="warning" showIcon title={t.acceptInvitation.missingToken} />;
  }

  const onFinish = async (values: Values) => {
    setError(null);
    setSubmitting(true);
    try {
      const { acceptInvitation } = await gqlFetch(AcceptInvitationMutation, {
        input: { token, name: values.name.trim(), password: values.password },
      });
      if (isFailure(acceptInvitation)) {
        setSubmitting(false);
        if (acceptInvitation.__typename === "ValidationError") {
          const rest = applyFieldErrors(form, acceptInvitation.fieldErrors, ["name", "password"]);
          // A bad token is the token field's problem, which has no input here.
          if (rest.length > 0) setError(t.acceptInvitation.invalidToken);
        } else if (acceptInvitation.code === "NOT_FOUND" || acceptInvitation.code === "CONFLICT") {
          setError(t.acceptInvitation.invalidToken);
        } else setError(failureMessage(t, acceptInvitation));
        return;
      }
      router.replace("/");
      router.refresh();
    } catch (caught) {
      setError(thrownMessage(t, caught));
      setSubmitting(false);
    }
  };

  return (
    <>
      {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
      <Form<Values> name="acceptInvitation" method="post" form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={submitting}>
        <Form.Item name="name" label={t.acceptInvitation.name} rules={[{ required: true, whitespace: true, message: t.acceptInvitation.nameRequired }]}>
          <Input autoComplete="name" size="large" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t.acceptInvitation.password}
          rules={[
            { required: true, message: t.acceptInvitation.passwordRequired },
            { min: MIN_PASSWORD_LENGTH, message: fmt(t.acceptInvitation.passwordTooShort, { min: MIN_PASSWORD_LENGTH }) },
          ]}
          hasFeedback
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t.acceptInvitation.confirmPassword}
          dependencies={["password"]}
          hasFeedback
          rules={[
            { required: true, message: t.acceptInvitation.passwordRequired },
            ({ getFieldValue }) => ({
              validator: (_rule, value: string | undefined) =>
                !value || getFieldValue("password") === value ? Promise.resolve() : Promise.reject(new Error(t.acceptInvitation.passwordsDiffer)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
          {t.acceptInvitation.submit}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, textAlign: "center" }}>
        {t.acceptInvitation.haveAccount} <Link href="/login">{t.acceptInvitation.signIn}</Link>
      </Typography.Paragraph>
    </>
  );
}
