import { z } from 'zod';
import { result } from './define';

/**
 * Calls that depend on the host (window, printer, dialogs, the OS shell). Electron's main process
 * implements them with its APIs; the browser host answers with what a browser can do.
 */
export const hostContract = {
  /** Prints the current print view: Electron's webContents.print (A4, collated copies); the browser host answers 'browser' and the page prints itself. */
  'host.print': {
    input: z.object({ copies: z.number().int().min(1).max(10) }).strict(),
    result: result<{ printed: boolean; fallback?: 'browser' }>(),
  },
  /** Saves the current print view as PDF (Electron's printToPDF) to a file the user picks. */
  'host.savePdf': {
    input: z.object({ suggestedName: z.string().min(1).max(200) }).strict(),
    result: result<{ file: string | null; fallback?: 'browser' }>(),
  },
  /** Asks where to write an export; the browser host cannot ask and answers its fixed export folder. */
  'host.chooseExportFolder': {
    input: z.object({}).strict(),
    result: result<{ dir: string | null }>(),
  },
  /** Opens a folder the app wrote (an export) in the system's file manager. */
  'host.openFolder': {
    input: z.object({ dir: z.string().min(1).max(4000) }).strict(),
    result: result<{ opened: boolean }>(),
  },
} as const;
