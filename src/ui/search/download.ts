/** Saves text as a file (the export dialog's blob download: no server involved). */
import { downloadBlob } from '../export/svg';

export function download(name: string, type: string, text: string): void {
  downloadBlob(name, new Blob([text], { type }));
}
