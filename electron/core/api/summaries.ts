import type { CheckReport, CheckSummary } from '../../shared/checks';
import { summarizeReport } from '../../shared/checks';
import type { Draft, DraftSummary } from '../../shared/draft';
import { effectiveTemplate } from '../../shared/region-settings';
import type { RegionTemplate } from '../../shared/region-template';
import { checkDraft } from '../checks/check-draft';
import type { DraftStore } from '../storage/draft-store';
import { storeCheckContext } from './checks';

type Verdict = Pick<DraftSummary, 'completeness' | 'eligible'>;

/**
 * The check figures of each draft, kept one-way: an edit checks the state it wrote (at most once per
 * `minIntervalMs` while the user types) and answers the summary itself; once the edits pause the summary is
 * stored for the home screen (完整度, 是否符合申报条件). Reading the list never writes, and the draft page never has
 * to ask for a whole report to learn its badges. A summary older than the draft's last edit is computed for a
 * reader instead, and only remembered in memory.
 */
export class CheckSummaries {
  private readonly due = new Map<string, ReturnType<typeof setTimeout>>();
  /** The last summary computed per draft (for an edit, a reader or checks.run), never stored by itself. */
  private readonly latest = new Map<string, CheckSummary>();
  /** When each draft was last checked for an edit (ms), to bound the checks of a burst of typing. */
  private readonly lastEditCheck = new Map<string, number>();

  constructor(
    private readonly store: DraftStore,
    private readonly templates: RegionTemplate[],
    private readonly log?: (line: string) => void,
    /** How long edits must pause before the summary is stored: a keystroke must not wait for a disk write. */
    private readonly delayMs = 2000,
    /**
     * The least time between two checks made for edits. A check of a 3 000-row draft takes 20–50 ms; once a
     * second keeps typing smooth, and the page asks `checks.summary` for the last state when the edits pause.
     */
    private readonly minIntervalMs = 1000,
    private readonly now: () => number = Date.now,
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

  /**
   * An edit was written: its summary is stored later (edited), and the state just written is checked now unless
   * the draft was checked for an edit less than `minIntervalMs` ago. Null: not checked this time.
   */
  afterEdit(draftId: string, updatedAt: string): CheckSummary | null {
    this.edited(draftId);
    const at = this.now();
    if (at - (this.lastEditCheck.get(draftId) ?? -Infinity) < this.minIntervalMs) return null;
    this.lastEditCheck.set(draftId, at);
    try {
      const summary = this.compute(draftId);
      return summary && summary.checkedAt === updatedAt ? summary : null;
    } catch (error) {
      // The edit itself is written; a check that fails must not make the save look failed.
      this.log?.(`check after edit of ${draftId} failed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /** The summary of the draft as stored now: the last one computed when it is current, else computed now. */
  summaryOf(draftId: string): CheckSummary | null {
    const known = this.latest.get(draftId);
    if (known && known.checkedAt === this.store.draftUpdatedAt(draftId)) return known;
    return this.compute(draftId);
  }

  /** Stores every summary still due (before the store closes, and in tests). */
  flush(): void {
    const ids = [...this.due.keys()];
    for (const id of ids) clearTimeout(this.due.get(id));
    this.due.clear();
    for (const id of ids) this.refresh(id);
  }

  /** A report computed for a reader (checks.run): kept in memory, so the stored summary needs no second run. */
  noteReport(draft: { id: string; updatedAt: string }, report: CheckReport): void {
    this.latest.set(draft.id, summarizeReport(report, draft.updatedAt));
  }

  /** The list's entry with current figures: the stored summary when it is current, else one computed now. */
  current(summary: DraftSummary): DraftSummary {
    if (summary.completeness !== null) return summary;
    const known = this.latest.get(summary.id);
    if (known && known.checkedAt === summary.updatedAt) return { ...summary, ...verdictOf(known) };
    const computed = this.compute(summary.id);
    return computed ? { ...summary, ...verdictOf(computed) } : summary;
  }

  /** The draft's own template (its region settings applied), as checks.run uses. */
  private templateFor(draft: Draft): RegionTemplate | undefined {
    const template = this.templates.find((candidate) => candidate.id === draft.regionId);
    return template && effectiveTemplate(template, draft.regionSettings);
  }

  private compute(draftId: string): CheckSummary | null {
    const draft = this.store.getDraft(draftId);
    const template = this.templateFor(draft);
    if (!template) return null;
    const summary = summarizeReport(checkDraft(template, draft, storeCheckContext(this.store)), draft.updatedAt);
    this.latest.set(draftId, summary);
    return summary;
  }

  private refresh(draftId: string): void {
    try {
      if (this.store.readOnly) return;
      const summary = this.summaryOf(draftId);
      if (!summary) return;
      // Stamped with the state checked, so any later edit makes the summary stale.
      this.store.setCheckSummary(draftId, { completeness: summary.completeness, eligible: summary.eligible, checkedAt: summary.checkedAt });
    } catch (error) {
      // A draft deleted meanwhile, or a disk that refuses the write: the list computes the figures instead.
      this.log?.(`check summary of ${draftId} not stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function verdictOf(summary: CheckSummary): Verdict {
  return { completeness: summary.completeness, eligible: summary.eligible };
}
