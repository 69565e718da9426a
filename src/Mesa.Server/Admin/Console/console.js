'use strict';
// The MESA server console: a small client of /admin/api. The session cookie is HttpOnly; the CSRF token
// comes from /admin/api/session and goes in a header on every state-changing request.
const state = { csrf: null, header: 'X-CSRF-Token', page: 'users', stream: null };
const $ = (selector, root = document) => root.querySelector(selector);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers[state.header] = state.csrf;
  // Paths under /admin/ outside the console API (the server-info routes) are taken as they are.
  const url = path.startsWith('/admin/') ? path : '/admin/api' + path;
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (response.status === 401 && path !== '/sign-in') { showSignIn(); throw new Error('Signed out'); }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(json?.detail || json?.title || `HTTP ${response.status}`);
  return json;
}

function say(text, isError = false) {
  const message = $('#message');
  message.textContent = text;
  message.className = isError ? 'error' : '';
}

async function act(label, action) {
  try {
    await action();
    say(label);
    await render();
  } catch (error) {
    say(error.message, true);
  }
}

const when = iso => iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '';

function table(columns, rows) {
  return el('table', {},
    el('thead', {}, el('tr', {}, columns.map(c => el('th', {}, c[0])))),
    el('tbody', {}, rows.map(row => el('tr', { 'data-id': row.id ?? row.value }, columns.map(c => el('td', {}, c[1](row)))))));
}

function pager(result, go) {
  const pages = Math.max(1, Math.ceil(result.total / result.page_size));
  return el('div', { class: 'toolbar' },
    el('button', { disabled: result.page <= 1 ? '' : null, onclick: () => go(result.page - 1) }, 'Previous'),
    `Page ${result.page} of ${pages} (${result.total})`,
    el('button', { disabled: result.page >= pages ? '' : null, onclick: () => go(result.page + 1) }, 'Next'));
}

// Per-user overrides of the server's defaults; an empty box means the default.
const overrides = [['Retention (min)', 'retention_minutes'], ['Jobs/day', 'quota_jobs_per_day'], ['Upload bytes/job', 'quota_upload_bytes'], ['Storage bytes', 'quota_storage_bytes']];

const pages = {
  async users(page = 1) {
    const search = state.search ?? '';
    const result = await api('GET', `/users?page=${page}&page_size=50&q=${encodeURIComponent(search)}`);
    const searchBox = el('input', { id: 'user-search', placeholder: 'Search email or name', value: search });
    const form = el('form', { class: 'toolbar', onsubmit: e => { e.preventDefault(); state.search = searchBox.value; pages.users(1).then(show); } }, searchBox, el('button', { type: 'submit' }, 'Search'));
    const email = el('input', { id: 'new-user-email', placeholder: 'email', type: 'email' });
    const name = el('input', { id: 'new-user-name', placeholder: 'name' });
    const create = el('form', { class: 'toolbar', onsubmit: e => { e.preventDefault(); act('User created; token mailed', () => api('POST', '/users', { email: email.value, name: name.value })); } },
      'New user:', email, name, el('button', { type: 'submit' }, 'Create and mail token'));
    const rows = table([
      ['Email', u => u.email], ['Name', u => u.name], ['Created', u => when(u.created_at)],
      ['Tokens revoked', u => when(u.tokens_revoked_at)], ['Open mailed tokens', u => String(u.open_email_tokens)],
      ['Priority', u => el('input', { type: 'number', value: u.priority, size: 4, class: 'priority', onchange: e => act('Priority saved', () => api('PATCH', `/users/${u.id}`, { priority: Number(e.target.value) })) })],
      ...overrides.map(([label, field]) => [label, u => el('input', { type: 'number', value: u[field] ?? '', placeholder: 'default', size: 8, class: field,
        onchange: e => act(`${label} saved`, () => api('PATCH', `/users/${u.id}`, e.target.value ? { [field]: Number(e.target.value) } : { clear: [field] })) })]),
      ['', u => [
        el('button', { class: 'revoke', onclick: () => act(`Tokens of ${u.email} revoked`, () => api('POST', `/users/${u.id}/revoke-tokens`)) }, 'Revoke tokens'),
        el('button', { class: 'rotate', onclick: () => act(`Token of ${u.email} rotated and mailed`, () => api('POST', `/users/${u.id}/rotate-token`)) }, 'Rotate')]],
    ], result.items);
    return [form, create, rows, pager(result, n => pages.users(n).then(show))];
  },

  async blacklist() {
    const entries = await api('GET', '/blacklist');
    const kind = el('select', { id: 'blacklist-kind' }, el('option', { value: 'domain' }, 'domain'), el('option', { value: 'email' }, 'email'));
    const value = el('input', { id: 'blacklist-value', placeholder: 'example.org or name@example.org' });
    const reason = el('input', { id: 'blacklist-reason', placeholder: 'reason' });
    const add = el('form', { class: 'toolbar', onsubmit: e => { e.preventDefault(); act(`${value.value} blacklisted`, () => api('POST', '/blacklist', { kind: kind.value, value: value.value, reason: reason.value })); } },
      kind, value, reason, el('button', { type: 'submit' }, 'Blacklist'));
    return [add, table([
      ['Kind', e => e.kind], ['Value', e => e.value], ['Reason', e => e.reason ?? ''], ['Since', e => when(e.created_at)],
      ['', e => el('button', { onclick: () => act(`${e.value} removed`, () => api('POST', '/blacklist/remove', { kind: e.kind, value: e.value })) }, 'Remove')],
    ], entries)];
  },

  async queue(page = 1) {
    const result = await api('GET', `/queue?page=${page}&page_size=50`);
    return [el('p', {}, 'Running jobs, then queued jobs in dispatch order.'), jobTable(result.items), pager(result, n => pages.queue(n).then(show))];
  },

  async jobs(page = 1) {
    const filter = state.jobState ?? '';
    const result = await api('GET', `/jobs?page=${page}&page_size=50${filter ? '&state=' + filter : ''}`);
    const select = el('select', { id: 'job-state', onchange: e => { state.jobState = e.target.value; pages.jobs(1).then(show); } },
      ['', 'awaiting_upload', 'queued', 'running', 'finished', 'failed', 'cancelled'].map(s => el('option', { value: s, selected: s === filter ? '' : null }, s || 'all states')));
    return [el('div', { class: 'toolbar' }, 'State:', select), jobTable(result.items), pager(result, n => pages.jobs(n).then(show))];
  },

  async job(id) {
    const detail = await api('GET', `/jobs/${id}`);
    const job = detail.job;
    const status = el('p', { id: 'job-status' }, `${job.state} ${job.stage ?? ''} ${job.progress_percent}%`);
    const log = el('pre', { class: 'log', id: 'job-log' });
    const timings = table([['Stage', t => t.stage], ['Seconds', t => t.seconds.toFixed(3)]], detail.stage_timings);
    timings.id = 'stage-timings';
    follow(id, log, status, timings);
    return [el('h2', {}, `Job ${job.id}`), el('p', {}, `Owner ${job.user_id}, priority ${job.priority}, created ${when(job.created_at)}, runs ${detail.runs}`),
      status, jobActions(job), el('h3', {}, 'Stage timings'), timings, el('h3', {}, 'Log (live)'), log];
  },

  async audit(page = 1) {
    const filter = state.audit ?? {};
    const query = new URLSearchParams({ page, page_size: 50 });
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    const result = await api('GET', `/audit?${query}`);
    const inputs = ['actor_kind', 'actor', 'action', 'target'].map(name => el('input', { name, placeholder: name, value: filter[name] ?? '' }));
    const form = el('form', { class: 'toolbar', onsubmit: e => { e.preventDefault(); state.audit = Object.fromEntries(inputs.map(i => [i.name, i.value])); pages.audit(1).then(show); } },
      inputs, el('button', { type: 'submit' }, 'Filter'));
    return [form, table([['At', a => when(a.at)], ['Actor', a => `${a.actor_kind}: ${a.actor}`], ['Action', a => a.action], ['Target', a => a.target ?? ''], ['Detail', a => a.detail ?? '']], result.items),
      pager(result, n => pages.audit(n).then(show))];
  },

  async activity() {
    const data = await api('GET', '/activity?hours=24');
    const from = Date.parse(data.from), to = Date.parse(data.to);
    const queue = data.queue_length.map(s => [Date.parse(s.at), s.queued]);
    const runs = data.ended.filter(e => e.seconds !== null && e.state !== 'cancelled').map(e => [Date.parse(e.at), e.seconds, e.state]);
    const failures = data.hours.map(h => [Date.parse(h.start), h.failed]);
    const failed = failures.reduce((sum, [, n]) => sum + n, 0);
    return [el('p', {}, `The last 24 hours, to ${when(data.to)} (UTC).`),
      el('h3', {}, `Queue length (now ${queue.at(-1)?.[1] ?? 0})`), chart('chart-queue', from, to, queue, 'line'),
      el('h3', {}, `Job run times, seconds (${runs.length} jobs)`), chart('chart-durations', from, to, runs, 'dots'),
      el('h3', {}, `Failed jobs per hour (${failed} in all)`), chart('chart-failures', from, to, failures, 'bars')];
  },

  async server() {
    const facts = await api('GET', '/server');
    const rows = Object.entries(facts).map(([key, value]) => [el('dt', {}, key), el('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))]);
    // A plain link: the download carries the session cookie like any page request, and the file arrives as an attachment.
    const profile = el('a', { id: 'export-profile', href: '/admin/profile', download: 'mesa-server-profile.json' }, 'Export server profile');
    const probe = el('button', { id: 'probe-now', onclick: () => act('Environment probed', () => api('POST', '/admin/server-info/probe')) }, 'Probe now');
    const info = await api('GET', '/admin/server-info');
    return [el('div', { class: 'toolbar' }, profile, probe), el('h2', {}, 'Environment probe'), serverInfo(info),
      el('h2', {}, 'Live'), el('dl', { class: 'facts', id: 'server-facts' }, rows)];
  },

  // The cluster view: the seed in force, every peer's last status and age; import a seed, roll back, disable a peer.
  async peers() {
    const view = await api('GET', '/admin/peers');
    const seed = view.seed;
    const facts = [['This server\'s root', view.root_fingerprint],
      ['Seed', seed ? `${seed.seed_id}, version ${seed.version}, created ${when(seed.created)}, signed by key ${seed.signer_key_id}` : 'none imported: this server exchanges status with no peer'],
      ...(seed ? [['Imported', when(seed.imported_at)], ['In force since', when(seed.activated_at)]] : []),
      ['Gossip', `every ${view.settings.interval_seconds} s; unreachable after ${view.settings.timeout_seconds} s, stale after ${view.settings.stale_seconds} s`],
      ['Routing suggestion', view.settings.routing_enabled ? `on, above ${view.settings.routing_queue_threshold} queued jobs` : 'off']];
    const text = el('textarea', { id: 'seed-json', rows: 6, cols: 80, placeholder: 'Paste a seed file written by mesa-cloud peers seed create' });
    const importForm = el('form', { class: 'toolbar', onsubmit: e => { e.preventDefault(); act('Seed imported', async () => {
      let seedFile;
      try { seedFile = JSON.parse(text.value); } catch { throw new Error('The seed is not JSON.'); }
      await api('POST', '/admin/peers/seed', seedFile);
    }); } }, text, el('button', { type: 'submit', id: 'import-seed' }, 'Import seed'));
    const age = p => p.age_seconds === null ? 'never' : `${p.age_seconds.toFixed(1)} s ago`;
    const peers = table([
      ['Peer', p => p.label], ['URL', p => p.base_url], ['State', p => el('span', { class: `peer-state ${p.state}` }, p.state)], ['Last status', age],
      ['Health', p => p.health ?? ''], ['Version', p => p.version ?? ''], ['Queued', p => p.queue_length ?? ''], ['Running', p => p.running_jobs ?? ''],
      ['Capacity', p => p.capacity ? `${p.capacity.cores} cores, ${size(p.capacity.memory_bytes)}, ${p.capacity.gpu_count} GPU ${p.capacity.gpu_type ?? ''}` : ''],
      ['Root', p => p.root_fingerprint.slice(0, 16)], ['Last error', p => p.last_error ?? ''],
      ['', p => el('button', { class: p.disabled ? 'enable' : 'disable', onclick: () => act(`Peer ${p.label} ${p.disabled ? 'enabled' : 'disabled'}`,
        () => api('POST', `/admin/peers/${p.root_fingerprint}/${p.disabled ? 'enable' : 'disable'}`)) }, p.disabled ? 'Enable' : 'Disable')],
    ], view.peers.map(p => ({ ...p, id: p.root_fingerprint })));
    peers.id = 'peer-table';
    const seeds = table([['Version', s => String(s.version)], ['Seed', s => s.seed_id], ['Created', s => when(s.created)], ['Imported', s => when(s.imported_at)],
      ['', s => s.current ? 'in force' : el('button', { class: 'activate', onclick: () => act(`Seed version ${s.version} in force`, () => api('POST', `/admin/peers/seed/${s.version}/activate`)) }, 'Roll back to this')]],
      view.seeds.map(s => ({ ...s, id: s.version })));
    seeds.id = 'seed-history';
    return [el('dl', { class: 'facts', id: 'peer-facts' }, facts.map(([key, value]) => [el('dt', {}, key), el('dd', {}, value)])),
      el('h2', {}, 'Peers'), peers, el('h2', {}, 'Import a seed'), importForm, el('h2', {}, 'Seeds imported'), seeds];
  },

  async settings() {
    const settings = await api('GET', '/settings');
    const retention = el('input', { id: 'setting-retention', type: 'number', value: settings.retention_minutes });
    const upload = el('input', { id: 'setting-upload', type: 'number', value: settings.max_upload_bytes });
    const minFree = el('input', { id: 'setting-min-free-disk', type: 'number', value: settings.min_free_disk_bytes });
    return [el('form', { class: 'toolbar', onsubmit: e => { e.preventDefault(); act('Settings saved', () => api('PUT', '/settings', { retention_minutes: Number(retention.value), max_upload_bytes: Number(upload.value), min_free_disk_bytes: Number(minFree.value) })); } },
      el('label', {}, 'Default retention (minutes) ', retention), el('label', {}, 'Max upload (bytes) ', upload),
      el('label', {}, 'Min free disk (bytes) ', minFree), el('button', { type: 'submit' }, 'Save'))];
  },
};

// A small SVG plot over [from, to]: a step line, dots (red for failed jobs) or hourly bars, with the y-axis maximum written.
function chart(id, from, to, points, kind) {
  const ns = 'http://www.w3.org/2000/svg', width = 720, height = 140, pad = 28;
  const svg = document.createElementNS(ns, 'svg');
  const attrs = (node, values) => { for (const [k, v] of Object.entries(values)) node.setAttribute(k, v); return node; };
  const add = (tag, values) => svg.appendChild(attrs(document.createElementNS(ns, tag), values));
  attrs(svg, { id, class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const top = Math.max(1, ...points.map(p => p[1]));
  const x = t => pad + (t - from) / Math.max(1, to - from) * (width - 2 * pad);
  const y = v => height - pad + 6 - v / top * (height - 2 * pad);
  add('line', { x1: pad, y1: y(0), x2: width - pad, y2: y(0), class: 'axis' });
  add('text', { x: 2, y: y(top) + 4, class: 'label' }).textContent = String(Math.round(top * 10) / 10);
  add('text', { x: 2, y: y(0) + 4, class: 'label' }).textContent = '0';
  add('text', { x: pad, y: height - 4, class: 'label' }).textContent = when(new Date(from).toISOString()).slice(11, 16);
  add('text', { x: width - pad - 30, y: height - 4, class: 'label' }).textContent = when(new Date(to).toISOString()).slice(11, 16);
  if (kind === 'line' && points.length)
    add('polyline', { class: 'series', points: points.map(([t, v], i) => `${x(t)},${y(i ? points[i - 1][1] : v)} ${x(t)},${y(v)}`).join(' ') });
  for (const [t, v, state] of kind === 'dots' ? points : []) add('circle', { cx: x(t), cy: y(v), r: 3, class: state === 'failed' ? 'failed' : 'series-dot' });
  for (const [t, v] of kind === 'bars' ? points : []) if (v > 0) add('rect', { x: x(t), y: y(v), width: Math.max(2, x(t + 3600000) - x(t) - 2), height: y(0) - y(v), class: 'failed' });
  return svg;
}

const size = bytes => bytes === null || bytes === undefined ? 'unknown' : `${(bytes / 2 ** 30).toFixed(1)} GiB`;

// The latest recorded probe of this node as facts, and the probe history (every node) as a table.
function serverInfo(info) {
  const latest = info.latest;
  if (!latest) return el('p', { id: 'server-info' }, 'No probe recorded yet.');
  const host = latest.host;
  const disks = latest.disks.map(d => `${d.folder} on ${d.mount} (${d.filesystem}): ${size(d.free_bytes)} free of ${size(d.total_bytes)}; ` +
    (d.error ? `check failed: ${d.error}` : `write+fsync ${d.write_fsync_ms.toFixed(1)} ms, read ${d.read_ms.toFixed(1)} ms`));
  const postgres = latest.postgres.length === 0 ? ['not configured'] : latest.postgres.map(p => p.error ? `${p.role}: does not answer: ${p.error}`
    : `${p.role}: ${p.version}; ${p.postgis_version ?? 'no PostGIS'}; extensions ${p.extensions.map(e => `${e.name} ${e.version}`).join(', ')}`);
  const gpu = latest.gpu.gpus.length === 0 ? 'none' : latest.gpu.gpus.map(g => `${g.name} (${g.memory_total}, driver ${g.driver})`).join('; ') + `, CUDA ${latest.gpu.cuda_version ?? 'unknown'}`;
  const facts = [
    ['Probed', `${when(latest.probed_at)} on ${latest.node}`],
    ['OS', `${host.os} (kernel ${host.kernel}, ${host.architecture})`],
    ['CPU', `${host.cpu_model}, ${host.cores} cores`],
    ['Memory', `${size(host.memory_total_bytes)} total, ${size(host.memory_available_bytes)} available`],
    ...disks.map(d => ['Disk', d]),
    ['State store', `${latest.state_store}; engine ${latest.engine}`],
    ...postgres.map(p => ['PostgreSQL', p]),
    ['GPU', gpu],
    ['.NET', latest.software.runtime],
    ['Packages', Object.entries(latest.software.packages).map(([name, version]) => `${name} ${version}`).join(', ')],
  ];
  return el('div', {},
    el('dl', { class: 'facts', id: 'server-info' }, facts.map(([key, value]) => [el('dt', {}, key), el('dd', {}, value)])),
    table([['#', p => String(p.seq)], ['Probed', p => when(p.probed_at)], ['Node', p => p.node], ['Free disk', p => p.disks.map(d => size(d.free_bytes)).join(', ')],
      ['Write+fsync', p => p.disks.map(d => d.error ?? `${d.write_fsync_ms.toFixed(1)} ms`).join(', ')]], info.history));
}

function jobActions(job) {
  const buttons = [];
  if (['awaiting_upload', 'queued', 'running'].includes(job.state))
    buttons.push(el('button', { class: 'cancel', onclick: () => act(`Job ${job.id} cancelled`, () => api('POST', `/jobs/${job.id}/cancel`)) }, 'Cancel'));
  if (job.state === 'failed') buttons.push(el('button', { class: 'requeue', onclick: () => act(`Job ${job.id} requeued`, () => api('POST', `/jobs/${job.id}/requeue`)) }, 'Requeue'));
  if (job.state !== 'running') buttons.push(el('button', { class: 'delete', onclick: () => act(`Job ${job.id} deleted`, async () => { await api('DELETE', `/jobs/${job.id}`); state.page = 'jobs'; }) }, 'Delete'));
  if (['awaiting_upload', 'queued'].includes(job.state))
    buttons.push(el('input', { type: 'number', value: job.priority, size: 4, class: 'priority', title: 'priority',
      onchange: e => act('Priority saved', () => api('POST', `/jobs/${job.id}/priority`, { priority: Number(e.target.value) })) }));
  return el('span', { class: 'actions' }, buttons);
}

function jobTable(jobs) {
  return table([
    ['Job', j => el('a', { href: '#', class: 'job-link', onclick: e => { e.preventDefault(); state.page = 'job'; state.jobId = j.id; render(); } }, j.id)],
    ['User', j => j.user_id], ['Name', j => j.name ?? ''], ['State', j => j.state], ['Stage', j => `${j.stage ?? ''} ${j.stage ? j.progress_percent + '%' : ''}`],
    ['Priority', j => String(j.priority)], ['Created', j => when(j.created_at)], ['', j => jobActions(j)],
  ], jobs);
}

// The live tail: an EventSource on the job's log stream (same origin, so the session cookie goes along).
function follow(id, log, status, timings) {
  state.stream?.close();
  const stream = new EventSource(`/admin/api/jobs/${id}/log/stream`);
  state.stream = stream;
  stream.addEventListener('log', event => {
    const line = JSON.parse(event.data);
    log.append(`${when(line.at)} ${line.level} ${line.message}\n`);
    log.scrollTop = log.scrollHeight;
    const timing = /^Stage (\S+) finished in ([0-9.]+) s$/.exec(line.message);
    if (timing && !timings.querySelector(`tr[data-id="${timing[1]}"]`))
      timings.tBodies[0].append(el('tr', { 'data-id': timing[1] }, el('td', {}, timing[1]), el('td', {}, Number(timing[2]).toFixed(3))));
  });
  stream.addEventListener('state', event => {
    const now = JSON.parse(event.data);
    status.textContent = `${now.state} ${now.stage ?? ''} ${now.progress_percent}%`;
  });
  stream.addEventListener('end', () => stream.close());
}

function show(nodes) {
  const page = $('#page');
  page.replaceChildren(...nodes);
}

async function render() {
  if (state.page !== 'job') { state.stream?.close(); state.stream = null; }
  for (const button of document.querySelectorAll('nav button')) button.classList.toggle('active', button.dataset.page === state.page);
  try {
    show(await (state.page === 'job' ? pages.job(state.jobId) : pages[state.page]()));
  } catch (error) {
    say(error.message, true);
  }
}

function showSignIn() {
  state.csrf = null;
  state.stream?.close();
  $('#console').hidden = true;
  $('#sign-in').hidden = false;
}

async function start() {
  try {
    const session = await api('GET', '/session');
    state.csrf = session.csrf_token;
    state.header = session.csrf_header;
    $('#admin-email').textContent = session.email;
    $('#sign-in').hidden = true;
    $('#console').hidden = false;
    await render();
  } catch {
    showSignIn();
  }
}

$('#sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await api('POST', '/sign-in', { email: $('#sign-in-email').value, password: $('#sign-in-password').value });
    $('#sign-in-password').value = '';
    $('#sign-in-error').textContent = '';
    await start();
  } catch (error) {
    $('#sign-in-error').textContent = error.message;
  }
});
$('#sign-out').addEventListener('click', async () => { await api('POST', '/sign-out'); showSignIn(); });
for (const button of document.querySelectorAll('nav button')) button.addEventListener('click', () => { state.page = button.dataset.page; say(''); render(); });
start();
