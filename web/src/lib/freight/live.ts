"use client";

import { useEffect, useRef, useState } from "react";
import type { TypedDocumentString } from "@/lib/graphql/core";

export type LiveStatus = "connecting" | "live" | "offline";

/** Waits between reconnection attempts: 1 s, 2 s, 4 s … up to 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}

/** The same-origin URL of a GraphQL subscription over server-sent events (GraphQL Yoga, "distinct connections" mode). */
export function subscriptionUrl<TVariables>(document: TypedDocumentString<unknown, TVariables>, variables: TVariables): string {
  const params = new URLSearchParams({ query: document.toString(), variables: JSON.stringify(variables) });
  return `/graphql?${params.toString()}`;
}

/**
 * Subscribes to a GraphQL subscription through the same-origin `/graphql` proxy (the session
 * cookie travels with it) and calls `onEvent` with each result. Reconnects with back-off when the
 * stream drops or the server ends it; the status says whether the page is live.
 */
export function useLiveUpdates<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables | null,
  onEvent: (data: TResult) => void,
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = variables === null ? null : JSON.stringify(variables);

  useEffect(() => {
    if (key === null || typeof EventSource === "undefined") {
      setStatus("offline");
      return;
    }
    const url = subscriptionUrl(document, JSON.parse(key) as TVariables);
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let stopped = false;

    const retry = () => {
      source?.close();
      source = null;
      if (stopped || timer) return;
      setStatus("offline");
      timer = setTimeout(() => {
        timer = null;
        connect();
      }, reconnectDelay(attempt++));
    };
    function connect() {
      if (stopped) return;
      setStatus("connecting");
      const es = new EventSource(url, { withCredentials: true });
      source = es;
      es.onopen = () => {
        attempt = 0;
        setStatus("live");
      };
      es.addEventListener("next", (event) => {
        try {
          const body = JSON.parse((event as MessageEvent<string>).data) as { data?: TResult | null; errors?: unknown[] };
          if (body.data) handler.current(body.data);
          else if (body.errors?.length) retry();
        } catch {
          // a malformed event is skipped; the next one may be fine
        }
      });
      // The server ended the subscription (it restarted, or refused it): open it again later.
      es.addEventListener("complete", retry);
      es.onerror = retry;
    }
    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [document, key]);

  return status;
}
