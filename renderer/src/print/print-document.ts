import { api } from '../api/client';

/**
 * Printing (打印): the host prints the window it is asked from, so for the length of a print the page *is* the
 * document — its print view (the same HTML the preview shows) is mounted over the app, printed, and removed.
 * Electron prints it with collated copies (一式三份 → 3); the browser host answers 'browser' and the page
 * opens the browser's own print dialog, where the number of copies is set.
 */

function mountPrintView(html: string, title: string): () => void {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const css = [...parsed.querySelectorAll('style')].map((style) => style.textContent ?? '').join('\n');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  const root = document.createElement('div');
  root.className = 'print-root';
  root.setAttribute('data-testid', 'print-root');
  const style = document.createElement('style');
  style.textContent = css;
  root.appendChild(style);
  root.append(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  const previousTitle = document.title;
  document.title = title;
  document.body.appendChild(root);
  document.body.classList.add('is-printing');
  return () => {
    root.remove();
    document.body.classList.remove('is-printing');
    document.title = previousTitle;
  };
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

export type PrintOutcome = 'printed' | 'cancelled' | 'browser-dialog';

export async function printDocument(html: string, title: string, copies: number): Promise<PrintOutcome> {
  const unmount = mountPrintView(html, title);
  try {
    await document.fonts?.ready;
    await nextFrame();
    const result = await api['host.print']({ copies });
    if (result.fallback === 'browser') {
      window.print();
      return 'browser-dialog';
    }
    return result.printed ? 'printed' : 'cancelled';
  } finally {
    unmount();
  }
}

export type PdfOutcome = { kind: 'saved'; file: string } | { kind: 'cancelled' } | { kind: 'browser-dialog' };

export async function saveDocumentPdf(html: string, title: string): Promise<PdfOutcome> {
  const unmount = mountPrintView(html, title);
  try {
    await document.fonts?.ready;
    await nextFrame();
    const result = await api['host.savePdf']({ suggestedName: title.slice(0, 200) || '申报材料' });
    if (result.fallback === 'browser') {
      window.print();
      return { kind: 'browser-dialog' };
    }
    return result.file ? { kind: 'saved', file: result.file } : { kind: 'cancelled' };
  } finally {
    unmount();
  }
}
