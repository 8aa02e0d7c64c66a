/** /job_statuses endpoints. */
import type { Handler } from '../core';
import { badRequest, json, notFound } from '../reply';
import { jobObject } from '../serialize';
import type { JobRecord } from '../types';
import type { RouteDef } from './route-def';

const show: Handler = (ctx) => {
  const id = ctx.params.id ?? '';
  const job = ctx.core.state.jobs.get(id);
  if (!job || !ctx.core.jobs.visible(job)) return notFound();
  return json(200, { job_status: jobObject(job, ctx.core.base) });
};

const showMany: Handler = (ctx) => {
  const raw = ctx.query.get('ids');
  if (raw === null || raw.trim() === '') return badRequest('Invalid parameter', 'ids must list one or more job status ids');
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length > 100) return badRequest('Invalid parameter', 'at most 100 ids are allowed');
  const found = ids
    .map((id) => ctx.core.state.jobs.get(id))
    .filter((j): j is JobRecord => !!j && ctx.core.jobs.visible(j));
  return json(200, { job_statuses: found.map((j) => jobObject(j, ctx.core.base)) });
};

const list: Handler = (ctx) => {
  const mine = [...ctx.core.state.jobs.values()].filter((j) => j.account === ctx.account && ctx.core.jobs.visible(j)).reverse();
  return json(200, { job_statuses: mine.slice(0, 100).map((j) => jobObject(j, ctx.core.base)), next_page: null, previous_page: null, count: mine.length });
};

export const jobStatusRoutes: RouteDef[] = [
  { method: 'GET', path: '/job_statuses', name: 'GET /job_statuses', handler: list },
  { method: 'GET', path: '/job_statuses/show_many', name: 'GET /job_statuses/show_many', handler: showMany },
  { method: 'GET', path: '/job_statuses/:id', name: 'GET /job_statuses/{id}', handler: show },
];
