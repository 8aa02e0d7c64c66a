/** User offboarding: lock the user out, move their tickets, remove their groups, delete them; a report of every step. */
export { offboardUser, type OffboardTarget } from './run';
export { assignedTicketsQuery, moveTicketsRequest, offboardInputProblem, planOffboarding, type OffboardPlan } from './plan';
export { reportCsv, reportJson, summaryText, writeReport } from './report';
export * from './types';
