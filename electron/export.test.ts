// Export writes where the user chose in the native dialog, never where the renderer's file name points.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const dialogState = vi.hoisted(() => ({ answer: null as string | null, lastDefaultPath: '' as string | undefined }));
vi.mock('electron', () => ({
  dialog: {
    showSaveDialog: async (...args: Array<{ defaultPath?: string }>) => {
      dialogState.lastDefaultPath = args[args.length - 1]?.defaultPath;
      return dialogState.answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: dialogState.answer };
    },
  },
}));

const { createExporter, safeFileName } = await import('./export');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ic-export-'));
  dialogState.answer = null;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const exporter = () => createExporter({ getWindow: () => null, defaultDir: () => '/home/ic/Documents' });

describe('safeFileName', () => {
  it('keeps only a file name, without directories or characters some systems forbid', () => {
    expect(safeFileName('../../.bashrc')).toBe('bashrc');
    expect(safeFileName('C:\\Windows\\evil.bat')).toBe('evil.bat');
    expect(safeFileName('INC-7: timeline?.csv')).toBe('INC-7- timeline-.csv');
    expect(safeFileName('   ')).toBe('export');
  });
});

describe('exporter', () => {
  it('suggests the cleaned name in the documents folder and writes the text to the chosen path', async () => {
    dialogState.answer = path.join(dir, 'timeline.csv');
    const result = await exporter().saveFile({ suggestedName: '../timeline.csv', filters: [], content: 'a,b\n1,2\n', encoding: 'utf8' });
    expect(result).toEqual({ saved: true, path: dialogState.answer });
    expect(dialogState.lastDefaultPath).toBe(path.join('/home/ic/Documents', 'timeline.csv'));
    expect(readFileSync(dialogState.answer, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('decodes base64 content for binary files', async () => {
    dialogState.answer = path.join(dir, 'chart.png');
    await exporter().saveFile({ suggestedName: 'chart.png', filters: [], content: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'), encoding: 'base64' });
    expect([...readFileSync(dialogState.answer)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('writes nothing when the user cancels', async () => {
    const result = await exporter().saveFile({ suggestedName: 'x.txt', filters: [], content: 'x', encoding: 'utf8' });
    expect(result).toEqual({ saved: false });
  });

  it('prints the rendered document to a PDF file the user picked', async () => {
    dialogState.answer = path.join(dir, 'pir.pdf');
    const printToPDF = vi.fn(async () => Buffer.from('%PDF-1.7 fake'));
    const result = await exporter().printToPdf('INC-7 review', { printToPDF } as never);
    expect(dialogState.lastDefaultPath).toBe(path.join('/home/ic/Documents', 'INC-7 review.pdf'));
    expect(result).toEqual({ saved: true, path: dialogState.answer });
    expect(readFileSync(dialogState.answer, 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('does not render the PDF when the user cancels', async () => {
    const printToPDF = vi.fn(async () => Buffer.from(''));
    expect(await exporter().printToPdf('x', { printToPDF } as never)).toEqual({ saved: false });
    expect(printToPDF).not.toHaveBeenCalled();
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});
