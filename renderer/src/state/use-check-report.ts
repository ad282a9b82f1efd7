import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckReport } from '../../../electron/shared/checks';
import { api } from '../api/client';
import { saveQueue } from './save-queue';

/**
 * The draft's full check report (检查: every finding and rule), asked for only while a screen that lists it is
 * shown, and again when the check summary says the draft has changed since. Edits never ask for it: their
 * badges come from the summary the saves answer with (use-draft).
 */
export function useCheckReport(draftId: string, shown: boolean, checkedAt: string | null) {
  const [report, setReport] = useState<CheckReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const sequence = useRef(0);

  const run = useCallback(async () => {
    const mine = ++sequence.current;
    setLoading(true);
    try {
      // Checks read what is stored, so what is on screen is written first.
      await saveQueue.flush();
      const next = await api['checks.run']({ draftId });
      if (mine === sequence.current) {
        setReport(next);
        setError(null);
      }
    } catch (caught) {
      if (mine === sequence.current) setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      if (mine === sequence.current) setLoading(false);
    }
  }, [draftId]);

  useEffect(() => {
    if (shown) void run();
  }, [shown, checkedAt, run]);

  const refresh = useCallback(() => void run(), [run]);
  // One object per change of its contents, so the screens it is passed to can skip a keystroke's render.
  return useMemo(() => ({ report, error, loading, run, refresh }), [report, error, loading, run, refresh]);
}
