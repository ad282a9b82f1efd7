/**
 * What a validator says about one value. Validators return a list so that one value can carry several
 * problems (wrong length and a bad character), and an empty list means the value is fine.
 */
export type Severity = 'error' | 'warning';

export interface ValueProblem {
  /** 'warning' where the value may be right after all and the user may confirm and keep it. */
  severity: Severity;
  /** Simplified Chinese, shown to the user as is. */
  message: string;
  /** A stable English id such as 'uscc.checkChar', for tests and for remembering confirmations. */
  code: string;
}

export function errorProblem(code: string, message: string): ValueProblem {
  return { severity: 'error', message, code };
}

export function warningProblem(code: string, message: string): ValueProblem {
  return { severity: 'warning', message, code };
}
