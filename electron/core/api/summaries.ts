import type { Draft, DraftSummary } from '../../shared/draft';
import { effectiveTemplate } from '../../shared/region-settings';
import type { RegionTemplate } from '../../shared/region-template';
import { checkDraft } from '../checks/check-draft';
import type { DraftStore } from '../storage/draft-store';
import { storeCheckContext } from './checks';

type Verdict = Pick<DraftSummary, 'completeness' | 'eligible'>;

/**
 * The home screen's figures for each draft (完整度, 是否符合申报条件), kept one-way: an edit schedules its
 * draft's check, which runs once the edits pause and stores the summary; reading the list never writes.
 * A summary older than the draft's last edit is computed for the list instead, and only remembered in memory.
 */
export class CheckSummaries {
  private readonly due = new Map<string, ReturnType<typeof setTimeout>>();
  /** Computed for the list (never stored), by draft and the edit they describe. */
  private readonly computed = new Map<string, { updatedAt: string; verdict: Verdict }>();

  constructor(
    private readonly store: DraftStore,
    private readonly templates: RegionTemplate[],
    private readonly log?: (line: string) => void,
    /**
     * How long edits must pause before the draft is checked: a keystroke must not wait for the rules. Longer
     * than the page's own wait before `checks.run` (1.2 s), whose report is then stored without a second run.
     */
    private readonly delayMs = 2000,
  ) {}

  /** A draft was changed: its summary is recomputed and stored once editing pauses. */
  edited(draftId: string): void {
    if (this.store.readOnly) return;
    clearTimeout(this.due.get(draftId));
    const timer = setTimeout(() => {
      this.due.delete(draftId);
      this.refresh(draftId);
    }, this.delayMs);
    // A pending summary never keeps a closing host alive; close() stores what is due.
    timer.unref?.();
    this.due.set(draftId, timer);
  }

  /** Stores every summary still due (before the store closes, and in tests). */
  flush(): void {
    const ids = [...this.due.keys()];
    for (const id of ids) clearTimeout(this.due.get(id));
    this.due.clear();
    for (const id of ids) this.refresh(id);
  }

  /** A report computed for a reader (checks.run): kept in memory, so the stored summary needs no second run. */
  noteReport(draft: { id: string; updatedAt: string }, verdict: Verdict): void {
    this.computed.set(draft.id, { updatedAt: draft.updatedAt, verdict });
  }

  /** The list's entry with current figures: the stored summary when it is current, else one computed now. */
  current(summary: DraftSummary): DraftSummary {
    if (summary.completeness !== null) return summary;
    const known = this.computed.get(summary.id);
    if (known && known.updatedAt === summary.updatedAt) return { ...summary, ...known.verdict };
    const verdict = this.verdict(summary.id);
    if (!verdict) return summary;
    this.computed.set(summary.id, { updatedAt: summary.updatedAt, verdict });
    return { ...summary, ...verdict };
  }

  /** The draft's own template (its region settings applied), as checks.run uses. */
  private templateFor(draft: Draft): RegionTemplate | undefined {
    const template = this.templates.find((candidate) => candidate.id === draft.regionId);
    return template && effectiveTemplate(template, draft.regionSettings);
  }

  private verdict(draftId: string): Verdict | null {
    const draft = this.store.getDraft(draftId);
    const template = this.templateFor(draft);
    if (!template) return null;
    const report = checkDraft(template, draft, storeCheckContext(this.store));
    return { completeness: report.completeness, eligible: report.eligible };
  }

  private refresh(draftId: string): void {
    try {
      if (this.store.readOnly) return;
      const stamp = this.store.draftUpdatedAt(draftId);
      const known = this.computed.get(draftId);
      let verdict: Verdict | null;
      let checkedAt: string;
      if (known && known.updatedAt === stamp) {
        ({ verdict, updatedAt: checkedAt } = known);
      } else {
        const draft = this.store.getDraft(draftId);
        const template = this.templateFor(draft);
        if (!template) return;
        const report = checkDraft(template, draft, storeCheckContext(this.store));
        verdict = { completeness: report.completeness, eligible: report.eligible };
        checkedAt = draft.updatedAt;
      }
      if (verdict.completeness === null || verdict.eligible === null) return;
      // Stamped with the state checked, so any later edit makes the summary stale.
      this.store.setCheckSummary(draftId, { completeness: verdict.completeness, eligible: verdict.eligible, checkedAt });
      this.computed.delete(draftId);
    } catch (error) {
      // A draft deleted meanwhile, or a disk that refuses the write: the list computes the figures instead.
      this.log?.(`check summary of ${draftId} not stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
