import type { Metadata } from "next";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import type { ReactNode } from "react";
import { PublicShell } from "@/components/verify/PublicShell";
import { VerifyUnavailable } from "@/components/verify/StateViews";
import { type ReportLabels, VehicleReport } from "@/components/verify/VehicleReport";
import type { PublicVerifyVehicleQuery } from "@/gql/graphql";
import { fmt } from "@/i18n";
import { getPublicDictionary } from "@/i18n/public";
import { getPublicLocale } from "@/i18n/public/server";
import { formatDay, isIdentifier, marketName, normalizeIdentifier, parseDay } from "@/lib/verify/format";
import { withLang } from "@/lib/verify/links";
import { VerifyVehicleDocument } from "@/lib/verify/operations";
import { decodeSegment, publicGql, publicUrlOf } from "@/lib/verify/server";

type Params = Promise<{ vin: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const identifierOf = (raw: string) => normalizeIdentifier(decodeSegment(raw));

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const t = getPublicDictionary(await getPublicLocale((await searchParams).lang));
  return { title: { absolute: fmt(t.meta.vehicleTitle, { vin: identifierOf((await params).vin) }) }, description: t.meta.description, robots: { index: false } };
}

/**
 * /verify/<VIN or frame number>: what anyone may check about a vehicle, rendered on the server
 * from the public verifyVehicle query; ?market= and ?on= choose the certifications shown.
 */
export default async function VerifyVehiclePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const query = await searchParams;
  const locale = await getPublicLocale(query.lang);
  const t = getPublicDictionary(locale);
  const identifier = identifierOf((await params).vin);
  const market = first(query.market)?.trim().toUpperCase() || null;
  const on = parseDay(first(query.on));
  const frame = (content: ReactNode) => (
    <PublicShell locale={locale} t={t}>
      {content}
    </PublicShell>
  );

  // No such vehicle: a 404 whose page (./not-found.tsx) says so in the reader's language.
  if (!isIdentifier(identifier)) notFound();

  let data: PublicVerifyVehicleQuery;
  try {
    data = await publicGql(VerifyVehicleDocument, { vin: identifier, market: market && /^[A-Z0-9]{2,16}$/.test(market) ? market : null, on });
  } catch {
    return frame(<VerifyUnavailable retryHref={withLang(`/verify/${encodeURIComponent(identifier)}`, locale, { market, on })} />);
  }
  if (!data.verifyVehicle) notFound();

  const path = `/verify/${encodeURIComponent(identifier)}`;
  const pageUrl = await publicUrlOf(path);
  const qrSvg = await QRCode.toString(pageUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#0c2b33", light: "#ffffff" } });
  const vehicle = data.verifyVehicle;
  const days = new Set([vehicle.on, vehicle.productionDate, ...[...vehicle.certifications, ...vehicle.revocations].flatMap((c) => [c.validFrom, c.validTo])]);
  const byCode = new Map(data.markets.map((m) => [m.code, m]));
  const codes = new Set([
    ...data.markets.map((m) => m.code),
    ...vehicle.certifications.map((c) => c.market),
    ...vehicle.revocations.map((c) => c.market),
    ...(vehicle.market ? [vehicle.market] : []),
  ]);
  const labels: ReportLabels = {
    days: Object.fromEntries([...days].map((d) => [d, formatDay(d, locale)])),
    markets: Object.fromEntries([...codes].map((code) => [code, marketName(byCode.get(code), code, locale)])),
    marketCodes: data.markets.map((m) => m.code),
  };
  return frame(<VehicleReport identifier={identifier} vehicle={vehicle} labels={labels} qrSvg={qrSvg} pageUrl={pageUrl} />);
}
