import { overflowStart } from './word-limit';

/** Selects what is past the limit in a text box and scrolls it into view. */
export function selectOverflow(element: HTMLTextAreaElement | HTMLInputElement, max: number): boolean {
  const cut = overflowStart(element.value, max);
  if (cut === null) return false;
  element.focus({ preventScroll: true });
  element.setSelectionRange(cut, element.value.length, 'forward');
  if (element instanceof HTMLTextAreaElement) {
    // Browsers scroll to the caret only while typing; put the cut near the top of the box by hand.
    const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 22;
    const charsPerLine = Math.max(10, Math.floor(element.clientWidth / 14));
    const line = element.value.slice(0, cut).split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / charsPerLine)), 0);
    element.scrollTop = Math.max(0, (line - 2) * lineHeight);
  }
  element.scrollIntoView({ block: 'center' });
  return true;
}
