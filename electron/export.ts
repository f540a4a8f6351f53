// File export through native save dialogs, and print-to-PDF of the rendered document.
import { dialog, type BrowserWindow, type FileFilter, type SaveDialogOptions, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type SaveResult } from '@shared/ipc/contract';
import { type SaveFileInput } from './ipc';

/** A suggested name is only a name: no directories, no characters that are illegal on some platform. */
export function safeFileName(suggested: string, fallback = 'export'): string {
  const base = suggested.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[<>:"|?*\u0000-\u001f]/g, '-').replace(/^[.\s]+/, '').trim().slice(0, 200);
  return cleaned === '' ? fallback : cleaned;
}

export function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

export interface ExportOptions {
  /** Window the dialog is modal to. */
  getWindow(): BrowserWindow | null;
  /** Default folder for the dialog (the user's documents folder). */
  defaultDir(): string;
}

export interface Exporter {
  saveFile(request: SaveFileInput): Promise<SaveResult>;
  printToPdf(suggestedName: string, contents: WebContents): Promise<SaveResult>;
}

export function createExporter(options: ExportOptions): Exporter {
  const askForPath = async (name: string, filters: FileFilter[]): Promise<string | null> => {
    const win = options.getWindow();
    const dialogOptions: SaveDialogOptions = { defaultPath: path.join(options.defaultDir(), name), filters };
    const result = win ? await dialog.showSaveDialog(win, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
    return result.canceled || !result.filePath ? null : result.filePath;
  };

  return {
    async saveFile(request) {
      const filePath = await askForPath(safeFileName(request.suggestedName), request.filters);
      if (filePath === null) return { saved: false };
      await writeFile(filePath, Buffer.from(request.content, request.encoding));
      return { saved: true, path: filePath };
    },
    async printToPdf(suggestedName, contents) {
      // Ask first: no point rendering a PDF the user then cancels.
      const filePath = await askForPath(withExtension(safeFileName(suggestedName, 'document'), 'pdf'), [
        { name: 'PDF', extensions: ['pdf'] },
      ]);
      if (filePath === null) return { saved: false };
      const pdf = await contents.printToPDF({ printBackground: true, pageSize: 'A4', generateDocumentOutline: true });
      await writeFile(filePath, pdf);
      return { saved: true, path: filePath };
    },
  };
}
