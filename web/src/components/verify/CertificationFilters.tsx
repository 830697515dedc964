"use client";

import { Button, Input, Select } from "antd";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { parseDay } from "@/lib/verify/format";
import { withLang } from "@/lib/verify/links";
import { usePublicI18n } from "./PublicI18n";

/** Market and day for which certifications are shown; applied through the address (?market=&on=). */
export function CertificationFilters({ path, markets, market, on }: { path: string; markets: readonly { value: string; label: string }[]; market: string | null; on: string }) {
  const { locale, t } = usePublicI18n();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [chosenMarket, setChosenMarket] = useState(market ?? "");
  const [day, setDay] = useState(on);
  const dayValid = parseDay(day) !== null;
  const marketId = useId();
  const dayId = useId();

  const apply = () => {
    if (!dayValid) return;
    startTransition(() => router.push(withLang(path, locale, { market: chosenMarket || null, on: day }), { scroll: false }));
  };

  return (
    <form
      className="verify-filters"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <div className="verify-filter">
        <label htmlFor={marketId}>{t.vehicle.market}</label>
        <Select
          id={marketId}
          value={chosenMarket}
          onChange={setChosenMarket}
          showSearch={{ optionFilterProp: "label" }}
          popupMatchSelectWidth={false}
          options={[{ value: "", label: t.vehicle.allMarkets }, ...markets]}
          style={{ minWidth: 200 }}
        />
      </div>
      <div className="verify-filter">
        <label htmlFor={dayId}>{t.vehicle.validOn}</label>
        <Input id={dayId} type="date" value={day} onChange={(event) => setDay(event.target.value)} status={dayValid ? undefined : "error"} style={{ minWidth: 160 }} />
      </div>
      <div className="verify-filter verify-filter-action">
        <Button htmlType="submit" type="primary" ghost loading={pending} disabled={!dayValid}>
          {t.vehicle.apply}
        </Button>
      </div>
    </form>
  );
}
