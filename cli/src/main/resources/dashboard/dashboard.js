// The dashboard page: fetches the JSON API every REFRESH_MS and updates the tiles and charts in
// place (no reload). Money arrives as exact decimal strings and is shown as such: it is turned
// into a JavaScript number only to draw a bar, never to show a figure.
'use strict';

const REFRESH_MS = 2000;
const PALETTE = ['#2f6fde', '#e4572e', '#17a398', '#f2a541', '#8e5ccf', '#3c9d4e', '#d94f8a', '#5c6b7a',
  '#1b998b', '#c17c74'];
const charts = {};
let refreshes = 0;

// A marker a test can read to tell an in-place refresh from a reload.
window.dashboardLoadId = Math.random().toString(36).slice(2);
Chart.defaults.animation = false;
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(path + ': ' + response.status + ' ' + (await response.text()).trim());
  }
  return response.json();
}

async function refresh() {
  const started = Date.now();
  try {
    const [tiles, stores, items, top] = await Promise.all([
      getJson('api/tiles'),
      getJson('api/sales-by-store?minutes=30'),
      getJson('api/items-per-transaction?minutes=60'),
      getJson('api/top-products?limit=10&minutes=60'),
    ]);
    renderTiles(tiles);
    renderSalesByStore(stores);
    renderItems(items);
    renderTopProducts(top);
    refreshes += 1;
    document.body.dataset.refreshes = String(refreshes);
    setStatus('updated ' + new Date().toLocaleTimeString(), false);
  } catch (e) {
    setStatus('not updated: ' + e.message, true);
  } finally {
    setTimeout(refresh, Math.max(0, REFRESH_MS - (Date.now() - started)));
  }
}

// ---- formatting: strings in, strings out ----------------------------------------------------

/** "12345.67" -> "12,345.67" without going through a float. */
function grouped(number) {
  const text = String(number);
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (point < 0 ? '' : text.slice(point));
}

function utcTime(iso) {
  return iso ? iso.slice(11, 16) : '';
}

function duration(seconds) {
  const sign = seconds < 0 ? '−' : '';
  let s = Math.abs(seconds);
  if (s < 120) return sign + s + ' s';
  if (s < 7200) return sign + Math.floor(s / 60) + ' min';
  if (s < 172800) return sign + Math.floor(s / 3600) + ' h';
  return sign + Math.floor(s / 86400) + ' d';
}

// ---- tiles ----------------------------------------------------------------------------------

function tile(name) {
  return document.querySelector('[data-tile="' + name + '"]');
}

function setProvisional(name, provisional) {
  const element = tile(name);
  element.classList.toggle('provisional', Boolean(provisional));
  element.querySelector('.badge-provisional').hidden = !provisional;
}

function setValue(name, text, provisional) {
  tile(name).querySelector('.value').textContent = text;
  setProvisional(name, provisional);
}

function setNote(name, text) {
  tile(name).querySelector('.note').textContent = text;
}

/** One line per currency, the one with most transactions first and largest. */
function setAmounts(name, rows, provisional) {
  const box = tile(name).querySelector('.amounts');
  box.replaceChildren();
  if (rows.length === 0) {
    const empty = document.createElement('div');
    empty.className = 'value';
    empty.textContent = '—';
    box.append(empty);
  }
  rows.forEach((row, i) => {
    const line = document.createElement('div');
    line.className = 'amount' + (i === 0 ? ' main' : '') + (row.provisional ? ' provisional' : '');
    line.dataset.currency = row.currency;
    line.title = row.provisional ? 'provisional: some of its windows are not final yet' : 'final';
    const code = document.createElement('span');
    code.className = 'ccy';
    code.textContent = row.currency;
    line.append(code, ' ' + grouped(row.amount));
    box.append(line);
  });
  setProvisional(name, provisional);
}

function renderTiles(t) {
  document.getElementById('as-of').textContent = t.as_of
    ? 'as of ' + utcTime(t.as_of) + ' UTC (end of the newest KPI window, event time)'
    : 'no KPI rows yet';
  for (const [name, period] of [['minute', t.last_minute], ['hour', t.last_hour]]) {
    const currencies = period ? period.currencies : [];
    setAmounts('revenue-' + name,
      currencies.map(c => ({ currency: c.currency, amount: c.revenue, provisional: c.provisional })),
      period && period.provisional);
    setValue('transactions-' + name, period ? grouped(period.transactions) : '—', period && period.provisional);
  }
  const hour = t.last_hour;
  setValue('items-per-transaction', hour && hour.items_per_transaction ? hour.items_per_transaction : '—',
    hour && hour.provisional);
  const spend = hour ? hour.currencies.filter(c => c.avg_spend_per_customer !== null) : [];
  setAmounts('avg-spend',
    spend.map(c => ({ currency: c.currency, amount: c.avg_spend_per_customer, provisional: c.provisional })),
    spend.some(c => c.provisional));

  const h = t.health;
  setValue('dead-letter-rate', h && h.dead_letter_rate_percent ? h.dead_letter_rate_percent + ' %' : '—',
    h && h.provisional);
  setNote('dead-letter-rate', h ? grouped(h.dead_lettered) + ' of ' + grouped(h.events_in)
    + ' messages, last hour of publish time' : 'no health rows yet');
  setValue('duplicates', h ? grouped(h.duplicates) : '—', h && h.provisional);
  setValue('late-drops', h ? grouped(h.dropped_late) : '—', h && h.provisional);

  const f = t.freshness;
  const value = tile('freshness').querySelector('.value');
  value.textContent = f.newest_event ? duration(f.seconds) : '—';
  value.dataset.newestEvent = f.newest_event || '';
  setNote('freshness', f.newest_event
    ? 'since the newest sale, ' + f.newest_event.replace('T', ' ').replace('Z', ' UTC') + ' (event time)'
    : 'no sales yet');
}

// ---- charts ---------------------------------------------------------------------------------

function chart(id, config) {
  if (!charts[id]) {
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options);
    charts[id] = new Chart(document.getElementById(id), config);
  }
  return charts[id];
}

function renderSalesByStore(body) {
  const c = chart('chart-sales-by-store', {
    type: 'line',
    data: { labels: [], datasets: [] },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: { y: { beginAtZero: true, title: { display: true, text: 'transactions' } } },
      plugins: { legend: { position: 'right' } },
    },
  });
  const provisional = body.provisional;
  c.data.labels = body.windows.map(utcTime);
  c.data.datasets = body.stores.map((s, i) => ({
    label: s.store_id,
    data: s.transactions,
    borderColor: PALETTE[i % PALETTE.length],
    backgroundColor: PALETTE[i % PALETTE.length],
    borderWidth: 2,
    pointRadius: 0,
    tension: 0.25,
    segment: { borderDash: ctx => (provisional[ctx.p1DataIndex] ? [5, 4] : undefined) },
  }));
  c.update('none');
}

function renderItems(body) {
  const c = chart('chart-items', {
    type: 'bar',
    data: { labels: [], datasets: [{ label: 'sales', data: [], backgroundColor: '#2f6fde' }] },
    options: {
      plugins: { legend: { display: false } },
      scales: {
        x: { title: { display: true, text: 'items in the sale' } },
        y: { beginAtZero: true, title: { display: true, text: 'sales' } },
      },
    },
  });
  c.data.labels = body.buckets.map(b => String(b.items));
  c.data.datasets[0].data = body.buckets.map(b => b.transactions);
  c.update('none');
}

function renderTopProducts(body) {
  const main = body.currencies[0];
  const c = chart('chart-top-products', {
    type: 'bar',
    data: { labels: [], datasets: [{ label: 'revenue', data: [], backgroundColor: '#17a398' }] },
    options: {
      indexAxis: 'y',
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: ctx => c.$exact[ctx.dataIndex] } },
      },
      scales: { x: { beginAtZero: true } },
    },
  });
  const products = main ? main.products : [];
  c.data.labels = products.map(p => p.product_id);
  c.data.datasets[0].data = products.map(p => Number(p.revenue)); // bar length only
  c.$exact = products.map(p => main.currency + ' ' + grouped(p.revenue) + ' · ' + grouped(p.items) + ' items');
  c.update('none');
  document.getElementById('top-currency').textContent = main ? main.currency : '—';
  document.getElementById('top-others').textContent = body.currencies.slice(1)
    .map(o => o.currency + ': ' + o.products.slice(0, 3).map(p => p.product_id + ' ' + grouped(p.revenue)).join(', '))
    .join(' · ');
}

function setStatus(text, error) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.classList.toggle('error', error);
}

refresh();
