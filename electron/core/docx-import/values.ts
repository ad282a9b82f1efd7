import type { FieldDef, ColumnDef } from '../../shared/region-template';
import { normalizeDate, normalizeUscc, normalizeYearMonth, toHalfWidth } from '../../shared/validation';
import { isBlankValue, strippedLabel } from './labels';

/**
 * A cell's text as the draft stores the value: the forms print dates in Chinese (2025年3月8日), months as
 * 2019年6月, choices with their names (C.新材料), counts with units; the draft keeps ISO dates, option keys
 * and bare numbers. Text that cannot be read is kept as written, so the check shows what is wrong with it.
 */

type ValueDef = Pick<FieldDef, 'type' | 'options' | 'optionLabels' | 'maxItems' | 'unit' | 'help'>;

/** Paragraph texts with trailing blanks and surrounding empty lines removed, joined by line breaks. */
export function joinLines(paragraphs: string[]): string {
  const lines = paragraphs.flatMap((p) => p.split('\n')).map((line) => line.replace(/[\s\u3000]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  return lines.join('\n');
}

const numberTypes = new Set(['integer', 'money', 'age']);

export interface ConvertedValue {
  value: string;
  /** For a multiselect whose 「其他（…）」 option carries text: the option key and that text. */
  otherText?: { option: string; text: string };
}

/** Which option an item names: its key (C), its label (C.新材料), or the label without its letter (新材料). */
function optionOf(def: ValueDef, item: string): string | null {
  const options = def.options ?? [];
  const bare = strippedLabel(item);
  for (const option of options) {
    if (item === option || strippedLabel(option) === bare) return option;
    const shown = def.optionLabels?.[option];
    if (shown && (strippedLabel(shown) === bare || strippedLabel(shown.replace(/^[A-Za-z]\s*[.、．]?/, '')) === bare)) return option;
  }
  return null;
}

/**
 * Whether a paragraph is (part of) the form's printed list of choices rather than the user's: it names more
 * options than may be chosen, or — when the cell holds other paragraphs with choices — it names at least two
 * and reads as a stretch of the list the template prints in its help (「A.新能源 B.化工 …」).
 */
function isPrintedLegend(def: ValueDef, paragraph: string, found: number, paragraphsWithOptions: number): boolean {
  if (found > (def.maxItems ?? Infinity)) return true;
  if (found < 2 || !def.help || paragraphsWithOptions < 2) return false;
  const bare = strippedLabel(paragraph.replace(/[_＿]+/g, ''));
  return bare !== '' && strippedLabel(def.help).includes(bare);
}

/** The options a paragraph names, with the text written for an option like 「Q.其他（稀土资源综合利用）」. */
function optionsIn(def: ValueDef, paragraph: string): Array<{ option: string; text?: string }> {
  const items = paragraph
    .split(/[；;、,，\n\t]+|\s{2,}|\u3000+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const found: Array<{ option: string; text?: string }> = [];
  for (const item of items) {
    const withText = /^(.+?)[（(](.*)[）)]$/.exec(item);
    const head = withText ? optionOf(def, withText[1].trim()) : null;
    if (head !== null && withText) found.push({ option: head, text: withText[2].trim() || undefined });
    else {
      const option = optionOf(def, item);
      if (option !== null) found.push({ option });
    }
  }
  return found;
}

function convertMultiselect(def: ValueDef, paragraphs: string[]): ConvertedValue {
  const chosen: string[] = [];
  let otherText: ConvertedValue['otherText'];
  const perParagraph = paragraphs.map((paragraph) => ({ paragraph, found: optionsIn(def, paragraph) }));
  const withOptions = perParagraph.filter((p) => p.found.length > 0).length;
  for (const { paragraph, found } of perParagraph) {
    if (isPrintedLegend(def, paragraph, found.length, withOptions)) continue;
    for (const { option, text } of found) {
      if (!chosen.includes(option)) chosen.push(option);
      if (text) otherText = { option, text };
    }
  }
  return { value: chosen.join(','), otherText };
}

export function convertValue(def: ValueDef, paragraphs: string[]): ConvertedValue {
  const text = joinLines(paragraphs);
  if (def.type === 'multiselect') return convertMultiselect(def, paragraphs);
  if (isBlankValue(text)) return { value: '' };
  // A line that ends in a list mark (「、」「，」「；」) was broken there to keep each number whole (several
  // phone numbers in one cell print one to a line): joining it back needs no space.
  const single = text.replace(/([、，,；;])\n+/g, '$1').replace(/\n+/g, ' ').trim();
  switch (def.type) {
    case 'date':
      return { value: normalizeDate(single.replace(/\s+/g, '')) ?? single };
    case 'yearMonth':
      return { value: normalizeYearMonth(single.replace(/\s+/g, '')) ?? single };
    case 'uscc':
      return { value: normalizeUscc(single) };
    case 'idcard':
      return { value: toHalfWidth(single).replace(/\s+/g, '').toUpperCase() };
    case 'industryCode':
    case 'disciplineCode': {
      // 内蒙古's form prints 「代码　3232」 in the code cell.
      const code = toHalfWidth(single).replace(/^代码[:：]?/, '').replace(/\s+/g, '');
      return { value: code };
    }
    case 'select': {
      const option = optionOf(def, single);
      return { value: option ?? single };
    }
    case 'boolean': {
      const bare = toHalfWidth(single).replace(/\s+/g, '');
      if (/^(是|√|✓|☑|■|yes)$/i.test(bare)) return { value: '是' };
      if (/^(否|×|✗|☐|□|no)$/i.test(bare)) return { value: '否' };
      return { value: single };
    }
    case 'text':
      return { value: text.trim() };
    case 'longtext':
      return { value: text };
    default:
      if (numberTypes.has(def.type)) {
        const bare = toHalfWidth(single).replace(/\s+/g, '').replace(/(个|人|家|项|岁|周岁|万元|亿元|元)$/, '');
        return { value: bare };
      }
      return { value: single };
  }
}

export type { ColumnDef };
