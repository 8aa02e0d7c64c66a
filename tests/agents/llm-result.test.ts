import { compactValue, describeErrorForModel, MODEL_RESULT_DEFAULTS, toModelResult } from '../../agents/llm-result';
import { executeModelCall } from '../../agents/model-call';
import type { ToolErrorCode } from '../../lib/errors';
import type { ToolResult } from '../../lib/executor';

const ticket = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  subject: `Ticket ${id}`,
  status: 'open',
  assignee_id: null,
  via: { channel: 'api', source: { from: {}, to: {}, rel: null } },
  tags: [],
  custom_fields: [],
  satisfaction_rating: null,
  ...extra,
});

const page = (count: number, paging: Record<string, unknown> = { after_cursor: null, has_more: false, next_page: null }): ToolResult => ({
  success: true,
  output: { tickets: Array.from({ length: count }, (_, i) => ticket(i + 1)), paging, metadata: { total_returned: count, has_more: Boolean(paging.has_more) } },
});

describe('compactValue', () => {
  it('drops null fields and empty arrays/objects recursively, keeping false, 0 and ""', () => {
    expect(compactValue({ a: null, b: [], c: {}, d: { e: null, f: [] }, g: false, h: 0, i: '', j: [{ k: null }, 1] })).toEqual({ g: false, h: 0, i: '', j: [null, 1] });
    expect(compactValue(null)).toBeUndefined();
  });
});

describe('toModelResult on success', () => {
  it('gives compact JSON without nulls or empty values', () => {
    const result = toModelResult(page(2), { tool: 'zendesk_get_tickets' });
    expect(result.isError).toBe(false);
    expect(result.truncated).toBe(false);
    const data = JSON.parse(result.text);
    expect(data.tickets[0]).toEqual({ id: 1, subject: 'Ticket 1', status: 'open', via: { channel: 'api' } });
    expect(data.paging).toEqual({ has_more: false });
    expect(data.note).toBeUndefined();
    expect(result.text).not.toContain('null');
  });

  it('caps long lists and says what was cut and how to read the rest', () => {
    const result = toModelResult(page(100, { after_cursor: 'CUR', has_more: true, next_page: 'x' }), { tool: 'zendesk_get_tickets', args: { status: 'open' } });
    const data = JSON.parse(result.text);
    expect(data.tickets).toHaveLength(MODEL_RESULT_DEFAULTS.maxListItems);
    expect(result.truncated).toBe(true);
    expect(data.note).toContain('showing 25 of the 100 tickets of this page');
    expect(data.note).toContain('more pages follow');
    expect(data.note).toContain('call again with perPage=25');
    expect(Object.keys(data)[0]).toBe('note');
  });

  it('says how to get the next page when nothing was cut', () => {
    const data = JSON.parse(toModelResult(page(3, { after_cursor: 'CUR', has_more: true, next_page: 'x' }), { tool: 'zendesk_get_tickets' }).text);
    expect(data.note).toBe('more tickets follow: for the next page call again with pageAfter="CUR" (same other params).');
  });

  it('gives the page to ask for on offset-paged lists', () => {
    const result: ToolResult = {
      success: true,
      output: { users: Array.from({ length: 100 }, (_, i) => ({ id: i + 1 })), paging: { has_more: true }, metadata: { total_returned: 100 } },
    };
    const data = JSON.parse(toModelResult(result, { tool: 'zendesk_search_users', args: { query: 'x', page: 3 } }).text);
    expect(data.note).toContain('call again with perPage=25 and page=9');
  });

  it('keeps failed job items when it caps per-item results', () => {
    const results = Array.from({ length: 300 }, (_, index) => ({ index, id: index + 1, success: index !== 250, ...(index === 250 ? { error: 'TicketNotFound' } : {}) }));
    const result = toModelResult({ success: true, output: { job_status: { id: 'j', status: 'completed', results }, job_id: 'j' } }, { tool: 'zendesk_update_tickets_bulk' });
    const data = JSON.parse(result.text);
    expect(data.job_status.results).toHaveLength(25);
    expect(data.job_status.results.some((r: any) => r.error === 'TicketNotFound')).toBe(true);
    expect(data.note).toBe('showing 25 of 300 job_status.results (every failed item is included).');
  });

  it('stays under the size bound by capping lists further, and says so', () => {
    const big = page(25);
    for (const t of (big as any).output.tickets) t.description = 'x'.repeat(3000);
    const result = toModelResult(big, { tool: 'zendesk_get_tickets' });
    expect(result.text.length).toBeLessThanOrEqual(MODEL_RESULT_DEFAULTS.maxChars);
    const data = JSON.parse(result.text);
    expect(data.tickets.length).toBeLessThan(25);
    expect(data.tickets.length).toBeGreaterThan(1);
    expect(data.note).toContain(`showing ${data.tickets.length} of the 25 tickets`);
  });

  it('cuts long texts, visibly, when one item alone is too big', () => {
    const result = toModelResult({ success: true, output: { ticket: ticket(1, { description: 'y'.repeat(50_000) }), ticket_id: 1 } }, { tool: 'zendesk_get_ticket', maxChars: 5000 });
    expect(result.text.length).toBeLessThanOrEqual(5000);
    const data = JSON.parse(result.text);
    expect(data.ticket.description).toMatch(/… \[cut: 48000 more characters\]$/);
    expect(data.note).toContain('1 long text was cut to 2000 characters');
  });

  it('passes the executor warnings on', () => {
    const data = JSON.parse(toModelResult({ ...page(1), warnings: ['Stopped at maxItems=1'] } as ToolResult).text);
    expect(data.warnings).toEqual(['Stopped at maxItems=1']);
  });
});

describe('toModelResult on failure', () => {
  it('names the param to change and its allowed values', async () => {
    const result = await executeModelCall('zendesk_get_tickets', { status: 'opened' }, { subdomain: 'acme', email: 'a@b.c', apiToken: 'tok' });
    const model = toModelResult(result, { tool: 'zendesk_get_tickets' });
    expect(model.isError).toBe(true);
    expect(model.text).toContain('Error [invalid_input] from zendesk_get_tickets');
    expect(model.text).toContain('Param to change: status: it must be one of: new, open, pending, hold, solved, closed.');
    expect(model.text).toContain('nothing was sent to Zendesk');
  });

  it('names every param with a problem, and a param to remove', () => {
    const text = describeErrorForModel(
      { code: 'invalid_input', param: 'perPage', message: 'x', details: { problems: [{ param: 'perPage' }, { param: 'bogus' }] } },
      'zendesk_get_tickets',
    );
    expect(text).toContain('Param to change: perPage: it must be a whole number from 1 to 100.');
    expect(text).toMatch(/Param to remove: bogus \(zendesk_get_tickets takes: [^)]*\bperPage\b[^)]*\)/);
  });

  it('says how long to wait when rate limited', () => {
    const text = describeErrorForModel({ code: 'rate_limited', status: 429, retryAfter: 42, message: 'Zendesk answered 429: no details given. Try again in 42 s.' }, 'zendesk_get_tickets');
    expect(text).toContain('[rate_limited, HTTP 429]');
    expect(text).toContain('retryAfter: 42 s');
    expect(text).toContain('wait 42 seconds');
  });

  it('points at the tools that find ids on a 404', () => {
    const text = describeErrorForModel({ code: 'not_found', status: 404, message: 'Zendesk answered 404: RecordNotFound: Not found' }, 'zendesk_get_ticket');
    expect(text).toMatch(/check the id \(find ids with zendesk_get_tickets/);
  });

  it('tells the model that credential problems are not its to fix', () => {
    const text = describeErrorForModel({ code: 'invalid_input', param: 'email', message: 'Credentials are incomplete' }, 'zendesk_get_ticket');
    expect(text).toContain('misconfigured, which you cannot fix: tell the user');
    expect(text).not.toContain('Param to change');
    expect(text).not.toMatch(/Param to remove|call again/i);
    expect(describeErrorForModel({ code: 'unauthorized', status: 401, message: "Zendesk answered 401: Couldn't authenticate you" })).toContain('Changing arguments will not help');
  });

  it('warns against replaying a write whose outcome is unknown', () => {
    expect(describeErrorForModel({ code: 'unknown_outcome', message: 'lost' }, 'zendesk_create_ticket')).toContain('Do not simply repeat it');
  });

  it('gives one instruction per code, and never "try again" for a write that may have been applied', () => {
    const codes: ToolErrorCode[] = [
      'invalid_input', 'unknown_tool', 'bad_request', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'payload_too_large',
      'validation_failed', 'rate_limited', 'server_error', 'network_error', 'timeout', 'aborted', 'unknown_outcome', 'job_failed',
      'job_timeout', 'unexpected_response',
    ];
    // Codes after which a write may or may not have been applied.
    const uncertain = new Set<ToolErrorCode>(['server_error', 'network_error', 'timeout', 'aborted', 'unknown_outcome', 'unexpected_response']);
    for (const code of codes) {
      for (const tool of ['zendesk_create_ticket', 'zendesk_get_ticket']) {
        const text = describeErrorForModel({ code, message: 'something went wrong' }, tool);
        const advice = text.split('\n').filter((line) => line.startsWith('What to do:'));
        expect({ code, tool, advice: advice.length }).toEqual({ code, tool, advice: 1 });
        // "Tell the user" and "call again" are two different instructions: never both.
        expect({ code, tool, both: /tell the user/i.test(advice[0]) && /call again/i.test(advice[0]) }).toEqual({ code, tool, both: false });
        if (tool === 'zendesk_create_ticket' && uncertain.has(code)) {
          expect({ code, advice: advice[0] }).toEqual({ code, advice: expect.stringMatching(/read the record|check/i) });
          expect({ code, advice: advice[0] }).toEqual({ code, advice: expect.not.stringMatching(/^What to do: (Try again|try again)/) });
        }
      }
    }
  });

  it('adds the bounded outputs of a failed job', () => {
    const results = Array.from({ length: 200 }, (_, index) => ({ index, success: index % 50 !== 0, ...(index % 50 === 0 ? { error: 'Invalid' } : {}) }));
    const model = toModelResult(
      { success: false, error: { code: 'job_failed', message: '4 of 200 items failed' }, output: { job_status: { id: 'j', status: 'completed', results }, job_id: 'j' } },
      { tool: 'zendesk_create_tickets_bulk' },
    );
    expect(model.isError).toBe(true);
    expect(model.text).toContain('fix only the failed items');
    const outputs = JSON.parse(model.text.slice(model.text.indexOf('Outputs: ') + 'Outputs: '.length));
    expect(outputs.job_status.results.filter((r: any) => r.error)).toHaveLength(4);
    expect(outputs.note).toContain('showing 25 of 200 job_status.results');
  });
});
