import { BrowserWindow, dialog, type WebContents } from 'electron';
import { writeFile, rename } from 'node:fs/promises';
import type { HostHandlers } from '../shared/contract';

/**
 * Printing and PDF from the print view the renderer shows: A4, collated copies ("一式三份" prints three).
 */
export function createHostHandlers(getContents: () => WebContents | null): HostHandlers {
  return {
    'host.print': ({ copies }) =>
      new Promise((resolvePrint) => {
        const contents = getContents();
        if (!contents) return resolvePrint({ printed: false });
        contents.print(
          { silent: false, printBackground: true, copies, collate: true, pageSize: 'A4' },
          (success) => resolvePrint({ printed: success }),
        );
      }),
    'host.savePdf': async ({ suggestedName }) => {
      const contents = getContents();
      if (!contents) return { file: null };
      const window = BrowserWindow.fromWebContents(contents);
      const options = { defaultPath: `${suggestedName}.pdf`, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] };
      const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { file: null };
      const pdf = await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
      // Written aside and renamed, so a failure never leaves half a PDF in place of a good one.
      const temporary = `${choice.filePath}.part`;
      await writeFile(temporary, pdf);
      await rename(temporary, choice.filePath);
      return { file: choice.filePath };
    },
  };
}
