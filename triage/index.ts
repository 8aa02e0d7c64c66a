/** Bulk ticket triage: search export → update_many jobs → a per-ticket report. */
export { triageTickets, type TriageTarget, EXPORT_PAGE_SIZE, UPDATE_CHUNK_SIZE } from './run';
export { applyChanges, chooseMarker, defaultMarker, MARKER_PREFIX, DEFAULT_MAX_TICKETS, needsChange, normalizeChanges, ticketQuery, updateManyRequest } from './plan';
export { csvField, reportCsv, reportJson, summaryText, table, writeReport } from './report';
export * from './types';
