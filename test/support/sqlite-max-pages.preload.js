// Loaded with `node --require` (NODE_OPTIONS) into a built API process by the
// storage-full e2e test when the machine will not mount a small tmpfs (no
// root): every SQLite connection that turns WAL on is also capped at
// LEDGER_TEST_SQLITE_MAX_PAGES pages, so a growing database fails with
// SQLITE_FULL exactly as it does on a full disk. Never loaded in production.
'use strict';
const Database = require('better-sqlite3');

const pages = Number(process.env.LEDGER_TEST_SQLITE_MAX_PAGES);
if (!Number.isSafeInteger(pages) || pages < 1) {
  throw new Error('LEDGER_TEST_SQLITE_MAX_PAGES must be a positive integer');
}
const pragma = Database.prototype.pragma;
Database.prototype.pragma = function cappedPragma(source, options) {
  const result = pragma.call(this, source, options);
  if (/^\s*journal_mode\s*=\s*wal\s*$/i.test(source))
    pragma.call(this, `max_page_count = ${pages}`);
  return result;
};
