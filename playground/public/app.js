// The playground page: a reference host for the Zendesk block. The form is built from the block's own
// subBlocks (conditions, required markers, dropdowns, password fields, JSON editors, long text, the
// advanced toggle) and nothing else: if the block's metadata were not enough, it would show here.
// Plain DOM, no framework and no build step: a form, a tree and a table need none.

/** @typedef {{id: string, title: string, type: string, description: string, placeholder?: string, options?: {id: string, label: string, group?: string}[],
 *   password?: boolean, mode?: string, language?: string, condition?: {field: string, value: string[]}, required?: boolean | {field: string, value: string[]},
 *   defaultValue?: string | boolean, param?: string}} Field */

const OPERATION = 'operation';

/** @type {{catalog: any, fields: Map<string, {config: Field, wrapper: HTMLElement, control: any, error: HTMLElement, marker: HTMLElement}>,
 *   operation: string, running: boolean, previewSeq: number, previewTimer: any, run: any}} */
const state = { catalog: null, fields: new Map(), operation: '', running: false, previewSeq: 0, previewTimer: null, run: null };

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** An element with attributes, properties (`text`, `class`, `on*`) and children. */
function el(/** @type {string} */ tag, /** @type {Record<string, any>} */ attrs = {}, /** @type {any[]} */ ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null && child !== false) node.append(child);
  return node;
}

/** Replaces a node's children, leaving out the absent ones (null, undefined, false). */
function show(/** @type {HTMLElement} */ node, /** @type {any[]} */ ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
}

/** Text whose `code` spans (as the docs write them) become <code>. */
function withCode(/** @type {string} */ text) {
  return text.split(/`([^`]*)`/).map((part, i) => (i % 2 ? el('code', { text: part }) : part));
}

async function api(/** @type {string} */ path, /** @type {any} */ body = undefined) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  return fetch(path, init);
}

// ---- the form -------------------------------------------------------------------------------------

const visibleFor = (/** @type {Field} */ field, /** @type {string} */ op) => !field.condition || field.condition.value.includes(op);
const requiredFor = (/** @type {Field} */ field, /** @type {string} */ op) =>
  visibleFor(field, op) && (field.required === true || (typeof field.required === 'object' && field.required.value.includes(op)));

/** @returns {any} a select, input or textarea */
function control(/** @type {Field} */ field, /** @type {string} */ id, /** @type {string | undefined} */ filled) {
  const described = `${id}-hint ${id}-error`;
  const common = { id, name: field.id, 'aria-describedby': described, 'data-field': field.id };
  switch (field.type) {
    case 'dropdown': {
      const select = el('select', common);
      if (field.id === OPERATION) {
        /** @type {Map<string, HTMLElement>} */
        const groups = new Map();
        for (const option of field.options ?? []) {
          const group = option.group ?? 'Operations';
          if (!groups.has(group)) groups.set(group, select.appendChild(el('optgroup', { label: group })));
          groups.get(group)?.append(el('option', { value: option.id, text: `${option.label} (${option.id.replace(/^zendesk_/, '')})` }));
        }
      } else {
        select.append(el('option', { value: '', text: field.placeholder ?? 'Not set' }));
        for (const option of field.options ?? []) select.append(el('option', { value: option.id, text: option.label }));
      }
      return select;
    }
    case 'switch':
      return el('input', { ...common, type: 'checkbox', role: 'switch' });
    case 'long-input':
      return el('textarea', { ...common, rows: 4, placeholder: field.placeholder });
    case 'code':
      return el('textarea', { ...common, rows: 5, class: 'code', spellcheck: 'false', placeholder: field.placeholder, 'data-language': field.language ?? 'json' });
    default:
      return el('input', {
        ...common,
        type: field.password ? 'password' : 'text',
        autocomplete: field.password ? 'off' : undefined,
        placeholder: filled ?? field.placeholder,
      });
  }
}

function buildForm() {
  const { subBlocks } = state.catalog.block;
  const filled = state.catalog.target.filled;
  const container = $('fields');
  const connection = el('details', { class: 'connection' }, el('summary', { text: `Connection: ${state.catalog.target.label}${Object.keys(filled).length ? ' (credentials set on the server)' : ''}` }));
  for (const field of /** @type {Field[]} */ (subBlocks)) {
    const id = `f-${field.id}`;
    const input = control(field, id, filled[field.id]);
    const marker = el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' });
    const label = el('label', { for: id }, field.title, marker, field.mode === 'advanced' ? el('span', { class: 'badge', text: 'advanced' }) : null);
    const error = el('p', { id: `${id}-error`, class: 'field-error', role: 'alert' });
    const hint = el('p', { id: `${id}-hint`, class: 'hint' }, withCode(field.description));
    const wrapper = el('div', { class: `field field-${field.type}`, 'data-field-wrapper': field.id }, field.type === 'switch' ? el('div', { class: 'switch-row' }, input, label) : [label, input], hint, error);
    state.fields.set(field.id, { config: field, wrapper, control: input, error, marker });
    input.addEventListener(field.type === 'dropdown' || field.type === 'switch' ? 'change' : 'input', () => {
      if (field.id === OPERATION) setOperation(input.value, { keepValues: true });
      else {
        clearFieldError(field.id);
        if (field.type === 'code') checkJson(field.id);
        schedulePreview();
      }
    });
    (state.catalog.target.connection.includes(field.id) ? connection : container).append(wrapper);
  }
  if (connection.childElementCount > 1) container.insertBefore(connection, container.children[1] ?? null);
  resetValues();
}

/** Every field back to the value a new block starts with. */
function resetValues() {
  for (const { config, control: input } of state.fields.values()) {
    if (config.id === OPERATION) continue;
    if (config.type === 'switch') input.checked = config.defaultValue === true || config.defaultValue === 'true';
    else input.value = typeof config.defaultValue === 'string' ? config.defaultValue : '';
    clearFieldError(config.id);
  }
}

/** A JSON editor says at once when its text is not JSON (the executor says it too, with the position). */
function checkJson(/** @type {string} */ id) {
  const entry = state.fields.get(id);
  if (!entry) return;
  const text = entry.control.value.trim();
  if (!text) return;
  try {
    JSON.parse(text);
  } catch (error) {
    showFieldError(id, `Not valid JSON yet: ${/** @type {Error} */ (error).message}`);
  }
}

function updateVisibility() {
  const op = state.operation;
  const advanced = /** @type {HTMLInputElement} */ ($('advanced')).checked;
  let hasAdvanced = false;
  for (const { config, wrapper, control: input, marker } of state.fields.values()) {
    const shown = visibleFor(config, op);
    if (shown && config.mode === 'advanced') hasAdvanced = true;
    wrapper.hidden = !shown || (config.mode === 'advanced' && !advanced);
    const required = requiredFor(config, op);
    marker.hidden = !required;
    if (required) input.setAttribute('aria-required', 'true');
    else input.removeAttribute('aria-required');
  }
  $('advanced-toggle').hidden = !hasAdvanced;
}

/** The form's values by field id, as a host hands them to the block. */
function formValues() {
  /** @type {Record<string, string | boolean>} */
  const values = {};
  for (const { config, control: input } of state.fields.values()) values[config.id] = config.type === 'switch' ? input.checked : input.value;
  return values;
}

function fillValues(/** @type {Record<string, any>} */ values) {
  resetValues();
  for (const [id, value] of Object.entries(values)) {
    const entry = state.fields.get(id);
    if (!entry || id === OPERATION) continue;
    if (entry.config.type === 'switch') entry.control.checked = value === true || value === 'true';
    else entry.control.value = typeof value === 'string' ? value : JSON.stringify(value);
    if (entry.config.mode === 'advanced') /** @type {HTMLInputElement} */ ($('advanced')).checked = true;
  }
}

function setOperation(/** @type {string} */ op, { keepValues = false } = {}) {
  const known = state.catalog.docs[op] ? op : state.catalog.block.subBlocks[0].defaultValue;
  state.operation = known;
  const select = state.fields.get(OPERATION)?.control;
  if (select && select.value !== known) select.value = known;
  if (!keepValues) resetValues();
  for (const id of state.fields.keys()) clearFieldError(id);
  updateVisibility();
  renderDocs(state.catalog.docs[known]);
  schedulePreview(0);
}

function clearFieldError(/** @type {string} */ id) {
  const entry = state.fields.get(id);
  if (!entry) return;
  entry.error.textContent = '';
  entry.wrapper.classList.remove('invalid');
  entry.control.removeAttribute('aria-invalid');
}

function showFieldError(/** @type {string} */ id, /** @type {string} */ message) {
  const entry = state.fields.get(id);
  if (!entry) return false;
  entry.error.textContent = message;
  entry.wrapper.classList.add('invalid');
  entry.control.setAttribute('aria-invalid', 'true');
  if (entry.wrapper.hidden && entry.config.mode === 'advanced') {
    /** @type {HTMLInputElement} */ ($('advanced')).checked = true;
    updateVisibility();
  }
  if (entry.wrapper.closest('details')) /** @type {HTMLDetailsElement} */ (entry.wrapper.closest('details')).open = true;
  return true;
}

// ---- the docs -------------------------------------------------------------------------------------

function renderDocs(/** @type {any} */ doc) {
  const body = $('docs-body');
  show(body);
  if (!doc) return;
  /** Output rows (name, depth) as a nested list. */
  const outputs = el('ul', { class: 'outputs' });
  /** @type {HTMLElement[]} */
  const stack = [outputs];
  for (const row of doc.outputs) {
    stack.length = row.depth + 1;
    const parent = stack[row.depth] ?? stack[stack.length - 1];
    const item = el('li', {}, el('code', { text: row.name }), ' ', el('span', { class: 'type', text: row.type }), ' ', el('span', {}, withCode(row.description)));
    parent.append(item);
    const children = el('ul');
    item.append(children);
    stack[row.depth + 1] = children;
  }
  for (const list of outputs.querySelectorAll('ul')) if (!list.childElementCount) list.remove();
  body.append(
    el('p', { class: 'resource', text: doc.resource }),
    el('h2', { id: 'docs-title' }, doc.name, ' ', el('code', { text: doc.id })),
    el('p', {}, withCode(doc.description)),
    el('p', { class: 'note' }, el('em', {}, withCode(doc.note))),
    el('h3', { text: 'Params' }),
    el(
      'table',
      { class: 'params' },
      el('thead', {}, el('tr', {}, el('th', { text: 'Param' }), el('th', { text: 'Required' }), el('th', { text: 'Description' }))),
      el('tbody', {}, doc.params.map((/** @type {any} */ p) => el('tr', {}, el('td', {}, el('code', { text: p.name })), el('td', { text: p.required ? 'yes' : 'no' }), el('td', {}, withCode(p.details))))),
    ),
    el('h3', { text: 'Outputs' }),
    outputs,
  );
}

// ---- the request preview ----------------------------------------------------------------------------

function schedulePreview(delay = 200) {
  clearTimeout(state.previewTimer);
  state.previewTimer = setTimeout(preview, delay);
}

async function preview() {
  const seq = ++state.previewSeq;
  const response = await api('/api/preview', { values: formValues() });
  const answer = await response.json();
  if (seq !== state.previewSeq) return; // a newer preview is on its way
  const body = $('preview-body');
  body.dataset.state = answer.success ? 'ready' : 'invalid';
  if (!answer.success) {
    show(body, el('p', { class: 'preview-error' }, el('strong', { text: 'Nothing would be sent: ' }), answer.error.message));
    return;
  }
  if (!answer.request) {
    show(body, el('p', { class: 'note', text: answer.note }));
    return;
  }
  const { request } = answer;
  const query = Object.entries(request.query);
  show(
    body,
    el('p', { class: 'request-line' }, el('span', { class: `method method-${request.method}`, text: request.method }), ' ', el('code', { id: 'preview-path', text: request.path })),
    answer.note ? el('p', { class: 'note', text: answer.note }) : null,
    query.length
      ? el('table', { class: 'query' }, el('caption', { text: 'Query' }), el('tbody', {}, query.map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, el('code', { text: k })), el('td', {}, el('code', { text: v }))))))
      : null,
    request.body !== undefined ? el('div', {}, el('h3', { text: 'Body' }), el('pre', { class: 'json', id: 'preview-json' }, JSON.stringify(request.body, null, 2))) : null,
    el('details', {}, el('summary', { text: 'Headers' }), el('pre', {}, Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`).join('\n'))),
    el('div', { class: 'curl' }, el('h3', { text: 'curl' }), el('pre', { id: 'preview-curl' }, answer.curl), el('button', { type: 'button', class: 'small', onclick: () => copy(answer.curl) }, 'Copy')),
  );
}

async function copy(/** @type {string} */ text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    /* a page without clipboard access: the text is selectable */
  }
}

// ---- running ------------------------------------------------------------------------------------

async function runForm({ confirm = false } = {}) {
  if (state.running) return;
  state.running = true;
  const button = /** @type {HTMLButtonElement} */ ($('run'));
  button.disabled = true;
  $('result').setAttribute('aria-busy', 'true');
  for (const id of state.fields.keys()) clearFieldError(id);
  schedulePreview(0); // the request shown is the one being sent
  const body = $('result-body');
  show(body, el('p', { class: 'muted', text: `Running ${state.operation}…` }));
  try {
    const response = await api('/api/run', { values: formValues(), confirm });
    if (!(response.headers.get('content-type') ?? '').includes('ndjson')) {
      const answer = await response.json();
      if (response.status === 409 && !confirm) {
        state.running = false;
        if (await askConfirmation(answer.error.message)) return runForm({ confirm: true });
        show(body, el('p', { class: 'muted', text: 'Not run: nothing was sent.' }));
        return;
      }
      show(body, el('div', { class: 'status error', role: 'alert' }, el('strong', { text: answer.error.code }), ` ${answer.error.message}`));
      return;
    }
    const reader = /** @type {ReadableStream} */ (response.body).pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      let end;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
        if (message.type === 'progress') showProgress(message.progress);
        else if (message.type === 'run') {
          showRun(message.run);
          history.pushState({ run: message.run.id }, '', `/runs/${message.run.id}`);
          await loadHistory();
        }
      }
    }
  } catch (error) {
    show(body, el('div', { class: 'status error', role: 'alert', text: `The playground could not run it: ${/** @type {Error} */ (error).message}` }));
  } finally {
    state.running = false;
    button.disabled = false;
    $('result').removeAttribute('aria-busy');
  }
}

function askConfirmation(/** @type {string} */ message) {
  const dialog = /** @type {HTMLDialogElement} */ ($('confirm'));
  $('confirm-text').textContent = message.replace(/ Nothing was sent\.$/, '');
  return new Promise((resolve) => {
    const finish = (/** @type {boolean} */ yes) => {
      $('confirm-run').removeEventListener('click', onRun);
      $('confirm-cancel').removeEventListener('click', onCancel);
      dialog.removeEventListener('close', onCancel);
      if (dialog.open) dialog.close();
      resolve(yes);
    };
    const onRun = () => finish(true);
    const onCancel = () => finish(false);
    $('confirm-run').addEventListener('click', onRun);
    $('confirm-cancel').addEventListener('click', onCancel);
    // Escape, or any other way the dialog closes, is a no.
    dialog.addEventListener('close', onCancel);
    dialog.showModal();
  });
}

function showProgress(/** @type {{done: number, total: number, jobs: number, jobsFinished: number}} */ p) {
  let box = document.getElementById('progress');
  if (!box) {
    box = el('div', { id: 'progress', role: 'status' }, el('progress', { max: 1, value: 0 }), el('span', { class: 'progress-text' }));
    show($('result-body'), box);
  }
  const bar = /** @type {HTMLProgressElement} */ (box.querySelector('progress'));
  bar.max = Math.max(1, p.total);
  bar.value = p.done;
  /** @type {HTMLElement} */ (box.querySelector('.progress-text')).textContent = `${p.done} of ${p.total} items · ${p.jobsFinished} of ${p.jobs} jobs finished`;
  box.dataset.done = String(p.done);
  box.dataset.total = String(p.total);
}

function showRun(/** @type {any} */ run) {
  state.run = run;
  const { result } = run;
  const body = $('result-body');
  const when = new Date(run.createdAt).toLocaleString();
  const head = result.success
    ? el('div', { class: 'status ok', role: 'status' }, el('strong', { text: 'Success' }), ` · ${run.durationMs} ms · ${run.target}`)
    : el(
        'div',
        { class: 'status error', role: 'alert' },
        el('strong', { text: result.error.code }),
        result.error.status ? ` (${result.error.status})` : '',
        ` ${result.error.message}`,
        el('span', { class: 'muted', text: ` · ${run.durationMs} ms · ${run.target}` }),
      );
  let first = '';
  for (const [id, message] of Object.entries(run.fieldErrors ?? {})) if (showFieldError(id, /** @type {string} */ (message)) && !first) first = id;
  const output = result.output;
  // A job's progress bar stays, at its end, above the result.
  const progress = document.getElementById('progress');
  show(
    body,
    progress,
    head,
    el('p', { class: 'permalink' }, el('a', { href: `/runs/${run.id}`, id: 'permalink' }, `Run #${run.id}`), el('span', { class: 'muted', text: ` · ${run.operation} · ${when}` })),
    result.warnings?.length ? el('ul', { class: 'warnings' }, result.warnings.map((/** @type {string} */ w) => el('li', { text: w }))) : null,
    run.next
      ? el('button', { type: 'button', id: 'next-page', onclick: () => nextPage(run.next) }, 'Next page')
      : null,
    output ? tables(output) : null,
    el('div', { class: 'tree', id: 'output-tree' }, tree(output !== undefined ? output : result.error, output !== undefined ? 'output' : 'error', 0)),
  );
  if (first) state.fields.get(first)?.control.focus();
}

function nextPage(/** @type {{field: string, value: string}} */ next) {
  const entry = state.fields.get(next.field);
  if (!entry) return;
  entry.control.value = next.value;
  schedulePreview(0);
  return runForm();
}

// ---- results: a collapsible tree, and tables of per-item results ------------------------------------

const isPlain = (/** @type {any} */ v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const scalar = (/** @type {any} */ v) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Lists of flat records in the output (per-item job results, a bulk triage's per-ticket report) as tables. */
function tables(/** @type {any} */ output) {
  /** @type {[string, any[]][]} */
  const found = [];
  const look = (/** @type {any} */ value, /** @type {string} */ path, /** @type {number} */ depth) => {
    if (Array.isArray(value)) {
      if (value.length && value.every((item) => isPlain(item) && Object.values(item).every(scalar))) found.push([path, value]);
      return;
    }
    if (isPlain(value) && depth < 2) for (const [key, child] of Object.entries(value)) look(child, path ? `${path}.${key}` : key, depth + 1);
  };
  look(output, '', 0);
  return found.map(([path, rows]) => {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].slice(0, 10);
    const cell = (/** @type {any} */ v) => el('td', { text: v === undefined || v === null ? '' : String(v) });
    const table = el(
      'table',
      { class: 'items', 'data-path': path },
      el('caption', { text: `${path} (${rows.length})` }),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', text: c })))),
      el('tbody', {}, rows.slice(0, 1000).map((row) => el('tr', {}, columns.map((c) => cell(row[c]))))),
    );
    return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `${path}, one row per item` }, table);
  });
}

/** A JSON value as nested <details>: keyboard-operable, opened two levels deep, deeper levels built when opened. */
function tree(/** @type {any} */ value, /** @type {string} */ key, /** @type {number} */ depth) {
  if (!isPlain(value) && !Array.isArray(value)) {
    return el('div', { class: 'leaf' }, el('span', { class: 'key', text: `${key}: ` }), el('span', { class: `v v-${value === null ? 'null' : typeof value}`, text: JSON.stringify(value) ?? 'undefined' }));
  }
  const entries = Object.entries(value);
  const size = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  const node = /** @type {HTMLDetailsElement} */ (el('details', { class: 'branch', 'data-key': key }, el('summary', {}, el('span', { class: 'key', text: key }), ' ', el('span', { class: 'muted', text: size }))));
  let built = false;
  const build = () => {
    if (built) return;
    built = true;
    node.append(el('div', { class: 'children' }, entries.map(([k, v]) => tree(v, k, depth + 1))));
  };
  node.addEventListener('toggle', build);
  if (depth < 2 && entries.length <= 50) {
    node.open = true;
    build();
  }
  return node;
}

// ---- history and permalinks -------------------------------------------------------------------------

async function loadHistory() {
  const runs = await (await api('/api/runs')).json();
  $('no-runs').hidden = runs.length > 0;
  show(
    $('runs'),
    ...runs.map((/** @type {any} */ run) =>
      el(
        'li',
        { class: state.run?.id === run.id ? 'current' : undefined, 'data-run': run.id },
        el('a', { href: `/runs/${run.id}`, onclick: (/** @type {MouseEvent} */ e) => openLink(e, run.id) }, `#${run.id} ${run.operation.replace(/^zendesk_/, '')}`),
        el('span', { class: `badge ${run.status === 'success' ? 'ok' : 'error'}`, text: run.status }),
        el('span', { class: 'muted', text: `${run.durationMs} ms · ${run.target}` }),
        el('button', { type: 'button', class: 'small', 'aria-label': `Re-run #${run.id}`, onclick: () => rerun(run.id) }, 'Re-run'),
      ),
    ),
  );
}

function openLink(/** @type {MouseEvent} */ event, /** @type {number} */ id) {
  if (event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  history.pushState({ run: id }, '', `/runs/${id}`);
  openRun(id);
}

async function fetchRun(/** @type {number} */ id) {
  const response = await api(`/api/runs/${id}`);
  if (!response.ok) {
    show($('result-body'), el('div', { class: 'status error', role: 'alert', text: (await response.json()).error.message }));
    return null;
  }
  const run = await response.json();
  setOperation(run.operation);
  fillValues(run.values);
  updateVisibility();
  schedulePreview(0);
  return run;
}

/** A permalink: the form as it was, and the result. */
async function openRun(/** @type {number} */ id) {
  const run = await fetchRun(id);
  if (run) showRun(run);
  await loadHistory();
}

async function rerun(/** @type {number} */ id) {
  if (await fetchRun(id)) await runForm();
}

function route() {
  const match = /^\/runs\/(\d+)$/.exec(location.pathname);
  if (match) return openRun(Number(match[1]));
  setOperation(new URLSearchParams(location.search).get('operation') ?? '');
  return loadHistory();
}

async function main() {
  state.catalog = await (await api('/api/catalog')).json();
  const { target } = state.catalog;
  $('target').textContent = target.sandbox ? `${target.label}: the embedded sandbox` : `${target.label}: a real account (writes ask first)`;
  $('target').className = `target ${target.sandbox ? 'sandbox' : 'real'}`;
  buildForm();
  $('advanced').addEventListener('change', updateVisibility);
  $('block').addEventListener('submit', (event) => {
    event.preventDefault();
    runForm();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runForm();
    }
  });
  window.addEventListener('popstate', route);
  await route();
  document.body.dataset.ready = 'true';
}

main();
