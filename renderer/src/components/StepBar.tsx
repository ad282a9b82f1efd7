import type { KeyboardEvent } from 'react';
import type { StepId } from '../../../electron/shared/region-template';
import { stepLabels, stepOrder } from '../steps/steps';

/**
 * The walk's step bar: every step can be jumped to, the current one is marked, and a step with errors shows
 * how many. Arrow keys move between steps (the bar is one tab stop), Enter or Space opens one.
 */
export function StepBar(props: {
  current: StepId;
  /** Values that are wrong, per step. */
  errors: Map<StepId, number>;
  /** Required values still empty, per step. */
  missing: Map<StepId, number>;
  onChange: (step: StepId) => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = stepOrder.indexOf(props.current);
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    const next = stepOrder[(index + delta + stepOrder.length) % stepOrder.length];
    props.onChange(next);
    requestAnimationFrame(() => document.getElementById(`step-tab-${next}`)?.focus());
  };
  return (
    <div className="step-bar" role="tablist" aria-label="填报步骤" onKeyDown={onKeyDown}>
      {stepOrder.map((step, index) => {
        const current = step === props.current;
        const errors = props.errors.get(step) ?? 0;
        const missing = props.missing.get(step) ?? 0;
        const note = [errors > 0 ? `${errors} 处填写有误` : '', missing > 0 ? `${missing} 项必填未填` : ''].filter(Boolean).join('，');
        return (
          <button
            key={step}
            id={`step-tab-${step}`}
            type="button"
            role="tab"
            aria-selected={current}
            tabIndex={current ? 0 : -1}
            className={`step-tab${current ? ' is-current' : ''}`}
            data-step={step}
            title={note ? `${stepLabels[step]}：${note}` : stepLabels[step]}
            onClick={() => props.onChange(step)}
          >
            <span className={`step-tab-number${errors > 0 ? ' has-errors' : ''}`}>{index + 1}</span>
            <span className="step-tab-label">{stepLabels[step]}</span>
            {errors > 0 && <span className="step-tab-errors">{errors > 99 ? '99+' : errors}</span>}
            {missing > 0 && <span className="step-tab-missing">{missing > 99 ? '99+' : missing}</span>}
          </button>
        );
      })}
    </div>
  );
}
