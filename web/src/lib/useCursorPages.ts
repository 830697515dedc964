"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface CursorPage<T> {
  rows: T[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
}

/**
 * Page-by-page browsing of a Relay connection. Cursors only go forward, so the cursors of the
 * pages already seen are kept to go back. Changing `resetKey` (a search) starts again at page 1.
 */
export function useCursorPages<T>(load: (args: { first: number; after: string | null }) => Promise<CursorPage<T>>, pageSize: number, resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({ key: resetKey, cursors: [null] });
  if (state.key !== resetKey) setState({ key: resetKey, cursors: [null] });
  const cursors = state.key === resetKey ? state.cursors : [null];
  const setCursors = useCallback((update: (current: (string | null)[]) => (string | null)[]) => setState((s) => ({ ...s, cursors: update(s.cursors) })), []);
  const [page, setPage] = useState<CursorPage<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  const pageIndex = cursors.length - 1;
  const after = cursors[pageIndex] ?? null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey (a new search) and reloads (after a change) are triggers, not inputs
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    setError(null);
    loadRef
      .current({ first: pageSize, after })
      .then((result) => {
        if (cancelled) return;
        // A removal can leave the last page empty: step back instead of showing nothing.
        if (result.rows.length === 0 && pageIndex > 0) {
          setCursors((current) => current.slice(0, -1));
          return;
        }
        setPage(result);
        setLoading(false);
      })
      .catch((caught: unknown) => {
        if (cancelled) return;
        setError(caught);
        setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [resetKey, after, pageIndex, pageSize, reloads, setCursors]);

  const next = useCallback(() => {
    if (page?.hasNextPage && page.endCursor) setCursors((current) => [...current, page.endCursor ?? null]);
  }, [page, setCursors]);
  const previous = useCallback(() => setCursors((current) => (current.length > 1 ? current.slice(0, -1) : current)), [setCursors]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const totalCount = page?.totalCount ?? 0;
  return {
    rows: page?.rows ?? [],
    totalCount,
    pageIndex,
    pageCount: Math.max(1, Math.ceil(totalCount / pageSize)),
    hasNextPage: page?.hasNextPage ?? false,
    loading,
    error,
    next,
    previous,
    reload,
  };
}
