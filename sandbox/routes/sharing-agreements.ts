/** /sharing_agreements: ticket sharing with other accounts; only the status of one can change. */
import { isObject, readId, type Handler, type RequestCtx } from '../core';
import { addError, hasErrors } from '../field-errors';
import { badRequest, noContent, notFound, rawJson, recordInvalid, type FieldErrors } from '../reply';
import { isoSeconds } from '../seed';
import type { SharingAgreementRecord, SharingAgreementStatus } from '../types';
import type { RouteDef } from './route-def';

/** A subdomain is a DNS label. */
const SUBDOMAIN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const TYPES = ['inbound', 'outbound'] as const;
/** The statuses a PUT may set; failed, ssl_error and configuration_error are Zendesk's own. */
const SETTABLE: readonly SharingAgreementStatus[] = ['accepted', 'declined', 'pending', 'inactive'];

const agreementBody = (ctx: RequestCtx, a: SharingAgreementRecord) => `{"sharing_agreement":${ctx.core.state.sharingAgreements.toJson(a)}}`;

const pathAgreement = (ctx: RequestCtx) => {
  const id = readId(ctx.params.id);
  return id === null ? undefined : ctx.core.state.sharingAgreements.get(id);
};

/** Not paged, as Zendesk's: every agreement in one answer. */
const list: Handler = (ctx) => {
  const coll = ctx.core.state.sharingAgreements;
  const all = [...coll.map.values()].map((a) => coll.toJson(a));
  return rawJson(200, `{"sharing_agreements":[${all.join(',')}],"next_page":null,"previous_page":null,"count":${all.length}}`);
};

const show: Handler = (ctx) => {
  const a = pathAgreement(ctx);
  return a ? rawJson(200, agreementBody(ctx, a)) : notFound();
};

const create: Handler = (ctx) => {
  const input = isObject(ctx.body) ? ctx.body.sharing_agreement : undefined;
  if (!isObject(input)) return badRequest('Invalid attribute', 'The request body must contain a sharing_agreement object');
  const errors: FieldErrors = {};
  const sub = input.remote_subdomain;
  if (typeof sub !== 'string' || !SUBDOMAIN.test(sub)) addError(errors, 'remote_subdomain', `Remote subdomain: ${JSON.stringify(sub ?? null)} is not a valid subdomain`, 'InvalidValue');
  const type = input.type ?? 'outbound';
  if (!(TYPES as readonly unknown[]).includes(type)) addError(errors, 'type', `Type: ${JSON.stringify(type)} is not valid (expected inbound or outbound)`, 'InvalidValue');
  if (input.name !== undefined && typeof input.name !== 'string') addError(errors, 'name', 'Name: must be text', 'InvalidValue');
  if (hasErrors(errors)) return recordInvalid(errors);
  const s = ctx.core.state;
  const at = isoSeconds(ctx.core.now());
  const subdomain = (sub as string).toLowerCase();
  const agreement: SharingAgreementRecord = {
    id: s.nextSharingAgreementId++,
    name: typeof input.name === 'string' && input.name.trim() ? input.name.trim() : `${subdomain}.zendesk.com`,
    type: type as SharingAgreementRecord['type'],
    // A new agreement waits for the other account to accept it.
    status: 'pending',
    partner_name: null,
    remote_subdomain: subdomain,
    created_at: at,
    updated_at: at,
  };
  s.sharingAgreements.add(agreement);
  return rawJson(201, agreementBody(ctx, agreement), { Location: `${ctx.core.base}/sharing_agreements/${agreement.id}.json` });
};

/** Only `status` is read; other fields are ignored (Zendesk allows only the status to change). */
const update: Handler = (ctx) => {
  const a = pathAgreement(ctx);
  if (!a) return notFound();
  const input = isObject(ctx.body) ? ctx.body.sharing_agreement : undefined;
  if (!isObject(input)) return badRequest('Invalid attribute', 'The request body must contain a sharing_agreement object');
  if ('status' in input) {
    if (!(SETTABLE as readonly unknown[]).includes(input.status)) {
      const errors: FieldErrors = {};
      addError(errors, 'status', `Status: ${JSON.stringify(input.status)} is not valid (expected ${SETTABLE.join(', ')})`, 'InvalidValue');
      return recordInvalid(errors);
    }
    if (a.status !== input.status) {
      a.status = input.status as SharingAgreementStatus;
      a.updated_at = isoSeconds(ctx.core.now());
      ctx.core.state.sharingAgreements.changed(a);
    }
  }
  return rawJson(200, agreementBody(ctx, a));
};

const remove: Handler = (ctx) => {
  const a = pathAgreement(ctx);
  if (!a) return notFound();
  ctx.core.state.sharingAgreements.remove(a.id);
  return noContent();
};

export const sharingAgreementRoutes: RouteDef[] = [
  { method: 'GET', path: '/sharing_agreements', name: 'GET /sharing_agreements', handler: list },
  { method: 'GET', path: '/sharing_agreements/:id', name: 'GET /sharing_agreements/{id}', handler: show },
  { method: 'POST', path: '/sharing_agreements', name: 'POST /sharing_agreements', handler: create },
  { method: 'PUT', path: '/sharing_agreements/:id', name: 'PUT /sharing_agreements/{id}', handler: update },
  { method: 'DELETE', path: '/sharing_agreements/:id', name: 'DELETE /sharing_agreements/{id}', handler: remove },
];
