import { readRoster, RosterResult } from './roster';

/**
 * Parses the uploaded roster in the browser: no ID number leaves the machine
 * before every row has passed its check digit. The parsers load on demand.
 */
export async function readRosterFile(file: File): Promise<RosterResult> {
  if (/\.xlsx$/i.test(file.name)) {
    const { readSheet } = await import('read-excel-file/browser');
    // An 18-digit ID typed as a number has lost its last digits: it fails its check, as it should.
    return readRoster(await readSheet(file));
  }
  const { default: Papa } = await import('papaparse');
  const text = await file.text();
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  return readRoster(parsed.data);
}
