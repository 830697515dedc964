"use client";

import { Button, Card, Result } from "antd";
import { fmt } from "@/i18n";
import { withLang } from "@/lib/verify/links";
import { usePublicI18n } from "./PublicI18n";
import { VinSearchForm } from "./VinSearchForm";

/** No vehicle answers to this VIN or frame number: say so, and let the person type it again. */
export function VehicleNotFound({ identifier }: { identifier: string }) {
  const { t } = usePublicI18n();
  return (
    <Card variant="borderless" className="verify-card" data-testid="vehicle-not-found">
      <Result status="404" title={t.vehicle.notFoundTitle} subTitle={fmt(t.vehicle.notFoundBody, { vin: identifier })} />
      <div className="verify-narrow">
        <VinSearchForm initial={identifier} />
      </div>
    </Card>
  );
}

/** A document code that names nothing Corridor issued. */
export function DocumentNotFound({ code }: { code: string }) {
  const { locale, t } = usePublicI18n();
  return (
    <Card variant="borderless" className="verify-card" data-testid="document-not-found">
      <Result
        status="404"
        title={t.documentCode.notFoundTitle}
        subTitle={fmt(t.documentCode.notFoundBody, { code })}
        extra={
          <Button type="primary" href={withLang("/verify", locale)}>
            {t.shell.home}
          </Button>
        }
      />
    </Card>
  );
}

/** The API could not be reached or failed: nothing is known, and the page says so. */
export function VerifyUnavailable({ retryHref }: { retryHref: string }) {
  const { t } = usePublicI18n();
  return (
    <Card variant="borderless" className="verify-card" data-testid="verify-unavailable">
      <Result
        status="warning"
        title={t.errors.unavailableTitle}
        subTitle={t.errors.unavailableBody}
        extra={
          <Button type="primary" href={retryHref}>
            {t.errors.retry}
          </Button>
        }
      />
    </Card>
  );
}
