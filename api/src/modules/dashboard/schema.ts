import { builder } from "../../schema/builder.js";
import { dashboardFigures, type Figure } from "./figures.js";

const FigureRef = builder.objectRef<Figure>("DashboardFigure").implement({
  description: "One number on the dashboard, for the caller's organization.",
  authScopes: { authenticated: true },
  fields: (t) => ({
    key: t.exposeString("key", { description: "The dashboard card: bookings, inTransit, vehicles, departures, toConsolidate, utilisation, milestones, inbound, …" }),
    value: t.exposeFloat("value"),
    secondary: t.exposeFloat("secondary", {
      nullable: true,
      description: "A second figure the card states: vehicles anchored; FEU still free this week; trains counted in the utilisation.",
    }),
  }),
});

builder.queryFields((t) => ({
  dashboard: t.field({
    type: [FigureRef],
    authScopes: { authenticated: true },
    description: "The figures of the caller's organization's dashboard. Cards whose feature is not built yet have none.",
    resolve: (_r, _a, ctx) => dashboardFigures(ctx),
  }),
}));
