import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { graphql } from "@/gql";
import type { ViewerQuery } from "@/gql/graphql";
import { GqlError, gqlFetch } from "./graphql/server";
import { PATHNAME_HEADER, SESSION_COOKIE } from "./session";

const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      isPlatformAdmin
      roles
      user {
        id
        email
        name
        locale
      }
      organization {
        id
        slug
        kind
        name
        nameZh
        countryCode
        city
        timezone
      }
      memberships {
        id
        roles
        organization {
          id
          name
          nameZh
          kind
        }
      }
    }
  }
`);

export type Viewer = NonNullable<ViewerQuery["viewer"]>;

/** The signed-in viewer, or null. Asked once per request however many components need it. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  // No cookie, no session: spare the API a round trip.
  if (!(await cookies()).has(SESSION_COOKIE)) return null;
  try {
    const { viewer } = await gqlFetch(ViewerDocument);
    return viewer ?? null;
  } catch (error) {
    if (error instanceof GqlError && error.code === "UNAUTHENTICATED") return null;
    throw error;
  }
});

/** The viewer, or a redirect to the login page that comes back here afterwards. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (viewer) return viewer;
  const path = (await headers()).get(PATHNAME_HEADER);
  redirect(path && path !== "/" ? `/login?next=${encodeURIComponent(path)}` : "/login");
}
