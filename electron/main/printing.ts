import { BrowserWindow, dialog, shell, type WebContents } from 'electron';
import { writeFile, rename } from 'node:fs/promises';
import { sep } from 'node:path';
import type { HostHandlers } from '../shared/contract';

/**
 * Host calls: printing and PDF from the print view the renderer shows (A4, collated copies: "一式三份"
 * prints three), and the folder dialogs for exports.
 */
export function createHostHandlers(getContents: () => WebContents | null): HostHandlers {
  const exportedDirs = new Set<string>();
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
    'host.chooseExportFolder': async () => {
      const contents = getContents();
      const window = contents ? BrowserWindow.fromWebContents(contents) : null;
      const options = { title: '选择导出位置', properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'> };
      const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const dir = choice.canceled ? null : (choice.filePaths[0] ?? null);
      if (dir) exportedDirs.add(dir);
      return { dir };
    },
    // Only folders the user chose for an export (or inside one) are opened: never a path the page made up.
    'host.openFolder': async ({ dir }) => {
      const allowed = [...exportedDirs].some((root) => dir === root || dir.startsWith(`${root}${sep}`));
      if (!allowed) return { opened: false };
      return { opened: (await shell.openPath(dir)) === '' };
    },
  };
}
