/**
 * Resident ID numbers (GB 11643-1999: 17 digits and a digit or X) are personal
 * data and never reach a log line. Anything that looks like one is masked the
 * way public lists show it: `140202********1234`.
 */
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])/g;

export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, '$1********$2');
}
