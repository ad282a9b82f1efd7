import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckReport } from '../../../electron/shared/checks';
import type { Draft } from '../../../electron/shared/draft';
import { api } from '../api/client';
import { saveQueue } from './save-queue';

/**
 * The draft's check report (检查), re-run a moment after editing pauses so the step bar's counts and the
 * 检查 step stay current; the core also keeps the result for the home screen's completeness column.
 */
export function useCheckReport(draftId: string, draft: Draft | null, delayMs = 1200) {
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
    if (!draft) return;
    const timer = setTimeout(() => void run(), delayMs);
    return () => clearTimeout(timer);
  }, [draft, run, delayMs]);

  const refresh = useCallback(() => void run(), [run]);
  // One object per change of its contents, so the screens it is passed to can skip a keystroke's render.
  return useMemo(() => ({ report, error, loading, run, refresh }), [report, error, loading, run, refresh]);
}
